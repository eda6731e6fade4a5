/**
 * `name AS PROCTIME()` columns (Flink's processing time). A playground
 * replays streams far faster than real time, so a wall clock would make every
 * run and every variant differ; here a PROCTIME() value is the row's arrival
 * on the replay clock (see `arrival-clock.ts`): for a generated stream the
 * time the row happens before disorder delays it, for a file the running max
 * of event time. Generators and files never see these columns: the source
 * fills them from each row's `seq`, after the data columns are made.
 */
import type { Column, ColumnBatch } from '../core/batch';
import type { Field, Schema } from '../core/types';

/** Where a source's PROCTIME() columns are, and the schema its data columns make. */
export interface ProctimeSplit {
  /** Positions in the full schema of the PROCTIME() columns, ascending. */
  readonly positions: readonly number[];
  /** The full schema without them: what a generator or a file fills. */
  readonly data: Schema;
  /** Full-schema index → data-schema index (−1 for a PROCTIME() column). */
  readonly toData: readonly number[];
}

export function isProctime(f: Field): boolean {
  return f.proctime === true;
}

/** null when the schema has no PROCTIME() column (the usual case: sources then do nothing extra). */
export function splitProctime(schema: Schema): ProctimeSplit | null {
  if (!schema.some(isProctime)) return null;
  const positions: number[] = [];
  const data: Field[] = [];
  const toData = schema.map((f, i) => {
    if (isProctime(f)) {
      positions.push(i);
      return -1;
    }
    data.push(f);
    return data.length - 1;
  });
  return { positions, data, toData };
}

/** A full-schema column index as a data-schema index; a PROCTIME() column cannot be one (`what` says where it was asked for). */
export function dataIndex(split: ProctimeSplit, index: number, what: string): number {
  const k = split.toData[index];
  if (k === undefined || k < 0)
    throw new Error(`${what} cannot be a PROCTIME() column: its values are made after the row`);
  return k;
}

/** `dataIndex` for an optional index. */
export function dataIndexOrNull(split: ProctimeSplit, index: number | null, what: string): number | null {
  return index === null ? null : dataIndex(split, index, what);
}

/** The batch with its PROCTIME() columns spliced in, `arrivalOfSeq(seq[i])` for row i. */
export function withProctime(
  split: ProctimeSplit,
  b: ColumnBatch,
  arrivalOfSeq: (seq: number) => number,
): ColumnBatch {
  const arrival = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) arrival[i] = arrivalOfSeq(b.seq[i]!);
  // Each column its own buffer: a batch's buffers are transferred to workers, and a buffer listed twice cannot be.
  const columns = split.toData.map((k, i): Column => {
    if (k >= 0) return b.columns[k]!;
    return { type: 'TIMESTAMP', data: i === split.positions[0] ? arrival : arrival.slice(), valid: null };
  });
  return { ...b, columns };
}
