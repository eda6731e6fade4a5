/**
 * Rows given inline (test fixtures, conformance cases, small pasted data) as a
 * batch source: the same seq and watermark a generator or file would give them.
 */
import type { ColumnBatch, NumberColumn } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import type { Row } from '../core/types';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { BatchSource } from '../sources/batch-source';
import { WatermarkTracker } from '../sources/watermark';

export function createRowsSource(plan: PhysicalPlan, rows: readonly Row[]): BatchSource {
  const { columns, timeColumn, watermarkDelay } = plan.source;
  const tracker = new WatermarkTracker(watermarkDelay);
  let pos = 0;
  return {
    bounded: true,
    next(maxRows: number): ColumnBatch | null {
      if (pos >= rows.length) return null;
      const slice = rows.slice(pos, pos + maxRows);
      const seq = slice.map((_, k) => pos + k);
      const draft = buildBatch(slice, columns, { seq });
      const wm = new Float64Array(slice.length);
      const ts = timeColumn === null ? null : (draft.columns[timeColumn] as NumberColumn);
      const wmAfter = tracker.fill(ts, slice.length, wm);
      pos += slice.length;
      return { ...draft, wm, wmAfter };
    },
  };
}
