/**
 * Per key, the arena slots of its held-back rows in (event time, arrival)
 * order. Rows mostly arrive in order, so insertion walks back from the tail;
 * release takes from the head by moving an index, so neither end shifts the
 * rest of the queue (the top key of a skewed stream holds hundreds of rows).
 */
export class KeyQueues {
  private queues: Int32Array[] = [];
  private head = new Int32Array(0);
  private tail = new Int32Array(0);

  /** Inserts `slot` (event time ts[slot]) into key k's queue after every row with time ≤ ts[slot]. */
  push(k: number, slot: number, ts: Float64Array): void {
    if (k >= this.head.length) this.growKeys(k);
    let q = this.queues[k];
    if (q === undefined) q = this.queues[k] = new Int32Array(16);
    let h = this.head[k]!;
    let t = this.tail[k]!;
    if (t === q.length) {
      if (h > 0 && (t - h) * 2 <= q.length) q.copyWithin(0, h, t);
      else {
        const b = new Int32Array(q.length * 2);
        b.set(q.subarray(h, t));
        q = this.queues[k] = b;
      }
      t -= h;
      h = 0;
      this.head[k] = 0;
    }
    const x = ts[slot]!;
    let at = t;
    while (at > h && ts[q[at - 1]!]! > x) at--;
    if (at < t) q.copyWithin(at + 1, at, t);
    q[at] = slot;
    this.tail[k] = t + 1;
  }

  /**
   * Removes key k's rows with event time ≤ upTo from the head, in order, into
   * out[j…]; returns the new j.
   */
  popUpTo(k: number, upTo: number, ts: Float64Array, out: Int32Array, j: number): number {
    const q = this.queues[k];
    if (q === undefined) return j;
    let h = this.head[k]!;
    const t = this.tail[k]!;
    while (h < t) {
      const s = q[h]!;
      if (ts[s]! > upTo) break;
      out[j++] = s;
      h++;
    }
    if (h === t) {
      this.head[k] = 0;
      this.tail[k] = 0;
    } else this.head[k] = h;
    return j;
  }

  /** Event time of the newest row key k holds (its queue is in time order), −∞ when it holds none. */
  newestTs(k: number, ts: Float64Array): number {
    if (k >= this.head.length) return -Infinity;
    const t = this.tail[k]!;
    return t > this.head[k]! ? ts[this.queues[k]![t - 1]!]! : -Infinity;
  }

  /** Rows held for key k. */
  held(k: number): number {
    return k < this.head.length ? this.tail[k]! - this.head[k]! : 0;
  }

  /** Keys that ever held a row are below this bound. */
  get keyBound(): number {
    return this.queues.length;
  }

  private growKeys(k: number): void {
    const n = Math.max(64, (k + 1) * 2);
    const h = new Int32Array(n);
    h.set(this.head);
    this.head = h;
    const t = new Int32Array(n);
    t.set(this.tail);
    this.tail = t;
  }
}
