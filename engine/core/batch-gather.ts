/** Selecting rows of a batch by index: filters, late-row removal, partition scatter. */
import { bitmapBytes, type Column, type ColumnBatch } from './batch';

function gatherValid(valid: Uint8Array | null, sel: Int32Array, m: number): Uint8Array | null {
  if (valid === null) return null;
  const out = new Uint8Array(bitmapBytes(m));
  let nulls = 0;
  for (let j = 0; j < m; j++) {
    const i = sel[j]!;
    if ((valid[i >> 3]! & (1 << (i & 7))) !== 0) out[j >> 3]! |= 1 << (j & 7);
    else nulls++;
  }
  return nulls === 0 ? null : out;
}

function gatherF64(a: Float64Array, sel: Int32Array, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = a[sel[j]!]!;
  return out;
}

/**
 * Seq of rows sel[0..m) of a batch of n rows. A generator's batches have
 * consecutive seq (seq[i] = seq[0] + i): then it is seq[0] plus the row
 * index, with no scattered read of an array no earlier pass brought into cache.
 */
export function gatherSeq(seq: Float64Array, n: number, sel: Int32Array, m: number): Float64Array {
  const base = seq[0]!;
  for (let i = 1; i < n; i++) if (seq[i] !== base + i) return gatherF64(seq, sel, m);
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = base + sel[j]!;
  return out;
}

export function gatherColumn(c: Column, sel: Int32Array, m: number): Column {
  switch (c.type) {
    case 'NULL':
      return { type: 'NULL', length: m };
    case 'VARCHAR': {
      const codes = new Int32Array(m);
      const src = c.codes;
      for (let j = 0; j < m; j++) codes[j] = src[sel[j]!]!;
      return {
        type: 'VARCHAR',
        codes,
        dictBytes: c.dictBytes,
        dictOffsets: c.dictOffsets,
        valid: gatherValid(c.valid, sel, m),
      };
    }
    case 'BOOLEAN': {
      const data = new Uint8Array(m);
      for (let j = 0; j < m; j++) data[j] = c.data[sel[j]!]!;
      return { type: 'BOOLEAN', data, valid: gatherValid(c.valid, sel, m) };
    }
    default:
      return { type: c.type, data: gatherF64(c.data, sel, m), valid: gatherValid(c.valid, sel, m) };
  }
}

/** Rows sel[0..m) of a batch, with their seq, wm and op. */
export function gatherBatch(b: ColumnBatch, sel: Int32Array, m: number): ColumnBatch {
  let op: Uint8Array | null = null;
  if (b.op !== null) {
    op = new Uint8Array(m);
    for (let j = 0; j < m; j++) op[j] = b.op[sel[j]!]!;
  }
  return {
    length: m,
    columns: b.columns.map((c) => gatherColumn(c, sel, m)),
    seq: gatherF64(b.seq, sel, m),
    wm: gatherF64(b.wm, sel, m),
    wmAfter: b.wmAfter,
    op,
    at: b.at ? gatherF64(b.at, sel, m) : null,
  };
}

/** Rows [from, to) as a batch (typed-array views, no copy). */
export function sliceBatch(b: ColumnBatch, from: number, to: number): ColumnBatch {
  if (from === 0 && to === b.length) return b;
  const sel = new Int32Array(to - from);
  for (let j = 0; j < sel.length; j++) sel[j] = from + j;
  return { ...gatherBatch(b, sel, sel.length), wmAfter: to === b.length ? b.wmAfter : b.wm[to]! };
}
