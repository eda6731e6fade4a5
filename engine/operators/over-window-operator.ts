/**
 * Row windows (OVER … PARTITION BY k ORDER BY ts), dialect §4: the watermark is
 * per key, W_k = max earlier ts of key k − d; a row with ts ≤ W_k is late and
 * dropped (reported). Accepted rows are evaluated in (ts, arrival) order per
 * key and emitted once nothing accepted can precede them: at once when d = 0
 * (then the output is the input columns, zero-copy, plus result columns).
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import { filledF64, gatherColumn, gatherF64, gatherSeq } from '../core/batch-gather';
import { readValue } from '../core/batch-rows';
import { ResultColumn } from '../aggregate/result-column';
import { compileKernel, dictionaryOf, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr, OverWindowOp } from '../plan/physical-plan';
import { GroupKeys } from './group-keys';
import { HeldRows } from './held-rows';
import { KeyRuns } from './key-runs';
import {
  checkStateLimit,
  type BatchSink,
  type Operator,
  type OperatorContext,
  rejectNullTime,
} from './operator';
import { FrameAggregate } from './frame-aggregate';
import { FrameMinMax, minMaxPairs, stepPair, type MinMaxPair } from './frame-min-max';
import { FrameFirstLast, LagFn, RowNumberFn, type OverFn } from './over-functions';

const NULL_LIT: Expr = { kind: 'literal', value: null, type: 'NULL' };

/** Function f evaluates row n of key k, found at index i (a batch row or an arena slot), by value into res at j. */
type ValueStep = (f: number, k: number, n: number, i: number, res: ResultColumn, j: number) => void;

export class OverWindowOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly fns: OverFn[];
  /** MIN and MAX of one argument and frame, evaluated in one pass over runs (null: alone). */
  private readonly pairs: readonly (MinMaxPair | null)[];
  /** d > 0: which functions are bound to their arena column in `release`. */
  private readonly fastHeld: boolean[];
  /** d > 0: function f by value for a row in the arena (i = its slot). */
  private readonly heldByValue: ValueStep | null;
  private readonly argKernel: CompiledKernel;
  private readonly results: ResultColumn[];
  private maxTs = new Float64Array(0);
  private count = new Int32Array(0);
  private readonly d: number;
  /** d > 0: held-back rows, columnar, and each key's queue of them. */
  private readonly held: HeldRows | null;
  /** d > 0: results of the rows released straight from their batch, and those rows. */
  private readonly directResults: ResultColumn[];
  private directRows = new Int32Array(0);
  /** d > 0: the batch's accepted rows by key, and per run (touched order): direct rows, store-list range of rows left held. */
  private readonly runs = new KeyRuns();
  private spans = new Int32Array(0);
  /** d > 0: ts of each run's rows as they are sorted, beside runs.rows. */
  private runTs = new Float64Array(0);

  constructor(
    private readonly op: OverWindowOp,
    private readonly inputNames: readonly string[],
    private readonly ctx: OperatorContext,
    /** Input columns read downstream (null: all); the others are emitted as NULL columns. */
    private readonly used: readonly boolean[] | null = null,
  ) {
    this.keys = new GroupKeys(op.partitionBy);
    this.d = op.delay;
    this.fns = op.functions.map((f): OverFn => {
      if (f.kind === 'rowNumber') return new RowNumberFn();
      if (f.kind === 'lag') return new LagFn(f.offset);
      const fn = f.call.fn;
      if ((fn === 'MIN' || fn === 'MAX') && !f.call.distinct) return new FrameMinMax(f.call, f.preceding);
      if (fn === 'FIRST_VALUE' || fn === 'LAST_VALUE') return new FrameFirstLast(f.call, f.preceding);
      return new FrameAggregate(f.call, f.preceding);
    });
    const exprs: Expr[] = [];
    for (const f of op.functions) {
      if (f.kind === 'aggregate') exprs.push(f.call.arg ?? NULL_LIT, NULL_LIT);
      else if (f.kind === 'lag') exprs.push(f.arg, f.defaultValue ?? NULL_LIT);
      else exprs.push(NULL_LIT, NULL_LIT);
    }
    this.argKernel = compileKernel(exprs);
    this.pairs = minMaxPairs(op.functions, this.fns);
    this.fastHeld = this.fns.map(() => false);
    const resultColumn = (f: OverWindowOp['functions'][number]): ResultColumn =>
      new ResultColumn(f.kind === 'aggregate' ? f.call.type : f.type);
    this.results = op.functions.map(resultColumn);
    this.directResults = op.functions.map(resultColumn);
    const countStar = op.functions.map((f) => f.kind === 'aggregate' && f.call.fn === 'COUNT_STAR');
    this.held =
      this.d > 0
        ? new HeldRows(op.schema.slice(0, inputNames.length), exprs, this.fns, countStar, used)
        : null;
    const h = this.held;
    this.heldByValue =
      h === null
        ? null
        : (f, k, n, slot, res, j) => {
            const a = h.argColumn[2 * f]!;
            const b = h.argColumn[2 * f + 1]!;
            const v = a < 0 ? null : h.arena.value(a, slot);
            const d = b < 0 ? null : h.arena.value(b, slot);
            this.fns[f]!.step(k, n, typeof v === 'number' ? v : NaN, v, d, res, j);
          };
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    const argCols = this.argKernel.run(batch).columns;
    if (this.held === null) this.evaluateNow(batch, argCols, out);
    else this.hold(batch, argCols, this.held, out);
  }

  /** Rows this operator may use: event time not NULL and not late for its key. Updates the keys' max event time. */
  private accept(batch: ColumnBatch, i: number, k: number, t: number, tsValid: boolean): boolean {
    if (!tsValid) {
      rejectNullTime(this.ctx, batch, i, this.inputNames, this.op.timeColumn);
      return false;
    }
    if (k >= this.maxTs.length) this.growKeys(k);
    const max = this.maxTs[k]!;
    if (t <= max - this.d) {
      this.rejectLate(batch, i, max);
      return false;
    }
    if (t > max) this.maxTs[k] = t;
    return true;
  }

  /** Sets row i aside as late: its ts is at or below the watermark of its key, whose max ts was `max`. */
  private rejectLate(batch: ColumnBatch, i: number, max: number): void {
    this.ctx.reject(
      batch,
      i,
      this.inputNames,
      'late',
      `late for its key: ts ≤ watermark of the key (${max - this.d})`,
    );
  }

  /** d = 0: every accepted row is evaluated at once; the output is the input columns (zero-copy) plus results. */
  private evaluateNow(batch: ColumnBatch, argCols: readonly Column[], out: BatchSink): void {
    const n = batch.length;
    const groups = this.keys.groups;
    const dicts = argCols.map((c) => (c.type === 'VARCHAR' ? dictionaryOf(c) : null));
    const fast = this.fns.map((fn, f) => this.bindNumeric(fn, f, argCols[2 * f]!));
    const tsCol = batch.columns[this.op.timeColumn] as NumberColumn;
    const nullTs = tsCol.type === ('NULL' as string);
    const F = this.fns.length;
    const sel = new Int32Array(n);
    let m = 0;
    for (const r of this.results) r.ensure(n);
    for (let i = 0; i < n; i++) {
      const k = groups[i]!;
      const t = nullTs ? 0 : tsCol.data[i]!;
      if (
        !this.accept(
          batch,
          i,
          k,
          t,
          !nullTs && (tsCol.valid === null || (tsCol.valid[i >> 3]! & (1 << (i & 7))) !== 0),
        )
      )
        continue;
      const nk = this.count[k]!;
      this.count[k] = nk + 1;
      for (let f = 0; f < F; f++) {
        const fn = this.fns[f]!;
        if (fast[f]) fn.stepAt!(k, nk, i, this.results[f]!, m);
        else this.stepValue(fn, f, k, nk, i, argCols, dicts, this.results[f]!, m);
      }
      sel[m++] = i;
    }
    if (m === 0) return;
    const alloc = this.ctx.outputArrays;
    const cols: Column[] = batch.columns.map((c, k) =>
      m === n
        ? c
        : this.used !== null && !this.used[k]
          ? { type: 'NULL', length: m }
          : gatherColumn(c, sel, m, alloc),
    );
    for (const r of this.results) cols.push(r.take(m, alloc));
    const pick = (a: Float64Array): Float64Array => (m === n ? a : gatherF64(a, sel, m, alloc));
    out.push({
      length: m,
      columns: cols,
      seq: pick(batch.seq),
      wm: pick(batch.wm),
      wmAfter: batch.wmAfter,
      op: null,
    });
  }

  /** Row n of key k is batch row i: function f by value (arguments read from the batch), result at output row j. */
  private stepValue(
    fn: OverFn,
    f: number,
    k: number,
    n: number,
    i: number,
    argCols: readonly Column[],
    dicts: readonly (string[] | null)[],
    res: ResultColumn,
    j: number,
  ): void {
    const a = argCols[2 * f]!;
    const b = argCols[2 * f + 1]!;
    const v = a.type === 'NULL' ? null : readValue(a, i, dicts[2 * f]!);
    fn.step(
      k,
      n,
      typeof v === 'number' ? v : NaN,
      v,
      b.type === 'NULL' ? null : readValue(b, i, dicts[2 * f + 1]!),
      res,
      j,
    );
  }

  /** Binds a numeric function to its argument column; false if it must take the per-value path. */
  private bindNumeric(fn: OverFn, f: number, c: Column): boolean {
    if (!fn.numeric || !fn.bind) return false;
    if (c.type === 'BIGINT' || c.type === 'DOUBLE' || c.type === 'TIMESTAMP') fn.bind(c.data, c.valid);
    else if (this.isCountStar(f)) fn.bind(new Float64Array(0), null);
    else return false;
    return true;
  }

  private isCountStar(f: number): boolean {
    const fn = this.op.functions[f]!;
    return fn.kind === 'aggregate' && fn.call.fn === 'COUNT_STAR';
  }

  /**
   * d > 0: a key's rows are evaluated in (ts, arrival) order once no accepted
   * row can precede them (ts ≤ max ts of the key − d). Most rows of a batch
   * are released by the batch's own later rows, so they are evaluated
   * straight from the batch and only the rest are copied into the arena. Per
   * key that received rows:
   *  - its batch rows with ts below the newest row it holds ("merge" rows)
   *    join its queue among the held rows;
   *  - its held rows up to the threshold are released from the arena;
   *  - its other batch rows (ts ≥ every held row, arrived later, so they come
   *    after all of them) follow in (ts, arrival) order: those up to the
   *    threshold straight from the batch, the rest into the arena.
   * Arena releases go out first, so each key's sequence is kept. Releasing
   * per key at the end of the batch gives each key the same sequence as
   * releasing after every row: a row accepted later in the batch has ts >
   * the key's threshold at that time, so it sorts after every row that
   * would have been released before it.
   */
  private hold(batch: ColumnBatch, argCols: readonly Column[], h: HeldRows, out: BatchSink): void {
    const n = batch.length;
    const tsCol = batch.columns[this.op.timeColumn] as NumberColumn;
    const { rows, slots } = h.reserve(n);
    const m = this.groupAccepted(batch, tsCol);
    if (m === 0) return;
    const runs = this.runs;
    const nt = runs.count;
    if (this.spans.length < 3 * nt) this.spans = new Int32Array(Math.max(3 * nt, 2 * this.spans.length));
    const spans = this.spans;
    // Each key's run: merge rows into the arena and its queue now, the rest sorted;
    // slots for the rows that stay held after this batch. rows/slots become the store list.
    const ts = tsCol.data;
    const arena = h.arena;
    if (this.runTs.length < m) this.runTs = new Float64Array(Math.max(m, 2 * this.runTs.length));
    const rts = this.runTs;
    const list = runs.rows;
    let st = 0;
    let direct = 0;
    for (let q = 0; q < nt; q++) {
      const k = runs.touched[q]!;
      const s0 = runs.start[k]!;
      const e = s0 + runs.size[k]!;
      const newest = h.queues.newestTs(k, arena.ts);
      // Merge rows leave the run; the others are insertion-sorted in place (stable; runs arrive almost
      // sorted), their ts kept alongside in rts so neither the sort nor the scan for the held suffix
      // reads ts[list[…]].
      let w = s0;
      // The largest ts in the run so far (at least newest): rows at or above it, most of them, just append.
      let last = newest;
      for (let p = s0; p < e; p++) {
        const i = list[p]!;
        const t = ts[i]!;
        if (t >= last) {
          list[w] = i;
          rts[w++] = t;
          last = t;
          continue;
        }
        if (t < newest) {
          const s = this.holdRow(arena, t, batch.seq[i]!);
          rows[st] = i;
          slots[st++] = s;
          h.queues.push(k, s, arena.ts);
          continue;
        }
        let b = w++;
        while (b > s0 && rts[b - 1]! > t) {
          list[b] = list[b - 1]!;
          rts[b] = rts[b - 1]!;
          b--;
        }
        list[b] = i;
        rts[b] = t;
      }
      const upTo = this.maxTs[k]! - this.d;
      // From the end: the held suffix (the key's last d of event time) is mostly the shorter part.
      let p = w;
      while (p > s0 && rts[p - 1]! > upTo) p--;
      spans[3 * q] = p - s0;
      spans[3 * q + 1] = st;
      for (let r = p; r < w; r++) {
        const i = list[r]!;
        rows[st] = i;
        slots[st++] = this.holdRow(arena, rts[r]!, batch.seq[i]!);
      }
      spans[3 * q + 2] = st;
      direct += p - s0;
    }
    if (st > 0) h.store(batch.columns, argCols, n, st);
    let j = 0;
    const fast = this.bindHeld(h);
    for (let q = 0; q < nt; q++) {
      const k = runs.touched[q]!;
      j = this.release(h, k, this.maxTs[k]! - this.d, j, fast);
      for (let r = spans[3 * q + 1]!; r < spans[3 * q + 2]!; r++) h.queues.push(k, slots[r]!, arena.ts);
    }
    checkStateLimit(this.ctx, arena.size + this.keys.count, 'buffered rows and keys');
    if (j > 0) out.push(this.emitReleased(h, j, batch.wmAfter));
    if (direct > 0) out.push(this.releaseDirect(batch, argCols, direct));
  }

  /** `accept` for the whole batch, by `runs` (which groups the accepted rows by key); returns how many it accepted. */
  private groupAccepted(batch: ColumnBatch, tsCol: NumberColumn): number {
    const n = batch.length;
    if (tsCol.type === ('NULL' as string)) {
      for (let i = 0; i < n; i++) rejectNullTime(this.ctx, batch, i, this.inputNames, this.op.timeColumn);
      return 0;
    }
    const K = this.keys.count;
    if (K > this.maxTs.length) this.growKeys(K - 1);
    const runs = this.runs;
    const m = runs.group(this.keys.groups, n, tsCol.data, tsCol.valid, this.maxTs, this.d, K);
    const valid = tsCol.valid;
    for (let r = 0; r < runs.rejectedCount; r++) {
      const i = runs.rejected[r]!;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0)
        rejectNullTime(this.ctx, batch, i, this.inputNames, this.op.timeColumn);
      else this.rejectLate(batch, i, runs.rejectedMax[r]!);
    }
    return m;
  }

  /** A slot in the arena for a row held after this batch (its columns are stored later, in one pass). */
  private holdRow(arena: HeldRows['arena'], t: number, seq: number): number {
    const s = arena.alloc();
    arena.ts[s] = t;
    arena.seq[s] = seq;
    return s;
  }

  /** Evaluates the batch rows `hold` released straight from the batch (each key's sorted run prefix) as one output batch. */
  private releaseDirect(batch: ColumnBatch, argCols: readonly Column[], m: number): ColumnBatch {
    const runs = this.runs;
    if (this.directRows.length < m) this.directRows = new Int32Array(Math.max(m, 2 * this.directRows.length));
    const at = this.directRows;
    const dicts = argCols.map((c) => (c.type === 'VARCHAR' ? dictionaryOf(c) : null));
    const fast = this.fns.map((fn, f) => this.bindNumeric(fn, f, argCols[2 * f]!));
    const byValue: ValueStep = (f, k, n, i, res, j) =>
      this.stepValue(this.fns[f]!, f, k, n, i, argCols, dicts, res, j);
    for (const r of this.directResults) r.ensure(m);
    let j = 0;
    for (let q = 0; q < runs.count; q++) {
      const len = this.spans[3 * q]!;
      if (len === 0) continue;
      const k = runs.touched[q]!;
      at.set(runs.rows.subarray(runs.start[k]!, runs.start[k]! + len), j);
      this.evaluateRun(k, at, j, j + len, this.directResults, fast, byValue);
      j += len;
    }
    const alloc = this.ctx.outputArrays;
    const cols: Column[] = batch.columns.map((c, k) =>
      this.used !== null && !this.used[k] ? { type: 'NULL', length: m } : gatherColumn(c, at, m, alloc),
    );
    for (const r of this.directResults) cols.push(r.take(m, alloc));
    const seq = gatherSeq(batch.seq, batch.length, at, m, alloc);
    const wm = batch.wmAfter;
    return { length: m, columns: cols, seq, wm: filledF64(m, wm, alloc), wmAfter: wm, op: null };
  }

  /** Binds the functions to the arena's columns for this batch's releases (the arena does not grow while they run). */
  private bindHeld(h: HeldRows): boolean[] {
    const fast = this.fastHeld;
    for (let f = 0; f < this.fns.length; f++) fast[f] = h.bindFast(f);
    return fast;
  }

  /** Evaluates key k's held rows with ts ≤ upTo, in order, as output rows j…; returns the new j. */
  private release(h: HeldRows, k: number, upTo: number, j: number, fast: readonly boolean[]): number {
    const from = j;
    const to = h.queues.popUpTo(k, upTo, h.arena.ts, h.ensureOut(j + h.queues.held(k)), j);
    if (to === from) return from;
    for (const r of this.results) r.ensure(to);
    this.evaluateRun(k, h.out, from, to, this.results, fast, this.heldByValue!);
    return to;
  }

  /**
   * Key k's next rows, at[from..to) (indices into the bound columns, or rows
   * for `byValue`), through every function into `results` at the same
   * positions: paired MIN/MAX in one pass, bound numeric functions by run,
   * the others a row at a time.
   */
  private evaluateRun(
    k: number,
    at: Int32Array,
    from: number,
    to: number,
    results: readonly ResultColumn[],
    fast: readonly boolean[],
    byValue: ValueStep,
  ): void {
    const nk = this.count[k]!;
    this.count[k] = nk + (to - from);
    for (let f = 0; f < this.fns.length; f++) {
      if (stepPair(this.pairs[f], f, fast, k, nk, at, from, to, results)) continue;
      const res = results[f]!;
      if (fast[f]) this.fns[f]!.stepRun!(k, nk, at, from, to, res);
      else for (let r = from; r < to; r++) byValue(f, k, nk + r - from, at[r]!, res, r);
    }
  }

  /** Output batch of released rows out[0..m): input columns gathered from the arena, then results; their slots are freed. */
  private emitReleased(h: HeldRows, m: number, wm: number): ColumnBatch {
    const arena = h.arena;
    const alloc = this.ctx.outputArrays;
    const cols: Column[] = [];
    for (let c = 0; c < this.inputNames.length; c++)
      cols.push(
        this.used !== null && !this.used[c] ? { type: 'NULL', length: m } : arena.gather(c, h.out, m, alloc),
      );
    for (const r of this.results) cols.push(r.take(m, alloc));
    const seq = arena.gatherSeq(h.out, m, alloc);
    for (let j = 0; j < m; j++) arena.release(h.out[j]!);
    return { length: m, columns: cols, seq, wm: filledF64(m, wm, alloc), wmAfter: wm, op: null };
  }

  private growKeys(k: number): void {
    const n = Math.max(64, (k + 1) * 2);
    const m = new Float64Array(n).fill(-Infinity);
    m.set(this.maxTs);
    this.maxTs = m;
    const c = new Int32Array(n);
    c.set(this.count);
    this.count = c;
  }

  onWatermark(): void {}

  onEnd(out: BatchSink): void {
    const h = this.held;
    if (h === null || h.arena.size === 0) return;
    let j = 0;
    const fast = this.bindHeld(h);
    for (let k = 0; k < h.queues.keyBound; k++) j = this.release(h, k, Infinity, j, fast);
    if (j > 0) out.push(this.emitReleased(h, j, Infinity));
  }

  stateSize(): number {
    let n = (this.held?.arena.size ?? 0) + this.keys.count;
    for (const f of this.fns) n += f.held();
    return n;
  }
}
