/**
 * The watermark of dialect §4, computed once at the source in stream order:
 * W(i) = max(ts of rows 0…i−1) − d, −∞ before the first row. Rows with a NULL
 * time do not advance it. Stateful across batches of one contiguous stream.
 */
import type { NumberColumn } from '../core/batch';

export class WatermarkTracker {
  private maxTs = -Infinity;
  constructor(private readonly delay: number) {}

  /** The watermark after every row seen so far. */
  get current(): number {
    return this.maxTs - this.delay;
  }

  /**
   * Writes W(i) for rows [0, n) of a batch into `wmOut` (the time column may be
   * null when the stream has none: then the watermark stays −∞). Returns wmAfter.
   */
  fill(ts: NumberColumn | null, n: number, wmOut: Float64Array): number {
    const d = this.delay;
    let max = this.maxTs;
    if (ts === null) {
      wmOut.fill(max - d, 0, n);
      return max - d;
    }
    const data = ts.data;
    const valid = ts.valid;
    for (let i = 0; i < n; i++) {
      wmOut[i] = max - d;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const t = data[i]!;
      if (t > max) max = t;
    }
    this.maxTs = max;
    return max - d;
  }
}
