/**
 * A bounded stream from rows held in memory (tests, conformance cases, parsed
 * files): typed by the source's columns, numbered in arrival order and
 * watermarked at the source exactly as generators are.
 */
import { buildBatch } from '../core/batch-builder';
import type { NumberColumn } from '../core/batch';
import type { Row, Value } from '../core/types';
import type { SourceSpec } from '../plan/physical-plan';
import type { BatchSource } from './batch-source';
import { WatermarkTracker } from './watermark';

export interface RowsSourceOptions {
  /** seq of each row (default: its index). Files use 1-based line numbers. */
  readonly seq?: readonly number[];
}

export function createRowsSource(
  spec: Pick<SourceSpec, 'columns' | 'timeColumn' | 'watermarkDelay'>,
  rows: readonly (Row | readonly Value[])[],
  opts: RowsSourceOptions = {},
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
