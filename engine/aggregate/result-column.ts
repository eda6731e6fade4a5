/** A growable output column that accumulators write results into, by row index. */
import { bitmapBytes, type Column } from '../core/batch';
import { type ArrayAlloc, copyF64 } from '../core/batch-gather';
import type { DataType, Value } from '../core/types';
import { DictBuilder } from '../expr/compile-kernel';

export class ResultColumn {
  private nums = new Float64Array(64);
  private vals: Value[] = [];
  private valid = new Uint8Array(8);
  private nulls = 0;
  private readonly numeric: boolean;
  constructor(readonly type: DataType) {
    this.numeric = type === 'BIGINT' || type === 'DOUBLE' || type === 'TIMESTAMP';
  }

  /** Makes room for rows [0, n). */
  ensure(n: number): void {
    if (this.numeric && n > this.nums.length) {
      const a = new Float64Array(Math.max(n, this.nums.length * 2));
      a.set(this.nums);
      this.nums = a;
    }
    if (bitmapBytes(n) > this.valid.length) {
      const v = new Uint8Array(Math.max(bitmapBytes(n), this.valid.length * 2));
      v.set(this.valid);
      this.valid = v;
    }
  }

  /** The value and validity arrays, for compiled loops that write numbers directly (valid until the next `ensure`). */
  numberArrays(): { nums: Float64Array; valid: Uint8Array } | null {
    return this.numeric ? { nums: this.nums, valid: this.valid } : null;
  }

  setNumber(j: number, x: number): void {
    this.nums[j] = x;
    this.valid[j >> 3]! |= 1 << (j & 7);
  }

  /** Marks rows [from, to) valid at once (their numbers written through `numberArrays`). */
  setValidRange(from: number, to: number): void {
    const v = this.valid;
    let j = from;
    for (; j < to && (j & 7) !== 0; j++) v[j >> 3]! |= 1 << (j & 7);
    for (; j + 8 <= to; j += 8) v[j >> 3] = 0xff;
    for (; j < to; j++) v[j >> 3]! |= 1 << (j & 7);
  }

  setNull(j: number): void {
    this.valid[j >> 3]! &= ~(1 << (j & 7));
    this.nulls++;
  }

  set(j: number, v: Value): void {
    if (v === null) this.setNull(j);
    else if (this.numeric) this.setNumber(j, typeof v === 'number' ? v : Number(v));
    else {
      this.vals[j] = v;
      this.valid[j >> 3]! |= 1 << (j & 7);
    }
  }

  /**
   * Keeps of rows [j0, j0 + n) only j0 + keep[0..k) (ascending), moved down in order; the rows
   * left behind are cleared, as writers expect of rows not written yet.
   */
  keepRows(j0: number, n: number, keep: Int32Array, k: number): void {
    const v = this.valid;
    for (let r = 0; r < k; r++) {
      const to = j0 + r;
      const from = j0 + keep[r]!;
      if (this.numeric) this.nums[to] = this.nums[from]!;
      else this.vals[to] = this.vals[from] ?? null;
      if ((v[from >> 3]! & (1 << (from & 7))) !== 0) v[to >> 3]! |= 1 << (to & 7);
      else v[to >> 3]! &= ~(1 << (to & 7));
    }
    // Rows [j0 + k, j0 + n) cleared: the bits of a partial first and last byte, whole bytes between.
    const end = j0 + n;
    let j = j0 + k;
    for (; j < end && (j & 7) !== 0; j++) v[j >> 3]! &= ~(1 << (j & 7));
    v.fill(0, j >> 3, end >> 3);
    for (j = Math.max(j, end & ~7); j < end; j++) v[j >> 3]! &= ~(1 << (j & 7));
    if (!this.numeric) this.vals.length = Math.min(this.vals.length, j0 + k);
  }

  /** The first n rows as a column (numbers copied into `alloc`'s arrays); the builder starts over. */
  take(n: number, alloc?: ArrayAlloc): Column {
    const valid = this.nulls === 0 ? null : this.valid.slice(0, bitmapBytes(n));
    let col: Column;
    if (this.type === 'NULL') col = { type: 'NULL', length: n };
    else if (this.numeric) col = { type: this.type as 'BIGINT', data: copyF64(this.nums, n, alloc), valid };
    else if (this.type === 'BOOLEAN') {
      const data = new Uint8Array(n);
      for (let j = 0; j < n; j++) data[j] = this.vals[j] === true ? 1 : 0;
      col = { type: 'BOOLEAN', data, valid };
    } else {
      const d = new DictBuilder();
      const codes = new Int32Array(n);
      for (let j = 0; j < n; j++) {
        const v = this.vals[j];
        codes[j] = v === null || v === undefined ? 0 : d.code(String(v));
      }
      col = d.finish(codes, valid);
    }
    this.nulls = 0;
    this.valid.fill(0, 0, bitmapBytes(n) + 1);
    this.vals = [];
    return col;
  }
}
