/**
 * Turns a block of generated rows into a batch, column by column: one
 * Float64Array per number column, codes + a per-batch dictionary per string
 * column, a validity bitmap only where NULLs occur. No object per row.
 */
import { bitmapBytes, type Column, type ColumnBatch } from '../../core/batch';
import { batchPool } from '../../core/batch-pool';
import type { DataType } from '../../core/types';
import { type ColumnGen, type RowBlock, uniformsOf } from './generator-def';
import { DictionaryBuilder } from './string-domain';

/** One output column: which generator column it reads and how its NULLs are decided. */
export interface OutputColumn {
  readonly gen: ColumnGen;
  /** The type the stream declares (a DDL may widen BIGINT to DOUBLE, say). */
  readonly type: DataType;
  /** Stream key of the column's NULL draws, or null when the column is never NULL. */
  readonly nullKey: number | null;
}

/** The partition scan drew this column's levels already (`rows.levelKey`): a level is the column's value. */
function levelsAreValues(gen: ColumnGen, rows: RowBlock): boolean {
  const draw = gen.draw;
  return draw?.from === 'uniform' && draw.key === rows.levelKey;
}

export class BatchWriter {
  private readonly dicts: (DictionaryBuilder | null)[];
  /** Domain indices of a string column before dictionary coding (scratch, never handed out). */
  private scratch = new Float64Array(0);

  constructor(
    private readonly columns: readonly OutputColumn[],
    private readonly nullRate: number,
  ) {
    this.dicts = columns.map((c) => (c.gen.domain ? new DictionaryBuilder(c.gen.domain) : null));
  }

  /**
   * A batch of rows [0, n) of `rows`; `wm[j]` is the watermark before row j. Its arrays belong
   * to it (batches may be transferred): new, or given back to the thread's pool by a reader done
   * with an earlier batch.
   */
  build(rows: RowBlock, wm: Float64Array, n: number, wmAfter: number): ColumnBatch {
    const columns = this.columns.map((c, k) => this.column(c, this.dicts[k]!, rows, n));
    const seq = batchPool.f64(n);
    seq.set(rows.i.subarray(0, n));
    const wms = batchPool.f64(n);
    wms.set(wm.subarray(0, n));
    return batchPool.made({ length: n, columns, seq, wm: wms, wmAfter, op: null });
  }

  private column(c: OutputColumn, dict: DictionaryBuilder | null, rows: RowBlock, n: number): Column {
    if (dict !== null && c.nullKey === null && dict.wholeFor(n)) {
      const codes = this.wholeCodes(c.gen, rows, n);
      if (codes !== null) {
        dict.reset();
        dict.takeWhole();
        return { type: 'VARCHAR', codes, ...dict.finish(), valid: null };
      }
    }
    // Every fill writes all n values (a pooled array holds an earlier batch's).
    const values = dict || c.type === 'BOOLEAN' ? this.scratchFor(n) : batchPool.f64(n);
    if (levelsAreValues(c.gen, rows)) {
      const level = rows.level;
      for (let j = 0; j < n; j++) values[j] = level[j]!;
    } else c.gen.fill(rows, n, values);
    let valid: Uint8Array | null = null;
    if (c.nullKey !== null) {
      const rate = this.nullRate;
      const bits = new Uint8Array(bitmapBytes(n)).fill(0xff);
      const u = this.nullScratchFor(n);
      uniformsOf(c.nullKey, rows, n, u);
      let nulls = 0;
      for (let j = 0; j < n; j++) {
        if (u[j]! < rate) {
          bits[j >> 3]! &= ~(1 << (j & 7));
          values[j] = dict ? -1 : 0;
          nulls++;
        }
      }
      if (nulls > 0) valid = bits;
    }
    if (c.type === 'BOOLEAN') return { type: 'BOOLEAN', data: Uint8Array.from(values.subarray(0, n)), valid };
    if (!dict) return { type: c.type as 'BIGINT' | 'DOUBLE' | 'TIMESTAMP', data: values, valid };
    dict.reset();
    const codes = batchPool.i32(n);
    dict.encode(values, n, codes); // NULL rows (−1) get code 0 and add nothing to the dictionary
    const { dictBytes, dictOffsets } = dict.finish();
    return { type: 'VARCHAR', codes, dictBytes, dictOffsets, valid };
  }

  /** Indices as codes, without doubles in between, when the rows' levels or `fillCodes` give them; else null. */
  private wholeCodes(gen: ColumnGen, rows: RowBlock, n: number): Int32Array | null {
    const levels = levelsAreValues(gen, rows);
    if (!levels && gen.fillCodes === undefined) return null;
    const codes = batchPool.i32(n);
    if (levels) codes.set(rows.level.subarray(0, n));
    else gen.fillCodes!(rows, n, codes, this.scratchFor(n));
    return codes;
  }

  private nullScratch = new Float64Array(0);
  private nullScratchFor(n: number): Float64Array {
    if (this.nullScratch.length < n) this.nullScratch = new Float64Array(n);
    return this.nullScratch;
  }

  private scratchFor(n: number): Float64Array {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    return this.scratch;
  }
}
