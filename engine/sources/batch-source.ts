/**
 * Where rows come from: generators, files, test fixtures. A source hands out
 * columnar batches in stream order, each row already carrying its arrival
 * `seq` and the watermark `wm` in force before it (dialect §4), so that every
 * execution variant sees the same stream.
 */
import type { ColumnBatch } from '../core/batch';

export interface BatchSource {
  /**
   * The next batch of at most `maxRows` rows (its columns follow the plan's
   * `source.columns`), or null when the stream has ended. Unbounded sources
   * never return null.
   */
  next(maxRows: number): ColumnBatch | null;
  /** True if the stream ends (a `total`, a file, a fixture). */
  readonly bounded: boolean;
}
