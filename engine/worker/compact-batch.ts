/** A batch copied into fresh, exactly-sized buffers: safe to transfer, and no larger than its rows. */
import { bitmapBytes, type Column, type ColumnBatch } from '../core/batch';

function compactColumn(c: Column, n: number): Column {
  const valid = (v: Uint8Array | null): Uint8Array | null => (v === null ? null : v.slice(0, bitmapBytes(n)));
  switch (c.type) {
    case 'NULL':
      return c;
    case 'VARCHAR':
      return {
        type: 'VARCHAR',
        codes: c.codes.slice(0, n),
        dictBytes: c.dictBytes.slice(),
        dictOffsets: c.dictOffsets.slice(),
        valid: valid(c.valid),
      };
    case 'BOOLEAN':
      return { type: 'BOOLEAN', data: c.data.slice(0, n), valid: valid(c.valid) };
    default:
      return { type: c.type, data: c.data.slice(0, n), valid: valid(c.valid) };
  }
}

export function compactBatch(b: ColumnBatch): ColumnBatch {
  const n = b.length;
  return {
    length: n,
    columns: b.columns.map((c) => compactColumn(c, n)),
    seq: b.seq.slice(0, n),
    wm: b.wm.slice(0, n),
    wmAfter: b.wmAfter,
    op: b.op === null ? null : b.op.slice(0, n),
    at: b.at ? b.at.slice(0, n) : null,
  };
}
