/**
 * The bandwidth limit: touch every value of the columns a query reads, do
 * almost nothing with it. No engine can beat this on the same batches.
 */
import type { ColumnBatch } from '../../engine/core/batch';

/** Sums every number and dictionary code of the given columns; the result keeps the loop from being optimised away. */
export function scanColumns(batches: readonly ColumnBatch[], columns: readonly number[]): number {
  let acc = 0;
  for (const b of batches) {
    const n = b.length;
    for (const c of columns) {
      const col = b.columns[c]!;
      if (col.type === 'VARCHAR') {
        const codes = col.codes;
        let s = 0;
        for (let i = 0; i < n; i++) s += codes[i]!;
        acc += s;
      } else if (col.type !== 'NULL') {
        const data = col.data;
        let s = 0;
        for (let i = 0; i < n; i++) s += data[i]!;
        acc += s;
      }
    }
    const wm = b.wm;
    let m = 0;
    for (let i = 0; i < n; i++) m = wm[i]! > m ? wm[i]! : m;
    acc += m;
  }
  return acc;
}
