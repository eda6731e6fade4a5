/**
 * Composite group keys (one interned id per key column) → dense group ids, in
 * an open-addressing integer hash table (linear probing). One key column needs
 * no hashing at all: its id indexes a direct array.
 */

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class GroupTable {
  /** Number of groups. */
  count = 0;
  /** Key ids of group g at [g*k, g*k+k). */
  keys = new Int32Array(64);
  private table = new Int32Array(1024).fill(-1);
  private mask = 1023;
  private direct = new Int32Array(64).fill(-1);
  private readonly scratch: Int32Array;

  constructor(readonly k: number) {
    this.scratch = new Int32Array(Math.max(1, k));
  }

  keyId(g: number, j: number): number {
    return this.keys[g * this.k + j]!;
  }

  /** Group of every row [0, n) given each key column's ids. */
  lookupBatch(ids: readonly Int32Array[], n: number, out: Int32Array): void {
    const k = this.k;
    if (k === 0) {
      if (this.count === 0) this.count = 1;
      out.fill(0, 0, n);
      return;
    }
    if (k === 1) {
      const a = ids[0]!;
      for (let i = 0; i < n; i++) {
        const id = a[i]!;
        if (id >= this.direct.length) this.growDirect(id);
        let g = this.direct[id]!;
        if (g < 0) {
          this.scratch[0] = id;
          g = this.insert(this.scratch);
          this.direct[id] = g;
        }
        out[i] = g;
      }
      return;
    }
    if (k === 2) {
      this.lookupPairs(ids[0]!, ids[1]!, n, out);
      return;
    }
    const s = this.scratch;
    let lastG = -1;
    for (let i = 0; i < n; i++) {
      let h = 0x2545f491;
      let same = lastG >= 0;
      for (let j = 0; j < k; j++) {
        const id = ids[j]![i]!;
        s[j] = id;
        h = Math.imul(h ^ id, 0x9e3779b1) + j;
        if (same && this.keys[lastG * k + j] !== id) same = false;
      }
      if (same) {
        out[i] = lastG;
        continue;
      }
      lastG = out[i] = this.find(s, mix(h));
    }
  }

  /**
   * Two key columns: a direct 2-D array over (id0, id1) while the id ranges
   * stay small (the usual case: a few thousand values each), else hashing.
   */
  private lookupPairs(a: Int32Array, b: Int32Array, n: number, out: Int32Array): void {
    let max0 = 0;
    let max1 = 0;
    for (let i = 0; i < n; i++) {
      if (a[i]! > max0) max0 = a[i]!;
      if (b[i]! > max1) max1 = b[i]!;
    }
    if (!this.fitPairs(max0, max1)) {
      const s = this.scratch;
      for (let i = 0; i < n; i++) {
        s[0] = a[i]!;
        s[1] = b[i]!;
        out[i] = this.find(
          s,
          mix(Math.imul(Math.imul(0x2545f491 ^ s[0], 0x9e3779b1) ^ s[1], 0x9e3779b1) + 1),
        );
      }
      return;
    }
    const pairs = this.pairs!;
    const shift = this.pairShift;
    const s = this.scratch;
    for (let i = 0; i < n; i++) {
      const at = (a[i]! << shift) | b[i]!;
      let g = pairs[at]!;
      if (g < 0) {
        s[0] = a[i]!;
        s[1] = b[i]!;
        g = pairs[at] = this.find(
          s,
          mix(Math.imul(Math.imul(0x2545f491 ^ s[0], 0x9e3779b1) ^ s[1], 0x9e3779b1) + 1),
        );
      }
      out[i] = g;
    }
  }

  private pairs: Int32Array | null = null;
  private pairShift = 0;
  private pairRows = 0;

  /** Makes the 2-D array cover ids up to (max0, max1) if that stays ≤ 4M cells. */
  private fitPairs(max0: number, max1: number): boolean {
    let shift = this.pairShift;
    while (1 << shift <= max1) shift++;
    let rows = Math.max(this.pairRows, 16);
    while (rows <= max0) rows *= 2;
    if (rows << shift > 1 << 22) return false;
    if (this.pairs !== null && shift === this.pairShift && rows === this.pairRows) return true;
    const next = new Int32Array(rows << shift).fill(-1);
    if (this.pairs !== null) {
      const old = this.pairs;
      const os = this.pairShift;
      for (let r = 0; r < this.pairRows; r++)
        for (let c = 0; c < 1 << os; c++) next[(r << shift) | c] = old[(r << os) | c]!;
    }
    this.pairs = next;
    this.pairShift = shift;
    this.pairRows = rows;
    return true;
  }

  /**
   * Two key columns given as dictionary codes and each dictionary's ids:
   * row i's pair is (idsA[codesA[i]], idsB[codesB[i]]), looked up in the
   * direct 2-D array in the same pass. False (nothing written) when the ids
   * do not fit it.
   */
  pairsByCodes(
    codesA: Int32Array,
    idsA: Int32Array,
    sizeA: number,
    codesB: Int32Array,
    idsB: Int32Array,
    sizeB: number,
    n: number,
    out: Int32Array,
  ): boolean {
    let max0 = 0;
    let max1 = 0;
    for (let k = 0; k < sizeA; k++) if (idsA[k]! > max0) max0 = idsA[k]!;
    for (let k = 0; k < sizeB; k++) if (idsB[k]! > max1) max1 = idsB[k]!;
    if (!this.fitPairs(max0, max1)) return false;
    const pairs = this.pairs!;
    const shift = this.pairShift;
    // Pairs seen before, without a branch per row; a row whose pair is new gets −1 and is resolved after.
    let miss = 0;
    if (sizeA * sizeB <= n) {
      // Fewer code pairs than rows: each pair's group once, then one load per row.
      const t = this.codePairTable(sizeA * sizeB);
      for (let a = 0; a < sizeA; a++) {
        const row = idsA[a]! << shift;
        for (let b = 0; b < sizeB; b++) t[a * sizeB + b] = pairs[row | idsB[b]!]!;
      }
      for (let i = 0; i < n; i++) {
        const g = t[codesA[i]! * sizeB + codesB[i]!]!;
        out[i] = g;
        miss |= g;
      }
    } else
      for (let i = 0; i < n; i++) {
        const g = pairs[(idsA[codesA[i]!]! << shift) | idsB[codesB[i]!]!]!;
        out[i] = g;
        miss |= g;
      }
    if (miss < 0) {
      const s = this.scratch;
      for (let i = 0; i < n; i++) {
        if (out[i]! >= 0) continue;
        const x = idsA[codesA[i]!]!;
        const y = idsB[codesB[i]!]!;
        const at = (x << shift) | y;
        let g = pairs[at]!;
        if (g < 0) {
          s[0] = x;
          s[1] = y;
          g = pairs[at] = this.find(
            s,
            mix(Math.imul(Math.imul(0x2545f491 ^ x, 0x9e3779b1) ^ y, 0x9e3779b1) + 1),
          );
        }
        out[i] = g;
      }
    }
    return true;
  }

  /**
   * One key column given as dictionary codes and the dictionary's ids: each
   * code's group once (the direct array, by id), then one load per row. A
   * group new to the table is made at its first row, so groups are numbered
   * in row order as in `lookupBatch`.
   */
  singlesByCodes(codes: Int32Array, ids: Int32Array, size: number, n: number, out: Int32Array): void {
    if (size > n) {
      // A dictionary larger than the batch: looking every entry up would cost more than the rows.
      for (let i = 0; i < n; i++) out[i] = this.lookupId(ids[codes[i]!]!);
      return;
    }
    const t = this.codePairTable(size);
    const direct = this.direct;
    let miss = 0;
    for (let c = 0; c < size; c++) {
      const id = ids[c]!;
      const g = id < direct.length ? direct[id]! : -1;
      t[c] = g;
      miss |= g;
    }
    if (miss >= 0) {
      for (let i = 0; i < n; i++) out[i] = t[codes[i]!]!;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      let g = t[c]!;
      if (g < 0) t[c] = g = this.lookupId(ids[c]!);
      out[i] = g;
    }
  }

  /** Group of key id `id` of a one-column table (inserted if new). */
  private lookupId(id: number): number {
    if (id >= this.direct.length) this.growDirect(id);
    let g = this.direct[id]!;
    if (g < 0) {
      this.scratch[0] = id;
      this.direct[id] = g = this.insert(this.scratch);
    }
    return g;
  }

  private codePairs = new Int32Array(0);

  /** Scratch for `pairsByCodes` and `singlesByCodes`: the group of each code (pair) of one batch. */
  private codePairTable(size: number): Int32Array {
    if (this.codePairs.length < size) this.codePairs = new Int32Array(size * 2);
    return this.codePairs;
  }

  /** Group of one tuple of key ids (inserted if new). */
  lookup(tuple: Int32Array): number {
    if (this.k === 0) {
      if (this.count === 0) this.count = 1;
      return 0;
    }
    if (this.k === 1) {
      const id = tuple[0]!;
      if (id >= this.direct.length) this.growDirect(id);
      let g = this.direct[id]!;
      if (g < 0) this.direct[id] = g = this.insert(tuple);
      return g;
    }
    let h = 0x2545f491;
    for (let j = 0; j < this.k; j++) h = Math.imul(h ^ tuple[j]!, 0x9e3779b1) + j;
    return this.find(tuple, mix(h));
  }

  private find(s: Int32Array, h: number): number {
    const k = this.k;
    const keys = this.keys;
    let p = h & this.mask;
    for (;;) {
      const g = this.table[p]!;
      if (g < 0) break;
      let eq = true;
      for (let j = 0; j < k; j++)
        if (keys[g * k + j] !== s[j]) {
          eq = false;
          break;
        }
      if (eq) return g;
      p = (p + 1) & this.mask;
    }
    const g = this.insert(s);
    this.table[p] = g;
    if (this.count * 2 > this.mask) this.rehash();
    return g;
  }

  private insert(s: Int32Array): number {
    const g = this.count++;
    const k = this.k;
    if ((g + 1) * k > this.keys.length) {
      const b = new Int32Array(this.keys.length * 2);
      b.set(this.keys);
      this.keys = b;
    }
    for (let j = 0; j < k; j++) this.keys[g * k + j] = s[j]!;
    return g;
  }

  private growDirect(id: number): void {
    const b = new Int32Array(Math.max(id + 1, this.direct.length * 2)).fill(-1);
    b.set(this.direct);
    this.direct = b;
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    const k = this.k;
    for (let g = 0; g < this.count; g++) {
      let h = 0x2545f491;
      for (let j = 0; j < k; j++) h = Math.imul(h ^ this.keys[g * k + j]!, 0x9e3779b1) + j;
      let p = mix(h) & this.mask;
      while (this.table[p]! >= 0) p = (p + 1) & this.mask;
      this.table[p] = g;
    }
  }
}
