/**
 * Writes generated rows straight into a batch's typed arrays: one Float64Array
 * per number column, codes + a per-batch dictionary per string column, a
 * validity bitmap only where NULLs can occur. No object per row.
 */
import { bitmapBytes, type Column, type ColumnBatch } from '../../core/batch';
import type { DataType } from '../../core/types';
import type { ColumnGen, RowContext } from './generator-def';
import { DictionaryBuilder } from './string-domain';

/** One output column: which generator column it reads and how its NULLs are decided. */
export interface OutputColumn {
  readonly gen: ColumnGen;
  /** The type the stream declares (a DDL may widen BIGINT to DOUBLE, say). */
  readonly type: DataType;
  /** Stream key of the column's NULL draws, or null when the column is never NULL. */
  readonly nullKey: number | null;
}

interface Slot {
  readonly gen: ColumnGen;
  readonly type: DataType;
  readonly dict: DictionaryBuilder | null;
  data: Float64Array;
  codes: Int32Array;
  valid: Uint8Array | null;
  anyNull: boolean;
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

export class BatchWriter {
  private readonly slots: Slot[];
  private seq: Float64Array = EMPTY_F64;
  private wm: Float64Array = EMPTY_F64;
  private cap = 0;

  constructor(columns: readonly OutputColumn[]) {
    this.slots = columns.map((c) => ({
      gen: c.gen,
      type: c.type,
      dict: c.gen.domain ? new DictionaryBuilder(c.gen.domain) : null,
      data: EMPTY_F64,
      codes: EMPTY_I32,
      valid: null,
      anyNull: false,
    }));
  }

  /** Fresh arrays for up to `cap` rows (batches are handed off, possibly transferred, so never reused). */
  begin(cap: number, nullable: readonly boolean[]): void {
    this.cap = cap;
    this.seq = new Float64Array(cap);
    this.wm = new Float64Array(cap);
    this.slots.forEach((s, c) => {
      if (s.dict) {
        s.codes = new Int32Array(cap);
        s.dict.reset();
      } else s.data = new Float64Array(cap);
      s.valid = nullable[c] ? new Uint8Array(bitmapBytes(cap)).fill(0xff) : null;
      s.anyNull = false;
    });
  }

  /** Row n of the batch. `isNull[c]` says whether column c is NULL in this row. */
  write(n: number, row: RowContext, wm: number, isNull: readonly boolean[]): void {
    this.seq[n] = row.i;
    this.wm[n] = wm;
    const slots = this.slots;
    for (let c = 0; c < slots.length; c++) {
      const s = slots[c]!;
      if (isNull[c]) {
        s.valid![n >> 3]! &= ~(1 << (n & 7));
        s.anyNull = true;
        continue; // data stays 0 / code stays 0
      }
      const v = s.gen.value(row);
      if (s.dict) s.codes[n] = s.dict.codeOf(v);
      else s.data[n] = v;
    }
  }

  finish(n: number, wmAfter: number): ColumnBatch {
    const trim = n < this.cap;
    const columns: Column[] = this.slots.map((s): Column => {
      let valid = s.anyNull ? s.valid : null;
      if (valid && trim) valid = valid.slice(0, bitmapBytes(n));
      if (s.dict) {
        const { dictBytes, dictOffsets } = s.dict.finish();
        return { type: 'VARCHAR', codes: trim ? s.codes.slice(0, n) : s.codes, dictBytes, dictOffsets, valid };
      }
      const type = s.type as 'BIGINT' | 'DOUBLE' | 'TIMESTAMP';
      return { type, data: trim ? s.data.slice(0, n) : s.data, valid };
    });
    return {
      length: n,
      columns,
      seq: trim ? this.seq.slice(0, n) : this.seq,
      wm: trim ? this.wm.slice(0, n) : this.wm,
      wmAfter,
      op: null,
    };
  }
}
