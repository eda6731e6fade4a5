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
 *
 * Arrays are kept by capacity, a power of two: a filter's output batches differ in length by a
 * few rows each, so arrays of exact lengths would never be taken again. One of n entries is a
 * view of its first n over a buffer of the capacity (byte offset 0); the entries past n are
 * never written, so in Chromium their pages are never faulted in.
 */
import type { ColumnBatch } from './batch';

/** Arrays kept per capacity and kind: eight batches in flight to a worker and the one being built, of about six arrays each. */
const KEEP = 48;
/** Capacities kept, the most recently given back: a run uses a few, and a tab runs many with different batch sizes. */
const CAPACITIES = 4;
/** The smallest capacity: below it a buffer of its own costs less than keeping it. */
const MIN_CAPACITY = 64;

/** The capacity of the arrays an array of n entries is cut from. */
export function capacityFor(n: number): number {
  return n <= MIN_CAPACITY ? MIN_CAPACITY : 2 ** Math.ceil(Math.log2(n));
}

type PoolArray = Float64Array<ArrayBufferLike> | Int32Array<ArrayBufferLike>;

class Shelf<T extends PoolArray> {
  /** Whole arrays (length = capacity) by capacity. */
  private readonly byCapacity = new Map<number, T[]>();
  /** The buffers on the shelf: two batches given back may share one (a column passed on), which must not come back twice. */
  private readonly shelved = new WeakSet<ArrayBufferLike>();
  /** Tests: what arrays on the shelf are filled with (NaN, −1), or null. */
  private poisonValue: number | null = null;
  get poison(): number | null {
    return this.poisonValue;
  }
  /** Poisons the arrays already on the shelf too, so each one taken is checked alike. */
  set poison(p: number | null) {
    this.poisonValue = p;
    if (p !== null) for (const list of this.byCapacity.values()) for (const a of list) a.fill(p);
  }
  constructor(
    private readonly make: (capacity: number) => T,
    private readonly view: (buffer: ArrayBufferLike, n: number) => T,
  ) {}
  take(n: number): T {
    const capacity = capacityFor(n);
    const list = this.byCapacity.get(capacity);
    let whole = list?.pop();
    // Transferred away since it came back (a caller's mistake): its views would throw.
    while (whole !== undefined && whole.buffer.byteLength === 0) whole = list!.pop();
    if (whole === undefined) whole = this.make(capacity);
    else if (this.poison !== null) this.checkPoisoned(whole);
    this.shelved.delete(whole.buffer);
    // A view, not subarray(): no species lookup per batch.
    return n === capacity ? whole : this.view(whole.buffer, n);
  }
  /**
   * Takes back an array of a buffer of a pool capacity (from offset 0), unless it is on the shelf
   * already; returns whether it did.
   */
  put(a: T): boolean {
    const capacity = a.buffer.byteLength / a.BYTES_PER_ELEMENT;
    // Not one of ours (a view elsewhere in a buffer, or of a size we never make), or back already.
    if (a.byteOffset !== 0 || capacity !== capacityFor(capacity) || this.shelved.has(a.buffer)) return false;
    const list = this.byCapacity.get(capacity) ?? [];
    // Re-inserted: the Map's order is then the order capacities were last given back in.
    this.byCapacity.delete(capacity);
    this.byCapacity.set(capacity, list);
    if (list.length < KEEP) {
      const whole = a.length === capacity ? a : this.view(a.buffer, capacity);
      if (this.poison !== null) whole.fill(this.poison);
      list.push(whole);
      this.shelved.add(a.buffer);
    }
    // A dropped capacity's buffers stay in `shelved` until collected: none of them is taken again.
    if (this.byCapacity.size > CAPACITIES) this.byCapacity.delete(this.byCapacity.keys().next().value!);
    return true;
  }

  /** Whoever gave an array back and wrote into it afterwards still held it: a bug to report, not to read garbage from. */
  private checkPoisoned(whole: T): void {
    const p = this.poison;
    for (let j = 0; j < whole.length; j++)
      if (!Object.is(whole[j], p))
        throw new Error(
          `batch pool: an array given back was written at ${j} while on the shelf (its giver still held it)`,
        );
  }
}

export class BatchPool {
  private readonly f64s = new Shelf<Float64Array<ArrayBufferLike>>(
    (n) => new Float64Array(n),
    (b, n) => new Float64Array(b, 0, n),
  );
  private readonly i32s = new Shelf<Int32Array<ArrayBufferLike>>(
    (n) => new Int32Array(n),
    (b, n) => new Int32Array(b, 0, n),
  );
  private readonly fromPool = new WeakSet<ColumnBatch>();
  /**
   * Tests: fill arrays given back with NaN and −1, so a reader that kept one reads garbage, and
   * check when one is taken again that nobody wrote into it meanwhile (a giver that kept it).
   */
  get poison(): boolean {
    return this.f64s.poison !== null;
  }
  set poison(on: boolean) {
    this.f64s.poison = on ? NaN : null;
    this.i32s.poison = on ? -1 : null;
  }

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
   * back (a new object over the same, now again only our, buffers), or a worker's output whose
   * arrays no operator holds (worker-run.ts), except those in `keep`. Arrays the pool could not
   * have made, or has back already, are left alone.
   */
  adopt(batch: ColumnBatch, keep: ReadonlySet<ArrayBufferLike> | null = null): void {
    this.f64back(batch.seq, keep);
    this.f64back(batch.wm, keep);
    for (const c of batch.columns) {
      if (c.type === 'VARCHAR') {
        if (keep?.has(c.codes.buffer) !== true) this.i32s.put(c.codes);
      } else if (c.type !== 'BOOLEAN' && c.type !== 'NULL') this.f64back(c.data, keep);
    }
  }

  private f64back(a: Float64Array<ArrayBufferLike>, keep: ReadonlySet<ArrayBufferLike> | null = null): void {
    if (keep?.has(a.buffer) !== true) this.f64s.put(a);
  }
}

/** This thread's pool. */
export const batchPool = new BatchPool();
