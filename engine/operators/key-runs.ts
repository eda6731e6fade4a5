/**
 * A batch's rows grouped by key, arrival order kept within each key: a
 * counting sort over the keys the batch touches (three linear passes, no
 * per-key lists), so an operator can then work one key's run at a time.
 */
export class KeyRuns {
  /** Keys the batch touched, in first-seen order: touched[0..count). */
  touched = new Int32Array(64);
  count = 0;
  /** Rows of touched key k are rows[start[k] .. start[k] + size[k]). */
  rows = new Int32Array(0);
  start = new Int32Array(0);
  size = new Int32Array(0);
  private stamp = new Int32Array(0);
  private stampNo = 0;

  /** Groups rows[0..m) (indices into `groups`, the batch's key ids) by key. */
  group(groups: Int32Array, input: Int32Array, m: number): void {
    if (this.rows.length < m) this.rows = new Int32Array(Math.max(m, this.rows.length * 2));
    const st = ++this.stampNo;
    let nt = 0;
    for (let j = 0; j < m; j++) {
      const k = groups[input[j]!]!;
      if (k >= this.stamp.length) this.growKeys(k);
      if (this.stamp[k] !== st) {
        this.stamp[k] = st;
        this.size[k] = 0;
        if (nt === this.touched.length) {
          const t = new Int32Array(nt * 2);
          t.set(this.touched);
          this.touched = t;
        }
        this.touched[nt++] = k;
      }
      this.size[k]!++;
    }
    this.count = nt;
    const start = this.start;
    const size = this.size;
    let at = 0;
    for (let q = 0; q < nt; q++) {
      const k = this.touched[q]!;
      start[k] = at;
      at += size[k]!;
    }
    // Fill by bumping each key's start, then step the starts back.
    const rows = this.rows;
    for (let j = 0; j < m; j++) {
      const i = input[j]!;
      rows[start[groups[i]!]!++] = i;
    }
    for (let q = 0; q < nt; q++) {
      const k = this.touched[q]!;
      start[k]! -= size[k]!;
    }
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
