/**
 * A bounded stream from rows held in memory (tests, conformance cases, parsed
 * files): typed by the source's columns, numbered in arrival order and
 * watermarked at the source exactly as generators are.
 */
import { buildBatch } from '../core/batch-builder';
import { isValid, type NumberColumn } from '../core/batch';
import type { Row, Schema, Value } from '../core/types';
import type { SourceSpec } from '../plan/physical-plan';
import type { BatchSource } from './batch-source';
import { dataIndexOrNull, splitProctime, withProctime } from './proctime-columns';
import { rowsClock, rowsClockData } from './rows-clock';
import { WatermarkTracker } from './watermark';

export interface RowsSourceOptions {
  /** seq of each row (default: its index). Files use 1-based line numbers. */
  readonly seq?: readonly number[];
}

type RowsSpec = Pick<SourceSpec, 'columns' | 'timeColumn' | 'watermarkDelay'>;

/** Rows given as arrays list the data columns only: a PROCTIME() column is filled here, from the rows' arrival. */
export function createRowsSource(
  spec: RowsSpec,
  rows: readonly (Row | readonly Value[])[],
  opts: RowsSourceOptions = {},
): BatchSource {
  const split = splitProctime(spec.columns);
  if (split === null) return createDataSource(spec, rows, opts);
  const timeColumn = dataIndexOrNull(split, spec.timeColumn, 'the event-time column');
  const inner = createDataSource({ ...spec, columns: split.data, timeColumn }, rows, opts);
  let arrivalOfSeq: ((seq: number) => number) | null = null;
  return {
    bounded: true,
    next(maxRows) {
      const b = inner.next(maxRows);
      if (b === null) return null;
      arrivalOfSeq ??= rowsArrival(split.data, timeColumn, rows, opts);
      return withProctime(split, b, arrivalOfSeq);
    },
  };
}

/** Each row's arrival, by seq: the rows' own clock (the running max of event time), built from all of them once. */
function rowsArrival(
  data: Schema,
  timeColumn: number | null,
  rows: readonly (Row | readonly Value[])[],
  opts: RowsSourceOptions,
): (seq: number) => number {
  const seq = opts.seq ?? rows.map((_, k) => k);
  const ts: (number | null)[] = new Array<number | null>(rows.length).fill(null);
  if (timeColumn !== null) {
    const field = data[timeColumn]!;
    const col = buildBatch(
      rows.map((r) => [
        (Array.isArray(r) ? (r as readonly Value[])[timeColumn] : (r as Row)[field.name]) ?? null,
      ]),
      [field],
    ).columns[0]!;
    if (col.type === 'TIMESTAMP' || col.type === 'BIGINT')
      for (let k = 0; k < rows.length; k++) if (isValid(col.valid, k)) ts[k] = col.data[k]!;
  }
  return rowsClock(rowsClockData(ts, seq)).arrivalOfSeq;
}

function createDataSource(
  spec: RowsSpec,
  rows: readonly (Row | readonly Value[])[],
  opts: RowsSourceOptions,
): BatchSource {
  const wmt = new WatermarkTracker(spec.watermarkDelay);
  let at = 0;
  return {
    bounded: true,
    next(maxRows: number): ReturnType<BatchSource['next']> {
      if (at >= rows.length) return null;
      const take = Math.max(1, Math.min(maxRows, rows.length - at));
      const slice = rows.slice(at, at + take);
      const seq = opts.seq ? opts.seq.slice(at, at + take) : slice.map((_, k) => at + k);
      const batch = buildBatch(slice, spec.columns, { seq });
      const ts = spec.timeColumn === null ? null : (batch.columns[spec.timeColumn] as NumberColumn);
      const wm = batch.wm as Float64Array;
      const wmAfter = wmt.fill(ts && ts.type !== ('NULL' as string) ? ts : null, take, wm);
      at += take;
      return { ...batch, wmAfter };
    },
  };
}
