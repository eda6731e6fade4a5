/** A binary min-heap of (time, id, generation) triples, for "what completes next". Stale entries are skipped by generation. */
export class MinHeap {
  private at: number[] = [];
  private id: number[] = [];
  private gen: number[] = [];

  get size(): number {
    return this.at.length;
  }

  peekAt(): number {
    return this.at.length ? this.at[0]! : Infinity;
  }

  push(at: number, id: number, gen: number): void {
    let k = this.at.length;
    this.at.push(at);
    this.id.push(id);
    this.gen.push(gen);
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (this.at[p]! <= at) break;
      this.swap(k, p);
      k = p;
    }
  }

  /** Removes the minimum; returns [id, gen]. */
  pop(): [number, number] {
    const top: [number, number] = [this.id[0]!, this.gen[0]!];
    const last = this.at.length - 1;
    this.swap(0, last);
    this.at.pop();
    this.id.pop();
    this.gen.pop();
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < last && this.at[l]! < this.at[m]!) m = l;
      if (r < last && this.at[r]! < this.at[m]!) m = r;
      if (m === k) break;
      this.swap(k, m);
      k = m;
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.at[a], this.at[b]] = [this.at[b]!, this.at[a]!];
    [this.id[a], this.id[b]] = [this.id[b]!, this.id[a]!];
    [this.gen[a], this.gen[b]] = [this.gen[b]!, this.gen[a]!];
  }
}
