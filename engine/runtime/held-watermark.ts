/** A batch as what reads a join sees it when the join holds its watermark back (see output-hold-back.ts). */
import type { ColumnBatch } from '../core/batch';

/** The batch with every watermark it carries `ms` earlier (its rows untouched). */
export function heldBack(b: ColumnBatch, ms: number): ColumnBatch {
  if (ms === 0) return b;
  const wm = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) wm[i] = b.wm[i]! - ms;
  return { ...b, wm, wmAfter: b.wmAfter - ms };
}
