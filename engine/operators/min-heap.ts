/**
 * A binary min-heap of (time, id, generation) triples, for "what completes
 * next". Stale entries are skipped by generation. Typed arrays and sifting
 * by moving a hole, so pushing and popping allocate nothing: joins do both
 * once per row.
 */
export class MinHeap {
  private at = new Float64Array(64);
  private id = new Int32Array(64);
  private gen = new Int32Array(64);
  private n = 0;
  /** The generation of the entry the last `pop` returned. */
  poppedGen = 0;

  get size(): number {
    return this.n;
  }

  peekAt(): number {
    return this.n ? this.at[0]! : Infinity;
  }

  push(at: number, id: number, gen: number): void {
    if (this.n === this.at.length) this.grow();
    const a = this.at;
    let k = this.n++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (a[p]! <= at) break;
      a[k] = a[p]!;
      this.id[k] = this.id[p]!;
      this.gen[k] = this.gen[p]!;
      k = p;
    }
    a[k] = at;
    this.id[k] = id;
    this.gen[k] = gen;
  }

  /** Removes the minimum; returns its id (its generation is in `poppedGen`). */
  pop(): number {
    const a = this.at;
    const top = this.id[0]!;
    this.poppedGen = this.gen[0]!;
    const last = --this.n;
    const x = a[last]!;
    const xi = this.id[last]!;
    const xg = this.gen[last]!;
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= last) break;
      const r = l + 1;
      const m = r < last && a[r]! < a[l]! ? r : l;
      if (a[m]! >= x) break;
      a[k] = a[m]!;
      this.id[k] = this.id[m]!;
      this.gen[k] = this.gen[m]!;
      k = m;
    }
    a[k] = x;
    this.id[k] = xi;
    this.gen[k] = xg;
    return top;
  }

  private grow(): void {
    const n = this.at.length * 2;
    const at = new Float64Array(n);
    at.set(this.at);
    const id = new Int32Array(n);
    id.set(this.id);
    const gen = new Int32Array(n);
    gen.set(this.gen);
    this.at = at;
    this.id = id;
    this.gen = gen;
  }
}

/**
 * The same contract as MinHeap for times that mostly arrive in order (a
 * join's bounds follow its rows' event times): in-order entries go to a FIFO
 * ring, O(1) each; only out-of-order ones pay for the heap.
 */
export class MostlySortedQueue {
  private readonly heap = new MinHeap();
  private at = new Float64Array(64);
  private id = new Int32Array(64);
  private gen = new Int32Array(64);
  private head = 0;
  private n = 0;
  /** The least time held (+∞: none), kept up to date: a join peeks several times per row. */
  private min = Infinity;
  poppedGen = 0;

  get size(): number {
    return this.n + this.heap.size;
  }

  peekAt(): number {
    return this.min;
  }

  push(at: number, id: number, gen: number): void {
    // Capacities are powers of two: `& (cap − 1)` is the ring's modulo.
    const cap = this.at.length;
    if (at < this.min) this.min = at;
    if (this.n > 0 && at < this.at[(this.head + this.n - 1) & (cap - 1)]!) {
      this.heap.push(at, id, gen);
      return;
    }
    if (this.n === cap) this.grow();
    const i = (this.head + this.n++) & (this.at.length - 1);
    this.at[i] = at;
    this.id[i] = id;
    this.gen[i] = gen;
  }

  pop(): number {
    let s: number;
    if (this.n === 0 || this.heap.peekAt() < this.at[this.head]!) {
      s = this.heap.pop();
      this.poppedGen = this.heap.poppedGen;
    } else {
      const h = this.head;
      this.head = (h + 1) & (this.at.length - 1);
      this.n--;
      this.poppedGen = this.gen[h]!;
      s = this.id[h]!;
    }
    this.min = Math.min(this.n ? this.at[this.head]! : Infinity, this.heap.peekAt());
    return s;
  }

  private grow(): void {
    const cap = this.at.length;
    const at = new Float64Array(cap * 2);
    const id = new Int32Array(cap * 2);
    const gen = new Int32Array(cap * 2);
    for (let j = 0; j < this.n; j++) {
      const i = (this.head + j) % cap;
      at[j] = this.at[i]!;
      id[j] = this.id[i]!;
      gen[j] = this.gen[i]!;
    }
    this.at = at;
    this.id = id;
    this.gen = gen;
    this.head = 0;
  }
}
