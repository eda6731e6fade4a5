/** Drains a source into plain arrays, column by column: for tests and tools that compare whole streams. */
import type { ColumnBatch } from '../../core/batch';
import { batchDictionaries, readValue } from '../../core/batch-rows';
import type { Value } from '../../core/types';

export interface DrainedStream {
  readonly seq: number[];
  readonly wm: number[];
  readonly wmAfter: number[];
  readonly columns: Value[][];
}

export function drainSource(
  src: { next(maxRows: number): ColumnBatch | null },
  width: number,
  batchSize: number,
): DrainedStream {
  const out: DrainedStream = {
    seq: [],
    wm: [],
    wmAfter: [],
    columns: Array.from({ length: width }, () => []),
  };
  for (let b = src.next(batchSize); b; b = src.next(batchSize)) {
    const dicts = batchDictionaries(b);
    for (let i = 0; i < b.length; i++) {
      out.seq.push(b.seq[i]!);
      out.wm.push(b.wm[i]!);
    }
    out.wmAfter.push(b.wmAfter);
    for (let c = 0; c < width; c++) {
      const col = b.columns[c]!;
      const values = out.columns[c]!;
      for (let i = 0; i < b.length; i++) values.push(readValue(col, i, dicts[c]!));
    }
  }
  return out;
}

/**
 * Where two drained streams first differ ("columns[2][17]: 3.5 ≠ 3.25"), or null when they are
 * the same (Object.is per value: a −0 is not a 0). Tests of long streams compare with it rather
 * than toEqual, whose diff of two 30,000-row streams takes minutes to print when they differ.
 */
export function firstDifference(a: DrainedStream, b: DrainedStream): string | null {
  if (a.columns.length !== b.columns.length) return `columns: ${a.columns.length} ≠ ${b.columns.length}`;
  const lists: [string, readonly Value[], readonly Value[]][] = [
    ['seq', a.seq, b.seq],
    ['wm', a.wm, b.wm],
    ['wmAfter', a.wmAfter, b.wmAfter],
    ...a.columns.map((c, k): [string, readonly Value[], readonly Value[]] => [
      `columns[${k}]`,
      c,
      b.columns[k]!,
    ]),
  ];
  for (const [name, x, y] of lists) {
    if (x.length !== y.length) return `${name}: ${x.length} ≠ ${y.length} entries`;
    for (let i = 0; i < x.length; i++)
      if (!Object.is(x[i], y[i])) return `${name}[${i}]: ${String(x[i])} ≠ ${String(y[i])}`;
  }
  return null;
}
