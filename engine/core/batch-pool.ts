/**
 * Arrays of generated batches the engine is done with, for the generators of
 * this thread to fill again. Chromium hands every new ArrayBuffer out on
 * pages not yet touched, so each 4 KB page faults on its first write (0.4–0.6
 * ms per MB, against 0.02–0.05 in Node, whose allocator reuses freed memory):
 * a 16384-row batch of trades is 700 KB of new arrays, 16–25 ms per 1M rows.
 *
 * Only a batch made from the pool (`made`) goes back, and only when its
 * reader says it keeps none of its arrays (`give`, called by a worker's own
 * loop after the engine took the batch and its outputs were checksummed and
 * copied). Whoever takes an array overwrites all of it.
 */
import type { ColumnBatch } from './batch';

/** Arrays kept per length and kind: eight batches in flight to a worker and the one being built, of about six arrays each. */
const KEEP = 48;
/** Lengths kept, the most recently given back: a run uses one or two, and a tab runs many with different batch sizes. */
const LENGTHS = 3;

class Shelf<T extends Float64Array<ArrayBufferLike> | Int32Array<ArrayBufferLike>> {
  private readonly byLength = new Map<number, T[]>();
  constructor(private readonly make: (n: number) => T) {}
  take(n: number): T {
    return this.byLength.get(n)?.pop() ?? this.make(n);
  }
  put(a: T): void {
    const list = this.byLength.get(a.length) ?? [];
    // Re-inserted: the Map's order is then the order lengths were last given back in.
    this.byLength.delete(a.length);
    this.byLength.set(a.length, list);
    if (list.length < KEEP) list.push(a);
    if (this.byLength.size > LENGTHS) this.byLength.delete(this.byLength.keys().next().value!);
  }
}

export class BatchPool {
  private readonly f64s = new Shelf<Float64Array<ArrayBufferLike>>((n) => new Float64Array(n));
  private readonly i32s = new Shelf<Int32Array<ArrayBufferLike>>((n) => new Int32Array(n));
  private readonly fromPool = new WeakSet<ColumnBatch>();
  /** Tests: fill arrays given back with NaN and −1, so a reader that kept one reads garbage. */
  poison = false;

  /** A Float64Array of n entries, old contents (the caller writes every entry). */
  f64(n: number): Float64Array<ArrayBufferLike> {
    return this.f64s.take(n);
  }
  /** An Int32Array of n entries, old contents (the caller writes every entry). */
  i32(n: number): Int32Array<ArrayBufferLike> {
    return this.i32s.take(n);
  }

  /** Marks a batch whose number, code, seq and watermark arrays came from `f64` and `i32`. */
  made(batch: ColumnBatch): ColumnBatch {
    this.fromPool.add(batch);
    return batch;
  }

  /** Whether the batch was made from the pool (see `made`). */
  isMade(batch: ColumnBatch): boolean {
    return this.fromPool.has(batch);
  }

  /** Takes back a marked batch's arrays (once; other batches are left alone). */
  give(batch: ColumnBatch): void {
    if (this.fromPool.delete(batch)) this.adopt(batch);
  }

  /**
   * Takes a batch's arrays without the mark: a marked batch sent to a worker and transferred
   * back, a new object over the same (now again only our) buffers.
   */
  adopt(batch: ColumnBatch): void {
    this.f64back(batch.seq);
    this.f64back(batch.wm);
    for (const c of batch.columns) {
      if (c.type === 'VARCHAR') {
        if (this.poison) c.codes.fill(-1);
        this.i32s.put(c.codes);
      } else if (c.type !== 'BOOLEAN' && c.type !== 'NULL') this.f64back(c.data);
    }
  }

  private f64back(a: Float64Array<ArrayBufferLike>): void {
    if (this.poison) a.fill(NaN);
    this.f64s.put(a);
  }
}

/** This thread's pool. */
export const batchPool = new BatchPool();
