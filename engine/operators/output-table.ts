/**
 * Output rows of an aggregate, appended in emission order and turned into one
 * columnar batch per input batch: keys come from group ids, results from the
 * accumulators (written by row index, possibly later in the same batch).
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import { type ArrayAlloc, copyF64, filledF64, gatherColumn } from '../core/batch-gather';
import { OP_INSERT, OP_UPDATE } from '../core/types';
import { ResultColumn } from '../aggregate/result-column';
import type { AggCall } from '../plan/physical-plan';
import type { GroupKeys } from './group-keys';

function growI32(a: Int32Array, n: number): Int32Array {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
function growF64(a: Float64Array, n: number): Float64Array {
  if (n <= a.length) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** Key values of the selected input rows; numbers fold −0 into 0 as the key interner does. */
function gatherKey(c: Column, sel: Int32Array, m: number, alloc?: ArrayAlloc): Column {
  if (c.type !== 'BIGINT' && c.type !== 'DOUBLE' && c.type !== 'TIMESTAMP')
    return gatherColumn(c, sel, m, alloc);
  const g = gatherColumn(c, sel, m, alloc) as NumberColumn;
  const d = g.data;
  for (let j = 0; j < m; j++) if (d[j] === 0) d[j] = 0;
  return g;
}

export class OutputTable {
  m = 0;
  private groups: Int32Array = new Int32Array(256);
  private start: Float64Array = new Float64Array(256);
  private end: Float64Array = new Float64Array(256);
  private seq: Float64Array = new Float64Array(256);
  private ops = new Uint8Array(256);
  /** Input row (of the current batch) each output row stands for, or −1. */
  private src: Int32Array = new Int32Array(256);
  /** Every row so far has an input row: keys can be gathered from the input instead of rebuilt from group ids. */
  private fromInput = true;
  private anyOp = false;
  readonly results: ResultColumn[];

  /** `alloc`: where the batches `take` hands out get their number and code arrays (operator.ts `outputArrays`). */
  constructor(
    calls: readonly AggCall[],
    private readonly windowed: boolean,
    private readonly alloc?: ArrayAlloc,
  ) {
    this.results = calls.map((c) => new ResultColumn(c.type));
    for (const r of this.results) r.ensure(this.groups.length);
  }

  /** Makes room for `extra` more rows (call before appending / writing results). */
  reserve(extra: number): void {
    const n = this.m + extra;
    this.groups = growI32(this.groups, n);
    this.start = growF64(this.start, n);
    this.end = growF64(this.end, n);
    this.seq = growF64(this.seq, n);
    this.src = growI32(this.src, n);
    if (n > this.ops.length) {
      const b = new Uint8Array(Math.max(n, this.ops.length * 2));
      b.set(this.ops);
      this.ops = b;
    }
    for (const r of this.results) r.ensure(n);
  }

  /**
   * Appends a row (results are written separately at the returned index).
   * `src`: the row of the current input batch whose keys this row carries
   * (EMIT CHANGES), or −1.
   */
  append(group: number, start: number, end: number, op: number, seq: number, src = -1): number {
    const j = this.m++;
    if (j >= this.groups.length) {
      this.m--;
      this.reserve(this.groups.length);
      this.m++;
    }
    this.groups[j] = group;
    this.start[j] = start;
    this.end[j] = end;
    this.seq[j] = seq;
    this.ops[j] = op;
    this.src[j] = src;
    if (src < 0) this.fromInput = false;
    if (op !== 0) this.anyOp = true;
    return j;
  }

  /**
   * Appends one row per group of groups[0..n), all of window [start, end) and
   * op INSERT (a window firing: no input row carries them); returns the first
   * one's index. `setUpdate` turns one into an UPDATE.
   */
  appendWindow(groups: Int32Array, n: number, start: number, end: number, seq: number): number {
    this.reserve(n);
    const j0 = this.m;
    const j1 = j0 + n;
    this.groups.set(groups.subarray(0, n), j0);
    this.start.fill(start, j0, j1);
    this.end.fill(end, j0, j1);
    this.seq.fill(seq, j0, j1);
    this.ops.fill(OP_INSERT, j0, j1);
    this.src.fill(-1, j0, j1);
    if (n > 0) this.fromInput = false;
    this.m = j1;
    return j0;
  }

  /**
   * Keeps of rows [j0, j0 + n) only j0 + keep[0..k) (ascending), moved down in order; they are
   * the last rows (a window's firing, see WindowPreselect).
   */
  keepRows(j0: number, n: number, keep: Int32Array, k: number): void {
    for (let r = 0; r < k; r++) {
      const to = j0 + r;
      const from = j0 + keep[r]!;
      this.groups[to] = this.groups[from]!;
      this.start[to] = this.start[from]!;
      this.end[to] = this.end[from]!;
      this.seq[to] = this.seq[from]!;
      this.ops[to] = this.ops[from]!;
      this.src[to] = this.src[from]!;
    }
    for (const res of this.results) res.keepRows(j0, n, keep, k);
    this.m = j0 + k;
  }

  /** Row j updates a row emitted before (see `appendWindow`). */
  setUpdate(j: number): void {
    this.ops[j] = OP_UPDATE;
    this.anyOp = true;
  }

  /**
   * The rows so far as a batch ([keys, window_start, window_end, aggregates]
   * or [keys, aggregates]); resets. `inputKeys`: the current batch's key
   * columns; when every row came from an input row (EMIT CHANGES), the key
   * columns are gathered from them (dictionaries included) instead of being
   * rebuilt from group ids value by value.
   */
  take(keys: GroupKeys, wm: number, inputKeys: readonly Column[] | null = null): ColumnBatch | null {
    const m = this.m;
    if (m === 0) {
      this.fromInput = true;
      return null;
    }
    const cols: Column[] =
      inputKeys !== null && this.fromInput
        ? inputKeys.map((c) => gatherKey(c, this.src, m, this.alloc))
        : keys.buildColumns(this.groups, m);
    if (this.windowed) {
      cols.push({ type: 'TIMESTAMP', data: copyF64(this.start, m, this.alloc), valid: null });
      cols.push({ type: 'TIMESTAMP', data: copyF64(this.end, m, this.alloc), valid: null });
    }
    for (const r of this.results) cols.push(r.take(m, this.alloc));
    const batch: ColumnBatch = {
      length: m,
      columns: cols,
      seq: copyF64(this.seq, m, this.alloc),
      wm: filledF64(m, wm, this.alloc),
      wmAfter: wm,
      op: this.anyOp ? this.ops.slice(0, m) : null,
    };
    this.m = 0;
    this.anyOp = false;
    this.fromInput = true;
    return batch;
  }
}
