/**
 * Building columnar batches value by value: for tests, file sources, the
 * per-record variant and operator outputs that are not 1:1 with their input.
 * Buffers grow by doubling; nothing is allocated per value except new
 * dictionary strings.
 */
import { bitmapBytes, type Column, type ColumnBatch } from './batch';
import { OP_CODES, type DataType, type Op, type Row, type Schema, type Value } from './types';

const encoder = new TextEncoder();

export interface ColumnBuilder {
  readonly length: number;
  append(v: Value): void;
  /** The column of every value appended so far; the builder may be reused after `reset`. */
  finish(): Column;
  reset(): void;
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Validity bitmap that stays null until the first NULL arrives. */
class Validity {
  bits: Uint8Array | null = null;
  mark(i: number, ok: boolean): void {
    if (ok) {
      if (this.bits !== null) {
        this.bits = grow(this.bits, bitmapBytes(i + 1));
        this.bits[i >> 3]! |= 1 << (i & 7);
      }
      return;
    }
    if (this.bits === null) {
      this.bits = new Uint8Array(Math.max(8, bitmapBytes(i + 1) * 2));
      for (let j = 0; j < i; j++) this.bits[j >> 3]! |= 1 << (j & 7);
    }
    this.bits = grow(this.bits, bitmapBytes(i + 1));
    this.bits[i >> 3]! &= ~(1 << (i & 7));
  }
  /** Values [from, to) are all non-NULL. */
  markValid(from: number, to: number): void {
    if (this.bits === null) return;
    const bits = (this.bits = grow(this.bits, bitmapBytes(to)));
    for (let i = from; i < to; i++) bits[i >> 3]! |= 1 << (i & 7);
  }
  take(n: number): Uint8Array | null {
    return this.bits === null ? null : this.bits.slice(0, bitmapBytes(n));
  }
}

export class NumberColumnBuilder implements ColumnBuilder {
  length = 0;
  private data = new Float64Array(16);
  private valid = new Validity();
  constructor(readonly type: 'BIGINT' | 'DOUBLE' | 'TIMESTAMP') {}
  append(v: Value): void {
    const i = this.length++;
    this.data = grow(this.data, i + 1);
    if (v === null) {
      this.valid.mark(i, false);
      return;
    }
    if (typeof v !== 'number')
      throw new TypeError(`expected a number for ${this.type}, got ${JSON.stringify(v)}`);
    this.data[i] = v;
    this.valid.mark(i, true);
  }
  appendNumber(v: number): void {
    const i = this.length++;
    this.data = grow(this.data, i + 1);
    this.data[i] = v;
    this.valid.mark(i, true);
  }
  /** Appends values[0..m), NULL where isNull[j] is 1 (null: none is), growing once. */
  appendMany(values: Float64Array, m: number, isNull: Uint8Array | null): void {
    const at = this.length;
    this.data = grow(this.data, at + m);
    this.data.set(values.subarray(0, m), at);
    this.length = at + m;
    if (isNull === null) {
      this.valid.markValid(at, at + m);
      return;
    }
    for (let j = 0; j < m; j++) this.valid.mark(at + j, isNull[j] !== 1);
  }
  finish(): Column {
    return { type: this.type, data: this.data.slice(0, this.length), valid: this.valid.take(this.length) };
  }
  reset(): void {
    this.length = 0;
    this.valid = new Validity();
  }
}

export class BooleanColumnBuilder implements ColumnBuilder {
  length = 0;
  private data = new Uint8Array(16);
  private valid = new Validity();
  append(v: Value): void {
    const i = this.length++;
    this.data = grow(this.data, i + 1);
    if (v === null) {
      this.valid.mark(i, false);
      return;
    }
    if (typeof v !== 'boolean') throw new TypeError(`expected a boolean, got ${JSON.stringify(v)}`);
    this.data[i] = v ? 1 : 0;
    this.valid.mark(i, true);
  }
  finish(): Column {
    return { type: 'BOOLEAN', data: this.data.slice(0, this.length), valid: this.valid.take(this.length) };
  }
  reset(): void {
    this.length = 0;
    this.valid = new Validity();
  }
}

/** Strings into a per-batch dictionary (one entry per distinct value). */
export class StringColumnBuilder implements ColumnBuilder {
  length = 0;
  private codes = new Int32Array(16);
  private valid = new Validity();
  private dict = new Map<string, number>();
  private bytes = new Uint8Array(256);
  private offsets = new Int32Array(16);
  private entries = 0;
  append(v: Value): void {
    if (v === null) {
      const i = this.length++;
      this.codes = grow(this.codes, i + 1);
      this.codes[i] = 0;
      this.valid.mark(i, false);
      return;
    }
    if (typeof v !== 'string') throw new TypeError(`expected a string, got ${JSON.stringify(v)}`);
    this.appendString(v);
  }
  appendString(s: string): void {
    let code = this.dict.get(s);
    if (code === undefined) code = this.addEntry(s);
    const i = this.length++;
    this.codes = grow(this.codes, i + 1);
    this.codes[i] = code;
    this.valid.mark(i, true);
  }
  /** Adds a dictionary entry from already-encoded bytes (callers that cache UTF-8). */
  addEntryBytes(s: string, utf8: Uint8Array): number {
    const code = this.entries++;
    this.dict.set(s, code);
    this.offsets = grow(this.offsets, this.entries + 1);
    const at = this.offsets[code]!;
    this.bytes = grow(this.bytes, at + utf8.length);
    this.bytes.set(utf8, at);
    this.offsets[code + 1] = at + utf8.length;
    return code;
  }
  /** Appends a row by dictionary code (from `addEntryBytes` / `codeOf`). */
  appendCode(code: number): void {
    const i = this.length++;
    this.codes = grow(this.codes, i + 1);
    this.codes[i] = code;
    this.valid.mark(i, true);
  }
  codeOf(s: string): number {
    const code = this.dict.get(s);
    return code === undefined ? this.addEntry(s) : code;
  }
  private addEntry(s: string): number {
    return this.addEntryBytes(s, encoder.encode(s));
  }
  finish(): Column {
    return {
      type: 'VARCHAR',
      codes: this.codes.slice(0, this.length),
      dictBytes: this.bytes.slice(0, this.offsets[this.entries]!),
      dictOffsets: this.offsets.slice(0, this.entries + 1),
      valid: this.valid.take(this.length),
    };
  }
  reset(): void {
    this.length = 0;
    this.valid = new Validity();
    this.dict.clear();
    this.entries = 0;
  }
}

export class NullColumnBuilder implements ColumnBuilder {
  length = 0;
  append(): void {
    this.length++;
  }
  finish(): Column {
    return { type: 'NULL', length: this.length };
  }
  reset(): void {
    this.length = 0;
  }
}

export function createColumnBuilder(type: DataType): ColumnBuilder {
  switch (type) {
    case 'BIGINT':
    case 'DOUBLE':
    case 'TIMESTAMP':
      return new NumberColumnBuilder(type);
    case 'BOOLEAN':
      return new BooleanColumnBuilder();
    case 'VARCHAR':
      return new StringColumnBuilder();
    case 'NULL':
      return new NullColumnBuilder();
  }
}

export interface BuildBatchOptions {
  /** Arrival sequence numbers; default 0, 1, 2, … */
  readonly seq?: ArrayLike<number>;
  /** Watermark before each row; default −∞. */
  readonly wm?: ArrayLike<number>;
  readonly wmAfter?: number;
  /** Per-row ops; default all +I. */
  readonly ops?: readonly Op[] | null;
}

/** A batch from rows given as objects (by column name) or as value arrays (by position). */
export function buildBatch(
  rows: readonly (Row | readonly Value[])[],
  schema: Schema,
  opts: BuildBatchOptions = {},
): ColumnBatch {
  const builders = schema.map((f) => createColumnBuilder(f.type));
  for (const r of rows) {
    for (let c = 0; c < schema.length; c++) {
      const v = Array.isArray(r) ? (r as readonly Value[])[c] : (r as Row)[schema[c]!.name];
      builders[c]!.append(v === undefined ? null : v);
    }
  }
  const n = rows.length;
  const seq = new Float64Array(n);
  const wm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    seq[i] = opts.seq ? opts.seq[i]! : i;
    wm[i] = opts.wm ? opts.wm[i]! : -Infinity;
  }
  let op: Uint8Array | null = null;
  if (opts.ops) {
    op = new Uint8Array(n);
    for (let i = 0; i < n; i++) op[i] = OP_CODES.indexOf(opts.ops[i] ?? '+I');
  }
  return {
    length: n,
    columns: builders.map((b) => b.finish()),
    seq,
    wm,
    wmAfter: opts.wmAfter ?? (n > 0 ? wm[n - 1]! : -Infinity),
    op,
  };
}
