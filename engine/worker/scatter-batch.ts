/**
 * The central scatter of the partitioned variant: one batch in, one batch per
 * partition out, rows routed by the same row hash the partition-local
 * generators use (`partitionOfRow`), so both feeds put every key in the same
 * place. Strings hash once per dictionary entry, not once per row.
 */
import { bitmapBytes, emptyBatch, isValid, type Column, type ColumnBatch } from '../core/batch';
import { decodeDictionary } from '../core/batch-rows';
import { combineHash, hashNumber, hashString, NULL_HASH, partitionOfHash } from '../core/partition-hash';
import { ROW_HASH_START } from '../sources/generators/partition-of';

function columnHashes(c: Column): (i: number) => number {
  switch (c.type) {
    case 'NULL':
      return () => NULL_HASH;
    case 'VARCHAR': {
      const dict = decodeDictionary(c).map((s) => hashString(s));
      return (i) => (isValid(c.valid, i) ? dict[c.codes[i]!]! : NULL_HASH);
    }
    default:
      return (i) => (isValid(c.valid, i) ? hashNumber(c.data[i]!) : NULL_HASH);
  }
}

/** Partition of every row: hash of the given columns' values, in order. */
export function partitionIds(batch: ColumnBatch, columns: readonly number[], partitions: number): Uint8Array {
  const n = batch.length;
  const ids = new Uint8Array(n);
  const acc = new Uint32Array(n).fill(ROW_HASH_START);
  for (const k of columns) {
    const h = columnHashes(batch.columns[k]!);
    for (let i = 0; i < n; i++) acc[i] = combineHash(acc[i]!, h(i));
  }
  for (let i = 0; i < n; i++) ids[i] = partitionOfHash(acc[i]!, partitions);
  return ids;
}

function gatherValid(valid: Uint8Array | null, rows: Int32Array): Uint8Array | null {
  if (valid === null) return null;
  const out = new Uint8Array(bitmapBytes(rows.length));
  for (let j = 0; j < rows.length; j++) if (isValid(valid, rows[j]!)) out[j >> 3]! |= 1 << (j & 7);
  return out;
}

function gatherF64(a: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = a[rows[j]!]!;
  return out;
}

function gatherColumn(c: Column, rows: Int32Array): Column {
  switch (c.type) {
    case 'NULL':
      return { type: 'NULL', length: rows.length };
    case 'VARCHAR': {
      const codes = new Int32Array(rows.length);
      for (let j = 0; j < rows.length; j++) codes[j] = c.codes[rows[j]!]!;
      // Each part gets its own copy of the (small) dictionary: parts are transferred separately.
      return {
        type: 'VARCHAR',
        codes,
        dictBytes: c.dictBytes.slice(),
        dictOffsets: c.dictOffsets.slice(),
        valid: gatherValid(c.valid, rows),
      };
    }
    case 'BOOLEAN': {
      const data = new Uint8Array(rows.length);
      for (let j = 0; j < rows.length; j++) data[j] = c.data[rows[j]!]!;
      return { type: 'BOOLEAN', data, valid: gatherValid(c.valid, rows) };
    }
    default:
      return { type: c.type, data: gatherF64(c.data, rows), valid: gatherValid(c.valid, rows) };
  }
}

/** The rows of `batch` at the given indices, as a new batch (same wmAfter: the watermark is global). */
export function gatherBatch(batch: ColumnBatch, rows: Int32Array): ColumnBatch {
  let op: Uint8Array | null = null;
  if (batch.op !== null) {
    op = new Uint8Array(rows.length);
    for (let j = 0; j < rows.length; j++) op[j] = batch.op[rows[j]!]!;
  }
  return {
    length: rows.length,
    columns: batch.columns.map((c) => gatherColumn(c, rows)),
    seq: gatherF64(batch.seq, rows),
    wm: gatherF64(batch.wm, rows),
    wmAfter: batch.wmAfter,
    op,
    at: batch.at ? gatherF64(batch.at, rows) : null,
  };
}

/** Splits a batch into `partitions` batches by the hash of `columns`. */
export function scatterBatch(
  batch: ColumnBatch,
  columns: readonly number[],
  partitions: number,
): ColumnBatch[] {
  // A source's progress without rows (several sources merging) may come without columns.
  if (batch.length === 0) return Array.from({ length: partitions }, () => emptyBatch(batch.wmAfter));
  const ids = partitionIds(batch, columns, partitions);
  const counts = new Int32Array(partitions);
  for (let i = 0; i < batch.length; i++) counts[ids[i]!]!++;
  const rows = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(partitions);
  for (let i = 0; i < batch.length; i++) {
    const p = ids[i]!;
    rows[p]![fill[p]!++] = i;
  }
  return rows.map((r) => gatherBatch(batch, r));
}
