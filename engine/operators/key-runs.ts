/**
 * A batch's accepted rows grouped by key, arrival order kept within each key:
 * a counting sort over the keys the batch touches (no per-key lists), so an
 * operator can then work one key's run at a time. The acceptance test of a
 * row window (event time not NULL and above the key's watermark) runs in the
 * counting pass, so the batch is read twice, not three times.
 */
export class KeyRuns {
  /** Keys the batch touched, in first-seen order: touched[0..count). */
  touched = new Int32Array(64);
  count = 0;
  /** Rows of touched key k are rows[start[k] .. start[k] + size[k]). */
  rows = new Int32Array(0);
  start = new Int32Array(0);
  size = new Int32Array(0);
  /** Rows not accepted, rejected[0..rejectedCount), in row order, with their key's max ts at that row. */
  rejected = new Int32Array(0);
  rejectedMax = new Float64Array(0);
  rejectedCount = 0;
  private stamp = new Int32Array(0);
  private stampNo = 0;

  /**
   * Groups the batch's rows 0..n (key ids `groups`, all below keyBound) with
   * a valid ts above maxTs[k] − d by key, raising maxTs[k] as it goes (it is
   * the watermark of the rows after it); returns how many.
   */
  group(
    groups: Int32Array,
    n: number,
    ts: Float64Array,
    valid: Uint8Array | null,
    maxTs: Float64Array,
    d: number,
    keyBound: number,
  ): number {
    if (this.rows.length < n) {
      this.rows = new Int32Array(Math.max(n, this.rows.length * 2));
      this.rejected = new Int32Array(this.rows.length);
      this.rejectedMax = new Float64Array(this.rows.length);
    }
    if (keyBound > this.stamp.length) this.growKeys(keyBound - 1);
    if (keyBound > this.touched.length)
      this.touched = new Int32Array(Math.max(keyBound, 2 * this.touched.length));
    // The arrays in locals: V8 runs these loops ~3× slower over typed arrays read from fields.
    const stamp = this.stamp;
    const size = this.size;
    const start = this.start;
    const touched = this.touched;
    const rows = this.rows;
    const rejected = this.rejected;
    const rejectedMax = this.rejectedMax;
    const st = ++this.stampNo;
    let nt = 0;
    let nr = 0;
    for (let i = 0; i < n; i++) {
      const k = groups[i]!;
      const t = ts[i]!;
      const max = maxTs[k]!;
      if (t <= max - d || (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0)) {
        rejected[nr] = i;
        rejectedMax[nr++] = max;
        continue;
      }
      if (t > max) maxTs[k] = t;
      if (stamp[k] !== st) {
        stamp[k] = st;
        size[k] = 0;
        touched[nt++] = k;
      }
      size[k]!++;
    }
    this.count = nt;
    this.rejectedCount = nr;
    let at = 0;
    for (let q = 0; q < nt; q++) {
      const k = touched[q]!;
      start[k] = at;
      at += size[k]!;
    }
    // Fill by bumping each key's start (skipping the rejected rows), then step the starts back.
    let r = 0;
    let skip = nr > 0 ? rejected[0]! : n;
    for (let i = 0; i < n; i++) {
      if (i === skip) {
        skip = ++r < nr ? rejected[r]! : n;
        continue;
      }
      rows[start[groups[i]!]!++] = i;
    }
    for (let q = 0; q < nt; q++) {
      const k = touched[q]!;
      start[k]! -= size[k]!;
    }
    return n - nr;
  }

  private growKeys(k: number): void {
    const n = Math.max(64, (k + 1) * 2);
    const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.stamp = grow(this.stamp);
    this.start = grow(this.start);
    this.size = grow(this.size);
  }
}
