/**
 * Columnar batches: how records move through the engine and across threads.
 * Only typed arrays inside, so a batch crosses a worker boundary as
 * transferables (see `batchTransferables`). No object per row anywhere.
 */
import type { DataType } from './types';

/** Numbers (BIGINT, DOUBLE, TIMESTAMP). `valid` is a validity bitmap (bit set = not NULL) or null when no value is NULL. */
export interface NumberColumn {
  readonly type: 'BIGINT' | 'DOUBLE' | 'TIMESTAMP';
  readonly data: Float64Array;
  readonly valid: Uint8Array | null;
}

/** 0 / 1 per row. */
export interface BooleanColumn {
  readonly type: 'BOOLEAN';
  readonly data: Uint8Array;
  readonly valid: Uint8Array | null;
}

/**
 * Dictionary-encoded strings: `codes[i]` indexes the batch's dictionary, whose
 * entry k is the UTF-8 bytes `dictBytes[dictOffsets[k] .. dictOffsets[k+1])`.
 * Dictionaries are per batch and small (one entry per distinct value).
 */
export interface StringColumn {
  readonly type: 'VARCHAR';
  readonly codes: Int32Array;
  readonly dictBytes: Uint8Array;
  readonly dictOffsets: Int32Array;
  readonly valid: Uint8Array | null;
}

/** A column of all-NULL values (the type of a bare NULL literal). */
export interface NullColumn {
  readonly type: 'NULL';
  readonly length: number;
}

export type Column = NumberColumn | BooleanColumn | StringColumn | NullColumn;

export interface ColumnBatch {
  /** Number of rows. Typed arrays may be longer (reused buffers); only the first `length` entries count. */
  readonly length: number;
  /** Parallel to the schema of the stage that produced the batch. */
  readonly columns: readonly Column[];
  /**
   * Arrival sequence number of each row in its source stream (0-based for
   * generators; the 1-based line number for files). Survives partitioning, so
   * late/invalid rows can be named and outputs merged.
   */
  readonly seq: Float64Array;
  /**
   * The watermark W(i) in force *before* row i arrived (dialect §4), computed at
   * the source in stream order; -Infinity before the first row. Carried per row
   * so that results do not depend on batch size or partition count.
   */
  readonly wm: Float64Array;
  /** The watermark after the last row of this batch (and all rows of the stream before it, in any partition). */
  readonly wmAfter: number;
  /** Change-log op per row (OP_INSERT / OP_UPDATE / OP_DELETE); null means every row is +I. */
  readonly op: Uint8Array | null;
  /**
   * Arrival key of each row (see `arrival-key.ts`), in plans with several sources only: the order
   * in which rows of different streams meet at a join or union, the same in every variant.
   * Absent (or null) in single-stream plans, where nothing reads it.
   */
  readonly at?: Float64Array | null;
}

export function isValid(valid: Uint8Array | null, i: number): boolean {
  return valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
}

export function setValid(valid: Uint8Array, i: number, v: boolean): void {
  if (v) valid[i >> 3]! |= 1 << (i & 7);
  else valid[i >> 3]! &= ~(1 << (i & 7));
}

/** Whether rows at[from..to) are all valid (no bitmap: all are). */
export function allValidAt(valid: Uint8Array | null, at: Int32Array, from: number, to: number): boolean {
  if (valid === null) return true;
  for (let r = from; r < to; r++) {
    const i = at[r]!;
    if ((valid[i >> 3]! & (1 << (i & 7))) === 0) return false;
  }
  return true;
}

/** Bytes needed for a validity bitmap of n rows. */
export function bitmapBytes(n: number): number {
  return (n + 7) >> 3;
}

export function columnTypeOf(c: Column): DataType {
  return c.type;
}

/** Every ArrayBuffer a batch holds, for postMessage's transfer list. */
export function batchTransferables(b: ColumnBatch): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | null): void => {
    if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  add(b.seq);
  add(b.wm);
  add(b.op);
  add(b.at ?? null);
  for (const c of b.columns) {
    switch (c.type) {
      case 'NULL':
        break;
      case 'VARCHAR':
        add(c.codes);
        add(c.dictBytes);
        add(c.dictOffsets);
        add(c.valid);
        break;
      default:
        add(c.data);
        add(c.valid);
    }
  }
  return [...out];
}

/** A batch of no rows: a source that has come this far (to `wmAfter`) with nothing to deliver. */
export function emptyBatch(wmAfter: number): ColumnBatch {
  return { length: 0, columns: [], seq: new Float64Array(0), wm: new Float64Array(0), wmAfter, op: null };
}

/** A column of m NULLs of the given type (the padded side of an outer join). */
export function nullColumnOf(type: DataType, m: number): Column {
  const valid = new Uint8Array(bitmapBytes(m));
  switch (type) {
    case 'NULL':
      return { type: 'NULL', length: m };
    case 'VARCHAR':
      return {
        type,
        codes: new Int32Array(m),
        dictBytes: new Uint8Array(0),
        dictOffsets: new Int32Array(1),
        valid,
      };
    case 'BOOLEAN':
      return { type, data: new Uint8Array(m), valid };
    default:
      return { type, data: new Float64Array(m), valid };
  }
}
