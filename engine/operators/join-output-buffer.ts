/**
 * A join's output rows, collected across the many small slices the engine
 * hands a two-input operator (rows of the two streams alternate in arrival
 * order, often one row at a time) and pushed as one batch when the operator
 * is told the watermark. A batch per slice made output allocation — not
 * matching — the cost of a join. Values are copied in when a row is made
 * (bulk methods) or, for rows recorded one at a time during a run, once per
 * run (`copyRecorded`), so state rows may leave (and their slots be reused)
 * before the flush.
 *
 * Rows are [...left columns, ...right columns], as JoinOutput lays them out.
 */
import type { Column, ColumnBatch, StringColumn } from '../core/batch';
import {
  createColumnBuilder,
  NumberColumnBuilder,
  type ColumnBuilder,
  type StringColumnBuilder,
} from '../core/batch-builder';
import { decodeDictionary } from '../core/batch-rows';
import { OP_INSERT, type DataType } from '../core/types';
import type { Side } from './join-output';
import type { JoinSide } from './join-side';
import type { ArenaColumn } from './row-arena';

function grownF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Appends rows[0..m) of a batch column. */
function fromBatch(
  b: ColumnBuilder,
  col: Column,
  rows: Int32Array,
  m: number,
  dictOf: (c: StringColumn) => string[],
): void {
  if (col.type === 'NULL') {
    for (let j = 0; j < m; j++) b.append(null);
    return;
  }
  const valid = col.valid;
  const ok = (i: number): boolean => valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
  if (col.type === 'VARCHAR') {
    const d = dictOf(col);
    const s = b as StringColumnBuilder;
    for (let j = 0; j < m; j++) {
      const i = rows[j]!;
      if (ok(i)) s.appendString(d[col.codes[i]!]!);
      else s.append(null);
    }
    return;
  }
  if (col.type === 'BOOLEAN') {
    for (let j = 0; j < m; j++) {
      const i = rows[j]!;
      b.append(ok(i) ? col.data[i] === 1 : null);
    }
    return;
  }
  const nb = b as NumberColumnBuilder;
  const data = col.data;
  for (let j = 0; j < m; j++) {
    const i = rows[j]!;
    if (ok(i)) nb.appendNumber(data[i]!);
    else nb.append(null);
  }
}

/** Appends slots[0..m) of an arena column. */
function fromArena(b: ColumnBuilder, a: ArenaColumn, slots: Int32Array, m: number): void {
  if (a.interner !== null) {
    const values = a.interner.values;
    for (let j = 0; j < m; j++) b.append(values[a.ids[slots[j]!]!] ?? null);
    return;
  }
  if (!a.numeric) {
    for (let j = 0; j < m; j++) b.append(null);
    return;
  }
  const nb = b as NumberColumnBuilder;
  const data = a.data;
  const bits = a.valid;
  for (let j = 0; j < m; j++) {
    const s = slots[j]!;
    if ((bits[s >> 3]! & (1 << (s & 7))) !== 0) nb.appendNumber(data[s]!);
    else nb.append(null);
  }
}

// Scratch of fromSources (one per thread; it does not re-enter).
let numScratch = new Float64Array(1024);
let nullScratch = new Uint8Array(1024);

/**
 * Appends, for rows [from, to) of a recorded run, the value `src` names: a row of `col` (≥ 0), a
 * slot −v − 2 of `a`, or NULL (−1).
 */
function fromSources(
  b: ColumnBuilder,
  col: Column | null,
  a: ArenaColumn,
  src: Int32Array,
  from: number,
  to: number,
  dictOf: (c: StringColumn) => string[],
): void {
  if (a.numeric && b instanceof NumberColumnBuilder) {
    // Gathered into scratch and appended at once: a builder call per value cost more than the gather.
    const m = to - from;
    if (numScratch.length < m) {
      numScratch = new Float64Array(Math.max(m, numScratch.length * 2));
      nullScratch = new Uint8Array(numScratch.length);
    }
    const vals = numScratch;
    const isNull = nullScratch;
    const numeric = col !== null && col.type !== 'NULL' && col.type !== 'VARCHAR' && col.type !== 'BOOLEAN';
    const data = numeric ? col.data : null;
    const valid = numeric ? col.valid : null;
    const aData = a.data;
    const bits = a.valid;
    let nulls = 0;
    for (let r = from; r < to; r++) {
      const v = src[r]!;
      let ok: boolean;
      let x = 0;
      if (v >= 0) {
        ok = data !== null && (valid === null || (valid[v >> 3]! & (1 << (v & 7))) !== 0);
        if (ok) x = data![v]!;
      } else if (v === -1) ok = false;
      else {
        const s = -v - 2;
        ok = (bits[s >> 3]! & (1 << (s & 7))) !== 0;
        if (ok) x = aData[s]!;
      }
      vals[r - from] = x;
      isNull[r - from] = ok ? 0 : 1;
      if (!ok) nulls++;
    }
    b.appendMany(vals, m, nulls === 0 ? null : isNull);
    return;
  }
  const values = a.interner === null ? null : a.interner.values;
  const d = col !== null && col.type === 'VARCHAR' ? dictOf(col) : null;
  for (let r = from; r < to; r++) {
    const v = src[r]!;
    if (v === -1) b.append(null);
    else if (v < 0) b.append(values === null ? null : (values[a.ids[-v - 2]!] ?? null));
    else if (col === null || col.type === 'NULL') b.append(null);
    else if (col.valid !== null && (col.valid[v >> 3]! & (1 << (v & 7))) === 0) b.append(null);
    else if (col.type === 'VARCHAR') (b as StringColumnBuilder).appendString(d![col.codes[v]!]!);
    else if (col.type === 'BOOLEAN') b.append(col.data[v] === 1);
    else b.append(col.data[v]!);
  }
}

function nulls(b: ColumnBuilder, m: number): void {
  for (let j = 0; j < m; j++) b.append(null);
}

export class JoinOutputBuffer {
  private readonly builders: [ColumnBuilder[], ColumnBuilder[]];
  private seq: Float64Array<ArrayBuffer> = new Float64Array(256);
  private wm: Float64Array<ArrayBuffer> = new Float64Array(256);
  private at: Float64Array<ArrayBuffer> = new Float64Array(256);
  private op = new Uint8Array(256);
  private hasOp = false;
  private n = 0;
  private wmAfter = -Infinity;
  /** Decoded dictionaries of the input columns seen since the last flush. */
  private dicts = new Map<StringColumn, string[]>();
  /**
   * Rows recorded by `record*`, per side: where each one's values come from (≥ 0 a row of that
   * side's run batch, ≤ −2 state slot −v − 2, −1 NULL); rows from `copied` on are not yet in the builders.
   */
  private src: [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] = [
    new Int32Array(256),
    new Int32Array(256),
  ];
  private copied = 0;

  /** Per side and column: false where nobody downstream reads it (copied never, pushed as NULL). */
  private readonly used: [boolean[], boolean[]];

  constructor(
    types: readonly [readonly DataType[], readonly DataType[]],
    /** Output columns read downstream (null: all). */
    used: readonly boolean[] | null = null,
  ) {
    this.builders = [types[0].map(createColumnBuilder), types[1].map(createColumnBuilder)];
    const n0 = types[0].length;
    this.used = [types[0].map((_, c) => used?.[c] ?? true), types[1].map((_, c) => used?.[n0 + c] ?? true)];
  }

  get length(): number {
    return this.n;
  }

  /** A batch column's decoded dictionary, once per column until the flush (bound once: no closure per slice). */
  private readonly dictOf = (c: StringColumn): string[] => {
    let d = this.dicts.get(c);
    if (d === undefined) {
      d = decodeDictionary(c);
      this.dicts.set(c, d);
    }
    return d;
  };

  private mine(k: Side, batch: ColumnBatch, rows: Int32Array, m: number): void {
    this.bulk();
    const bs = this.builders[k];
    for (let c = 0; c < bs.length; c++) fromBatch(bs[c]!, batch.columns[c]!, rows, m, this.dictOf);
  }

  private state(k: Side, side: JoinSide, slots: Int32Array, m: number): void {
    const bs = this.builders[k];
    for (let c = 0; c < bs.length; c++) fromArena(bs[c]!, side.arena.cols[c]!, slots, m);
  }

  /** Row metadata from the batch row that caused each output row. */
  private metaOf(batch: ColumnBatch, rows: Int32Array, m: number, op: number): void {
    this.grow(this.n + m);
    this.bulk();
    const at = batch.at;
    for (let j = 0; j < m; j++) {
      const i = rows[j]!;
      this.seq[this.n] = batch.seq[i]!;
      this.wm[this.n] = batch.wm[i]!;
      this.at[this.n] = at ? at[i]! : 0;
      this.op[this.n++] = op;
    }
    if (op !== OP_INSERT) this.hasOp = true;
    if (batch.wmAfter > this.wmAfter) this.wmAfter = batch.wmAfter;
    this.copied = this.n;
  }

  private grow(need: number): void {
    if (need <= this.seq.length) return;
    this.seq = grownF64(this.seq, need);
    this.wm = grownF64(this.wm, need);
    this.at = grownF64(this.at, need);
    const op = new Uint8Array(this.seq.length);
    op.set(this.op);
    this.op = op;
    for (const k of [0, 1] as const) {
      const src = new Int32Array(this.seq.length);
      src.set(this.src[k]);
      this.src[k] = src;
    }
  }

  /** The bulk methods copy values at once: recorded rows still to copy would come out of order. */
  private bulk(): void {
    if (this.copied !== this.n)
      throw new Error('recorded join rows must be copied before rows are added in bulk');
  }

  /** Meta of a recorded row caused by row i of `batch`. */
  private recordMeta(batch: ColumnBatch, i: number): void {
    const r = this.n++;
    this.seq[r] = batch.seq[i]!;
    this.wm[r] = batch.wm[i]!;
    this.at[r] = batch.at ? batch.at[i]! : 0;
    this.op[r] = OP_INSERT;
    if (batch.wmAfter > this.wmAfter) this.wmAfter = batch.wmAfter;
  }

  /** Row i of side k's run batch beside state slot s of the other side; values copied by `copyRecorded`. */
  recordPair(k: Side, batch: ColumnBatch, i: number, s: number): void {
    this.grow(this.n + 1);
    this.src[k][this.n] = i;
    this.src[1 - k]![this.n] = -s - 2;
    this.recordMeta(batch, i);
  }

  /** Row i of side k's run batch beside NULLs. */
  recordPadded(k: Side, batch: ColumnBatch, i: number): void {
    this.grow(this.n + 1);
    this.src[k][this.n] = i;
    this.src[1 - k]![this.n] = -1;
    this.recordMeta(batch, i);
  }

  /** State slot s of side k beside NULLs, emitted now (watermark `wm`, arrival key `at`). */
  recordPaddedState(k: Side, side: JoinSide, s: number, wm: number, at: number): void {
    this.grow(this.n + 1);
    const r = this.n++;
    this.src[k][r] = -s - 2;
    this.src[1 - k]![r] = -1;
    this.seq[r] = side.arena.seq[s]!;
    this.wm[r] = wm;
    this.at[r] = at;
    this.op[r] = OP_INSERT;
    if (wm > this.wmAfter) this.wmAfter = wm;
  }

  /**
   * Copies the values of the rows recorded since the last call, column at a time: `batches[k]` is
   * the batch side k's row sources index, and every state slot they name must still hold its row.
   */
  copyRecorded(batches: readonly (ColumnBatch | null)[], sides: readonly [JoinSide, JoinSide]): void {
    const from = this.copied;
    const to = this.n;
    if (from === to) return;
    for (const k of [0, 1] as const) {
      const bs = this.builders[k];
      const batch = batches[k] ?? null;
      const cols = sides[k].arena.cols;
      for (let c = 0; c < bs.length; c++)
        if (this.used[k][c])
          fromSources(
            bs[c]!,
            batch === null ? null : batch.columns[c]!,
            cols[c]!,
            this.src[k],
            from,
            to,
            this.dictOf,
          );
    }
    this.copied = to;
  }

  /** Rows rows[j] of `batch` (side k) each beside state row slots[j] of the other side. */
  pairs(
    k: Side,
    batch: ColumnBatch,
    rows: Int32Array,
    slots: Int32Array,
    m: number,
    other: JoinSide,
    op = OP_INSERT,
  ): void {
    this.mine(k, batch, rows, m);
    this.state((1 - k) as Side, other, slots, m);
    this.metaOf(batch, rows, m, op);
  }

  /** Rows rows[0..m) of `batch` (side k) beside NULLs. */
  padded(k: Side, batch: ColumnBatch, rows: Int32Array, m: number, op = OP_INSERT): void {
    this.mine(k, batch, rows, m);
    for (const b of this.builders[(1 - k) as Side]) nulls(b, m);
    this.metaOf(batch, rows, m, op);
  }

  /** Rows sel[0..m) of a batch already laid out as output (e.g. pairs that passed the rest of ON). */
  rows(batch: ColumnBatch, sel: Int32Array, m: number): void {
    this.bulk();
    const all = [...this.builders[0], ...this.builders[1]];
    for (let c = 0; c < all.length; c++) fromBatch(all[c]!, batch.columns[c]!, sel, m, this.dictOf);
    this.metaOf(batch, sel, m, OP_INSERT);
  }

  /** State rows slots[0..m) of side k beside NULLs, emitted now (watermark `wm`, arrival key `at`). */
  paddedState(
    k: Side,
    side: JoinSide,
    slots: Int32Array,
    m: number,
    wm: number,
    at: number,
    op = OP_INSERT,
  ): void {
    this.bulk();
    this.state(k, side, slots, m);
    for (const b of this.builders[(1 - k) as Side]) nulls(b, m);
    this.grow(this.n + m);
    const seq = side.arena.seq;
    for (let j = 0; j < m; j++) {
      this.seq[this.n] = seq[slots[j]!]!;
      this.wm[this.n] = wm;
      this.at[this.n] = at;
      this.op[this.n++] = op;
    }
    if (op !== OP_INSERT) this.hasOp = true;
    if (wm > this.wmAfter) this.wmAfter = wm;
    this.copied = this.n;
  }

  /** Pushes what was collected as one batch (nothing if empty). */
  flush(out: { push(b: ColumnBatch): void }): void {
    if (this.n === 0) return;
    this.bulk();
    const n = this.n;
    const columns: Column[] = [];
    for (const k of [0, 1] as const)
      this.builders[k].forEach((b, c) => {
        columns.push(this.used[k][c] ? b.finish() : { type: 'NULL', length: n });
        b.reset();
      });
    out.push({
      length: n,
      columns,
      seq: this.seq.slice(0, n),
      wm: this.wm.slice(0, n),
      wmAfter: this.wmAfter,
      op: this.hasOp ? this.op.slice(0, n) : null,
      at: this.at.slice(0, n),
    });
    this.n = 0;
    this.copied = 0;
    this.hasOp = false;
    this.wmAfter = -Infinity;
    this.dicts.clear();
  }
}
