/**
 * A deduplication's candidate rows: one record per key whose first row is still waiting for the
 * watermark (all but the newest one, which the operator holds in a register of its own).
 * Records come from a free list and are freed as their row goes out, so there are about as many
 * as rows waiting (with no watermark delay, a handful), while the operator keeps only a mark and
 * a time per key for ever: S7 has 900,001 keys, and six arrays per key (29 bytes) cost more to
 * grow and to stream through than the rows to read.
 */
export class DedupCandidates {
  /** Arrival seq of the candidate row. */
  seq = new Float64Array(64);
  /** Its row in the batch being read, or −1. */
  row = new Int32Array(64).fill(-1);
  /** Its arena slot, or −1. */
  slot = new Int32Array(64).fill(-1);
  /** Bumped by every heap entry for the record and by its release: older entries are stale. */
  gen = new Int32Array(64);
  /** The key (group) the record is for. */
  key = new Int32Array(64);
  private free = Int32Array.from({ length: 64 }, (_, i) => 63 - i);
  private nFree = 64;

  /** Records there are, free or not (ids are below it). */
  get capacity(): number {
    return this.seq.length;
  }

  /** A record for key g (row and slot −1). */
  alloc(g: number): number {
    if (this.nFree === 0) this.grow();
    const r = this.free[--this.nFree]!;
    this.key[r] = g;
    return r;
  }

  release(r: number): void {
    this.row[r] = -1;
    this.slot[r] = -1;
    this.gen[r]!++;
    this.free[this.nFree++] = r;
  }

  private grow(): void {
    const n = this.seq.length;
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(2 * n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array, fill: number): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(2 * n).fill(fill);
      b.set(a);
      return b;
    };
    this.seq = f64(this.seq);
    this.row = i32(this.row, -1);
    this.slot = i32(this.slot, -1);
    this.gen = i32(this.gen, 0);
    this.key = i32(this.key, 0);
    this.free = new Int32Array(2 * n);
    for (let j = 0; j < n; j++) this.free[j] = 2 * n - 1 - j;
    this.nFree = n;
  }
}
