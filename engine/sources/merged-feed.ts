/**
 * Reads a plan's sources in arrival order: always from the source whose next
 * row arrives first, a batch at a time (the engine merges rows finer than
 * that), so no source runs far ahead of the others and the engine's queues
 * stay about one batch deep. A plan with one source reads it as it is.
 */
import { emptyBatch, type ColumnBatch } from '../core/batch';
import { arrivalKey } from './arrival-clock';
import type { BatchSource } from './batch-source';

/** A source that can say when its next row arrives (see `arrival-clock.ts`). */
export interface ArrivingSource {
  readonly source: BatchSource;
  /** Arrival time (ms) of the next row it will deliver; +∞ once it has no more. */
  nextArrival(): number;
}

export interface FeedItem {
  readonly source: number;
  /** Empty when the source only came further (or ended: then `nextArrival` is +∞). */
  readonly batch: ColumnBatch;
  /** Arrival time of the source's next row; undefined for single-source plans, which need none. */
  readonly nextArrival: number | undefined;
}

export class MergedFeed {
  private readonly ended: boolean[];
  private readonly multi: boolean;

  constructor(
    private readonly sources: readonly ArrivingSource[],
    /** Rows to ask of source s at a time. */
    private readonly maxRows: (s: number) => number,
  ) {
    this.ended = sources.map(() => false);
    this.multi = sources.length > 1;
  }

  /** The next batch in arrival order, or null once every source has ended. */
  next(): FeedItem | null {
    let s = -1;
    if (!this.multi) s = this.ended[0] ? -1 : 0;
    else {
      let best = Infinity;
      for (let k = 0; k < this.sources.length; k++) {
        if (this.ended[k]) continue;
        const key = arrivalKey(this.sources[k]!.nextArrival(), k);
        if (s < 0 || key < best) {
          s = k;
          best = key;
        }
      }
    }
    if (s < 0) return null;
    const src = this.sources[s]!;
    const batch = src.source.next(this.maxRows(s));
    if (batch === null) {
      this.ended[s] = true;
      return this.multi ? { source: s, batch: emptyBatch(Infinity), nextArrival: Infinity } : null;
    }
    return { source: s, batch, nextArrival: this.multi ? src.nextArrival() : undefined };
  }

  /** True once every source has ended. */
  get done(): boolean {
    return this.ended.every((e) => e);
  }
}
