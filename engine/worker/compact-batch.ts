/** A batch copied into fresh, exactly-sized buffers: safe to transfer, and no larger than its rows. */
import { bitmapBytes, type Column, type ColumnBatch } from '../core/batch';

/** Validity bits of rows [from, to) as a bitmap of their own (bit j for row from + j). */
function sliceBits(v: Uint8Array, from: number, to: number): Uint8Array {
  if ((from & 7) === 0) return v.slice(from >> 3, (from >> 3) + bitmapBytes(to - from));
  const out = new Uint8Array(bitmapBytes(to - from));
  for (let i = from; i < to; i++)
    if ((v[i >> 3]! & (1 << (i & 7))) !== 0) out[(i - from) >> 3]! |= 1 << ((i - from) & 7);
  return out;
}

function compactColumn(c: Column, from: number, to: number): Column {
  const valid = (v: Uint8Array | null): Uint8Array | null => (v === null ? null : sliceBits(v, from, to));
  switch (c.type) {
    case 'NULL':
      return from === 0 ? c : { type: 'NULL', length: to - from };
    case 'VARCHAR':
      return {
        type: 'VARCHAR',
        codes: c.codes.slice(from, to),
        dictBytes: c.dictBytes.slice(),
        dictOffsets: c.dictOffsets.slice(),
        valid: valid(c.valid),
      };
    case 'BOOLEAN':
      return { type: 'BOOLEAN', data: c.data.slice(from, to), valid: valid(c.valid) };
    default:
      return { type: c.type, data: c.data.slice(from, to), valid: valid(c.valid) };
  }
}

/** Rows [from, length) of a batch (all of it by default) in new arrays. */
export function compactBatch(b: ColumnBatch, from = 0): ColumnBatch {
  const n = b.length;
  return {
    length: n - from,
    columns: b.columns.map((c) => compactColumn(c, from, n)),
    seq: b.seq.slice(from, n),
    wm: b.wm.slice(from, n),
    wmAfter: b.wmAfter,
    op: b.op === null ? null : b.op.slice(from, n),
    at: b.at ? b.at.slice(from, n) : null,
  };
}
