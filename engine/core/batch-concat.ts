/**
 * Rows of several batches (of one schema) as one batch: what a union hands on
 * when its inputs interleave row by row. Numbers and booleans are copied
 * column at a time; string dictionaries are merged (each input dictionary
 * decoded once per slice), so the result has one small dictionary.
 */
import type { Column, ColumnBatch, StringColumn } from './batch';
import { isValid } from './batch';
import { createColumnBuilder, NumberColumnBuilder, StringColumnBuilder } from './batch-builder';
import { decodeDictionary } from './batch-rows';
import type { DataType } from './types';

export interface BatchSlice {
  readonly batch: ColumnBatch;
  readonly from: number;
  readonly to: number;
}

function concatColumn(slices: readonly BatchSlice[], c: number, type: DataType): Column {
  if (type === 'VARCHAR') {
    const b = new StringColumnBuilder();
    for (const { batch, from, to } of slices) {
      const col = batch.columns[c]!;
      if (col.type !== 'VARCHAR') {
        for (let i = from; i < to; i++) b.append(null);
        continue;
      }
      const dict = decodeDictionary(col as StringColumn);
      for (let i = from; i < to; i++) b.append(isValid(col.valid, i) ? dict[col.codes[i]!]! : null);
    }
    return b.finish();
  }
  if (type === 'BIGINT' || type === 'DOUBLE' || type === 'TIMESTAMP') {
    const b = new NumberColumnBuilder(type);
    for (const { batch, from, to } of slices) {
      const col = batch.columns[c]!;
      const data = 'data' in col && col.type !== 'BOOLEAN' ? col.data : null;
      for (let i = from; i < to; i++)
        if (data === null || !isValid(col.type === 'NULL' ? null : col.valid, i)) b.append(null);
        else b.appendNumber(data[i]!);
    }
    return b.finish();
  }
  const b = createColumnBuilder(type);
  for (const { batch, from, to } of slices) {
    const col = batch.columns[c]!;
    for (let i = from; i < to; i++)
      b.append(col.type === 'BOOLEAN' && isValid(col.valid, i) ? col.data[i] === 1 : null);
  }
  return b.finish();
}

function concatF64(slices: readonly BatchSlice[], pick: (b: ColumnBatch) => Float64Array, n: number) {
  const out = new Float64Array(n);
  let k = 0;
  for (const { batch, from, to } of slices) {
    out.set(pick(batch).subarray(from, to), k);
    k += to - from;
  }
  return out;
}

/** The slices' rows in order, typed by `types`; seq, wm, op and arrival keys travel with them. */
export function concatSlices(
  slices: readonly BatchSlice[],
  types: readonly DataType[],
  wmAfter: number,
): ColumnBatch {
  let n = 0;
  for (const s of slices) n += s.to - s.from;
  let op: Uint8Array | null = null;
  if (slices.some((s) => s.batch.op !== null)) {
    op = new Uint8Array(n);
    let k = 0;
    for (const { batch, from, to } of slices) {
      if (batch.op !== null) op.set(batch.op.subarray(from, to), k);
      k += to - from;
    }
  }
  const withAt = slices.every((s) => s.batch.at);
  return {
    length: n,
    columns: types.map((t, c) => concatColumn(slices, c, t)),
    seq: concatF64(slices, (b) => b.seq, n),
    wm: concatF64(slices, (b) => b.wm, n),
    wmAfter,
    op,
    at: withAt ? concatF64(slices, (b) => b.at!, n) : null,
  };
}
