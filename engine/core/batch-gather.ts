/**
 * Selecting rows of a batch by index: filters, late-row removal, partition scatter. The number
 * and code arrays are new and exactly sized, or cut from the thread's pool (`batchPool` as the
 * allocator) for plans whose outputs a worker gives back once it has checksummed and copied them
 * (operator.ts `outputArrays`): fresh arrays cost Chromium a page fault per 4 KB written, and a
 * filter over 1M rows writes ~11 MB of them. Other plans keep exact arrays: an operator may hold
 * what it gathered, and a pool's are up to twice the size.
 */
import { bitmapBytes, type Column, type ColumnBatch } from './batch';

/** Where gathered number and code arrays come from (`batchPool` is one; whoever takes one writes all of it). */
export interface ArrayAlloc {
  f64(n: number): Float64Array;
  i32(n: number): Int32Array;
}

export const EXACT: ArrayAlloc = { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n) };

/** a[0..m) in a new array (a builder's rows handed out). */
export function copyF64(a: Float64Array, m: number, alloc = EXACT): Float64Array {
  const out = alloc.f64(m);
  out.set(a.subarray(0, m));
  return out;
}

/** m entries of x in a new array (a batch's watermark column). */
export function filledF64(m: number, x: number, alloc = EXACT): Float64Array {
  return alloc.f64(m).fill(x);
}

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

export function gatherF64(a: Float64Array, sel: Int32Array, m: number, alloc = EXACT): Float64Array {
  const out = alloc.f64(m);
  for (let j = 0; j < m; j++) out[j] = a[sel[j]!]!;
  return out;
}

export function gatherBytes(a: Uint8Array, sel: Int32Array, m: number): Uint8Array {
  const out = new Uint8Array(m);
  for (let j = 0; j < m; j++) out[j] = a[sel[j]!]!;
  return out;
}

/**
 * Seq of rows sel[0..m) of a batch of n rows. A generator's batches have
 * consecutive seq (seq[i] = seq[0] + i): then it is seq[0] plus the row
 * index, with no scattered read of an array no earlier pass brought into cache.
 */
export function gatherSeq(
  seq: Float64Array,
  n: number,
  sel: Int32Array,
  m: number,
  alloc = EXACT,
): Float64Array {
  const base = seq[0]!;
  for (let i = 1; i < n; i++) if (seq[i] !== base + i) return gatherF64(seq, sel, m, alloc);
  const out = alloc.f64(m);
  for (let j = 0; j < m; j++) out[j] = base + sel[j]!;
  return out;
}

export function gatherColumn(c: Column, sel: Int32Array, m: number, alloc = EXACT): Column {
  switch (c.type) {
    case 'NULL':
      return { type: 'NULL', length: m };
    case 'VARCHAR': {
      const codes = alloc.i32(m);
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
    case 'BOOLEAN':
      return { type: 'BOOLEAN', data: gatherBytes(c.data, sel, m), valid: gatherValid(c.valid, sel, m) };
    default:
      return { type: c.type, data: gatherF64(c.data, sel, m, alloc), valid: gatherValid(c.valid, sel, m) };
  }
}

/** Rows sel[0..m) of a batch, with their seq, wm and op, all in new arrays. */
export function gatherBatch(b: ColumnBatch, sel: Int32Array, m: number, alloc = EXACT): ColumnBatch {
  return withRowsOf(
    b,
    sel,
    m,
    b.columns.map((c) => gatherColumn(c, sel, m, alloc)),
    alloc,
  );
}

/**
 * A batch of `columns` (already the m rows' values: gathered, computed or new) for rows
 * sel[0..m) of `b`: their seq, watermarks, ops and arrival times gathered, `b`'s wmAfter.
 */
export function withRowsOf(
  b: ColumnBatch,
  sel: Int32Array,
  m: number,
  columns: Column[],
  alloc = EXACT,
): ColumnBatch {
  return {
    length: m,
    columns,
    seq: gatherF64(b.seq, sel, m, alloc),
    wm: gatherF64(b.wm, sel, m, alloc),
    wmAfter: b.wmAfter,
    op: b.op === null ? null : gatherBytes(b.op, sel, m),
    at: b.at ? gatherF64(b.at, sel, m, alloc) : null,
  };
}

/** Rows [from, to) as a batch (typed-array views, no copy). */
export function sliceBatch(b: ColumnBatch, from: number, to: number): ColumnBatch {
  if (from === 0 && to === b.length) return b;
  const sel = new Int32Array(to - from);
  for (let j = 0; j < sel.length; j++) sel[j] = from + j;
  return { ...gatherBatch(b, sel, sel.length), wmAfter: to === b.length ? b.wmAfter : b.wm[to]! };
}
