/**
 * Number → id, in an open-addressing table over the doubles' bits: a Map with ~1M number keys
 * spent most of a deduplication's time in its lookups (S7). Key and id sit side by side in one
 * Float64Array, so a probe touches one cache line. NaN and −0 are the caller's to normalise
 * (NaN never equals itself here; −0 must arrive as 0).
 */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

function hash(x: number): number {
  bits[0] = x;
  let h = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}

export class NumberIds {
  /** [key, id] per slot; id −1 = empty. */
  private table = new Float64Array(2048).fill(-1);
  private mask = 1023;
  private count = 0;

  private slot(x: number): number {
    let p = hash(x) & this.mask;
    const t = this.table;
    while (t[2 * p + 1]! >= 0 && t[2 * p] !== x) p = (p + 1) & this.mask;
    return p;
  }

  /** The id of x, or -1. */
  get(x: number): number {
    return this.table[2 * this.slot(x) + 1]!;
  }

  /** The id of x; when x is new, `next` becomes its id (one probe instead of get + set). */
  idOf(x: number, next: number): number {
    const p = this.slot(x);
    const id = this.table[2 * p + 1]!;
    if (id >= 0) return id;
    this.table[2 * p] = x;
    this.table[2 * p + 1] = next;
    if (++this.count * 2 > this.mask) this.grow();
    return next;
  }

  set(x: number, id: number): void {
    const p = this.slot(x);
    if (this.table[2 * p + 1]! < 0) this.count++;
    this.table[2 * p] = x;
    this.table[2 * p + 1] = id;
    if (this.count * 2 > this.mask) this.grow();
  }

  /** The longest distance of a key from its home slot (tests: strided keys must not cluster). */
  longestProbe(): number {
    const t = this.table;
    let max = 0;
    for (let q = 0; q <= this.mask; q++)
      if (t[2 * q + 1]! >= 0) max = Math.max(max, (q - (hash(t[2 * q]!) & this.mask)) & this.mask);
    return max;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = new Float64Array(2 * cap).fill(-1);
    this.mask = cap - 1;
    for (let p = 0; p < old.length; p += 2)
      if (old[p + 1]! >= 0) {
        const q = this.slot(old[p]!);
        this.table[2 * q] = old[p]!;
        this.table[2 * q + 1] = old[p + 1]!;
      }
  }
}
