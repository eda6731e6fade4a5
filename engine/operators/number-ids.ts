/**
 * Number → id, in an open-addressing table over the doubles' bits: a Map with ~1M number keys
 * spent most of a deduplication's time in its lookups (S7). Key and id sit side by side in one
 * Float64Array, so a probe touches one cache line. NaN and −0 are the caller's to normalise
 * (NaN never equals itself here; −0 must arrive as 0).
 */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

export class NumberIds {
  /** [key, id] per slot; id −1 = empty. */
  private table = new Float64Array(2048).fill(-1);
  private mask = 1023;
  private count = 0;

  private slot(x: number): number {
    bits[0] = x;
    let h = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 13;
    let p = h & this.mask;
    const t = this.table;
    while (t[2 * p + 1]! >= 0 && t[2 * p] !== x) p = (p + 1) & this.mask;
    return p;
  }

  /** The id of x, or -1. */
  get(x: number): number {
    return this.table[2 * this.slot(x) + 1]!;
  }

  set(x: number, id: number): void {
    const p = this.slot(x);
    if (this.table[2 * p + 1]! < 0) this.count++;
    this.table[2 * p] = x;
    this.table[2 * p + 1] = id;
    if (this.count * 2 > this.mask) this.grow();
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
