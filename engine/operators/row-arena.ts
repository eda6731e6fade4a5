/**
 * Columnar storage for rows an operator holds back (row windows with a
 * watermark delay): one typed array per column indexed by slot, slots reused
 * through a free list, so a held row costs a few typed-array writes and no
 * object. Numbers keep their doubles unboxed (with a validity bitmap, so
 * numeric frame functions can bind the arena column directly); strings and
 * booleans are interned to ids (0 = NULL), so a slot never points into a
 * per-batch dictionary and input batches need not be retained.
 */
import { EXACT } from '../core/batch-gather';
import { bitmapBytes, type Column } from '../core/batch';
import type { DataType, Value } from '../core/types';
import { KeyInterner } from './key-interner';

/** One arena column. Every kind has the same fields (one object shape), unused ones stay empty. */
export class ArenaColumn {
  readonly numeric: boolean;
  data: Float64Array = new Float64Array(0);
  valid: Uint8Array = new Uint8Array(0);
  ids: Int32Array = new Int32Array(0);
  interner: KeyInterner | null;
  constructor(readonly type: DataType) {
    this.numeric = type === 'BIGINT' || type === 'DOUBLE' || type === 'TIMESTAMP';
    this.interner = this.numeric || type === 'NULL' ? null : new KeyInterner(type);
  }
}

export class RowArena {
  readonly cols: ArenaColumn[];
  /** Event time and arrival seq of each slot. */
  ts: Float64Array = new Float64Array(0);
  seq: Float64Array = new Float64Array(0);
  /** Bumped whenever column arrays are reallocated, so callers holding them re-bind. */
  version = 0;
  private cap = 0;
  private free = new Int32Array(0);
  private nFree = 0;
  private used = new Uint8Array(0);
  private live = 0;
  private scratch = new Int32Array(0);

  constructor(types: readonly DataType[]) {
    this.cols = types.map((t) => new ArenaColumn(t));
    this.grow(256);
  }

  get size(): number {
    return this.live;
  }

  /** A free slot (the arena grows by doubling when full). */
  alloc(): number {
    if (this.nFree === 0) this.grow(this.cap * 2);
    const s = this.free[--this.nFree]!;
    this.used[s] = 1;
    this.live++;
    return s;
  }

  release(slot: number): void {
    this.used[slot] = 0;
    this.free[this.nFree++] = slot;
    this.live--;
  }

  /**
   * Copies row rows[j] of `columns[c]` into slot slots[j] of arena column
   * `targets[c]`, for j < m, column at a time (one monomorphic loop each).
   */
  store(
    columns: readonly Column[],
    targets: readonly number[],
    n: number,
    rows: Int32Array,
    slots: Int32Array,
    m: number,
  ): void {
    this.compactStrings();
    for (let c = 0; c < targets.length; c++) {
      const a = this.cols[targets[c]!]!;
      const src = columns[c]!;
      if (a.type === 'NULL') continue;
      if (a.interner !== null && src.type === 'VARCHAR') {
        // The dictionary's ids once, then the stored rows only (usually far fewer than the batch's n).
        const remap = a.interner.dictionaryIds(src);
        const codes = src.codes;
        const v = src.valid;
        const dst = a.ids;
        for (let j = 0; j < m; j++) {
          const i = rows[j]!;
          dst[slots[j]!] = v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0 ? 0 : remap[codes[i]!]!;
        }
        continue;
      }
      if (a.interner !== null) {
        if (this.scratch.length < n) this.scratch = new Int32Array(n);
        const ids = this.scratch;
        a.interner.intern(src, n, ids);
        const dst = a.ids;
        for (let j = 0; j < m; j++) dst[slots[j]!] = ids[rows[j]!]!;
        continue;
      }
      const dst = a.data;
      const bits = a.valid;
      if (src.type === 'NULL') {
        for (let j = 0; j < m; j++) {
          const s = slots[j]!;
          bits[s >> 3]! &= ~(1 << (s & 7));
        }
        continue;
      }
      const data = (src as { data: Float64Array }).data;
      const v = src.valid;
      for (let j = 0; j < m; j++) {
        const s = slots[j]!;
        const i = rows[j]!;
        dst[s] = data[i]!;
        if (v === null || (v[i >> 3]! & (1 << (i & 7))) !== 0) bits[s >> 3]! |= 1 << (s & 7);
        else bits[s >> 3]! &= ~(1 << (s & 7));
      }
    }
  }

  /** The value of column c in a slot (for functions that take any type). */
  value(c: number, slot: number): Value {
    const a = this.cols[c]!;
    if (a.interner !== null) return a.interner.values[a.ids[slot]!] ?? null;
    if (!a.numeric) return null;
    return (a.valid[slot >> 3]! & (1 << (slot & 7))) !== 0 ? a.data[slot]! : null;
  }

  /** Column c of the rows in slots[0..m), as an output column. */
  gather(c: number, slots: Int32Array, m: number, alloc = EXACT): Column {
    const a = this.cols[c]!;
    if (a.interner !== null) {
      const ids = new Int32Array(m);
      const src = a.ids;
      for (let j = 0; j < m; j++) ids[j] = src[slots[j]!]!;
      return a.interner.buildColumn(ids, m);
    }
    if (!a.numeric) return { type: 'NULL', length: m };
    const data = alloc.f64(m);
    const valid = new Uint8Array(bitmapBytes(m));
    const src = a.data;
    const bits = a.valid;
    let nulls = 0;
    for (let j = 0; j < m; j++) {
      const s = slots[j]!;
      data[j] = src[s]!;
      if ((bits[s >> 3]! & (1 << (s & 7))) !== 0) valid[j >> 3]! |= 1 << (j & 7);
      else nulls++;
    }
    return { type: a.type as 'DOUBLE', data, valid: nulls === 0 ? null : valid };
  }

  /** Seq of the rows in slots[0..m). */
  gatherSeq(slots: Int32Array, m: number, alloc = EXACT): Float64Array {
    const out = alloc.f64(m);
    const seq = this.seq;
    for (let j = 0; j < m; j++) out[j] = seq[slots[j]!]!;
    return out;
  }

  private grow(cap: number): void {
    const old = this.cap;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.ts = f64(this.ts);
    this.seq = f64(this.seq);
    for (const a of this.cols) {
      if (a.numeric) {
        a.data = f64(a.data);
        const v = new Uint8Array(bitmapBytes(cap));
        v.set(a.valid);
        a.valid = v;
      } else if (a.interner !== null) {
        const ids = new Int32Array(cap);
        ids.set(a.ids);
        a.ids = ids;
      }
    }
    const used = new Uint8Array(cap);
    used.set(this.used);
    this.used = used;
    const free = new Int32Array(cap);
    free.set(this.free.subarray(0, this.nFree));
    // New slots go on the stack so the lowest comes out first.
    for (let s = cap - 1; s >= old; s--) free[this.nFree++] = s;
    this.free = free;
    this.cap = cap;
    this.version++;
  }

  /**
   * Interned strings of rows already released would otherwise pile up for
   * ever on an unbounded stream: when an interner holds far more values than
   * there are live rows, re-intern the live ones into a fresh interner.
   */
  private compactStrings(): void {
    for (const a of this.cols) {
      const it = a.interner;
      if (it === null || it.size < 4096 || it.size < 4 * this.live) continue;
      const fresh = new KeyInterner(a.type);
      const ids = a.ids;
      for (let s = 0; s < this.cap; s++)
        if (this.used[s] === 1) ids[s] = fresh.idOf(it.values[ids[s]!] ?? null);
      a.interner = fresh;
    }
  }
}
