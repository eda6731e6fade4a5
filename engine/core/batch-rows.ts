/** Reading batches back as rows: for tests, the CLI and the UI's result table. Not for hot paths. */
import { isValid, type Column, type ColumnBatch, type StringColumn } from './batch';
import { OP_CODES, type Op, type Row, type Schema, type Value } from './types';

const decoder = new TextDecoder();

/** Every dictionary entry of a string column, decoded once. */
export function decodeDictionary(c: StringColumn): string[] {
  const n = c.dictOffsets.length - 1;
  const out = new Array<string>(Math.max(0, n));
  for (let k = 0; k < n; k++)
    out[k] = decoder.decode(c.dictBytes.subarray(c.dictOffsets[k]!, c.dictOffsets[k + 1]!));
  return out;
}

/** Value of row i; `dict` is the decoded dictionary for string columns. */
export function readValue(c: Column, i: number, dict: readonly string[] | null): Value {
  switch (c.type) {
    case 'NULL':
      return null;
    case 'VARCHAR':
      return isValid(c.valid, i) ? (dict ?? decodeDictionary(c))[c.codes[i]!]! : null;
    case 'BOOLEAN':
      return isValid(c.valid, i) ? c.data[i] === 1 : null;
    default:
      return isValid(c.valid, i) ? c.data[i]! : null;
  }
}

/** Decoded dictionaries per column (null for non-string columns). */
export function batchDictionaries(batch: ColumnBatch): (string[] | null)[] {
  return batch.columns.map((c) => (c.type === 'VARCHAR' ? decodeDictionary(c) : null));
}

export function batchToRows(batch: ColumnBatch, schema: Schema): Row[] {
  const dicts = batchDictionaries(batch);
  const rows: Row[] = [];
  for (let i = 0; i < batch.length; i++) {
    const r: Row = {};
    for (let c = 0; c < schema.length; c++) r[schema[c]!.name] = readValue(batch.columns[c]!, i, dicts[c]!);
    rows.push(r);
  }
  return rows;
}

export type RowWithOp = Row & { op: Op };

/** Rows with their change-log op as an extra `op` key. */
export function batchToRowsWithOp(batch: ColumnBatch, schema: Schema): RowWithOp[] {
  const rows = batchToRows(batch, schema) as RowWithOp[];
  for (let i = 0; i < rows.length; i++) rows[i]!.op = batch.op === null ? '+I' : OP_CODES[batch.op[i]!]!;
  return rows;
}

/** Values of row i in column order (the per-record variant, rejected-row reports). */
export function rowValues(batch: ColumnBatch, i: number, dicts: readonly (string[] | null)[]): Value[] {
  return batch.columns.map((c, k) => readValue(c, i, dicts[k] ?? null));
}
