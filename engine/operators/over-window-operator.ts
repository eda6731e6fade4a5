/**
 * Row windows (OVER … PARTITION BY k ORDER BY ts), dialect §4: the watermark is
 * per key, W_k = max earlier ts of key k − d; a row with ts ≤ W_k is late and
 * dropped (reported). Accepted rows are evaluated in (ts, arrival) order per
 * key and emitted once nothing accepted can precede them: at once when d = 0
 * (then the output is the input columns, zero-copy, plus result columns).
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import { gatherColumn } from '../core/batch-gather';
import { readValue } from '../core/batch-rows';
import { ResultColumn } from '../aggregate/result-column';
import { compileKernel, dictionaryOf, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr, OverWindowOp } from '../plan/physical-plan';
import { GroupKeys } from './group-keys';
import { HeldRows } from './held-rows';
import {
  checkStateLimit,
  type BatchSink,
  type Operator,
  type OperatorContext,
  rejectNullTime,
} from './operator';
import { FrameAggregate } from './frame-aggregate';
import { FrameMinMax } from './frame-min-max';
import { FrameFirstLast, LagFn, RowNumberFn, type OverFn } from './over-functions';

const NULL_LIT: Expr = { kind: 'literal', value: null, type: 'NULL' };

export class OverWindowOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly fns: OverFn[];
  private readonly argKernel: CompiledKernel;
  private readonly results: ResultColumn[];
  private maxTs = new Float64Array(0);
  private count = new Int32Array(0);
  private readonly d: number;
  /** d > 0: held-back rows, columnar, and each key's queue of them. */
  private readonly held: HeldRows | null;

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
    this.results = op.functions.map((f) => new ResultColumn(f.kind === 'aggregate' ? f.call.type : f.type));
    const countStar = op.functions.map((f) => f.kind === 'aggregate' && f.call.fn === 'COUNT_STAR');
    this.held =
      this.d > 0
        ? new HeldRows(op.schema.slice(0, inputNames.length), exprs, this.fns, countStar, used)
        : null;
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
      this.ctx.reject(
        batch,
        i,
        this.inputNames,
        'late',
        `late for its key: ts ≤ watermark of the key (${max - this.d})`,
      );
      return false;
    }
    if (t > max) this.maxTs[k] = t;
    return true;
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
        else {
          const a = argCols[2 * f]!;
          const b = argCols[2 * f + 1]!;
          const v = a.type === 'NULL' ? null : readValue(a, i, dicts[2 * f]!);
          fn.step(
            k,
            nk,
            typeof v === 'number' ? v : NaN,
            v,
            b.type === 'NULL' ? null : readValue(b, i, dicts[2 * f + 1]!),
            this.results[f]!,
            m,
          );
        }
      }
      sel[m++] = i;
    }
    if (m === 0) return;
    const cols: Column[] = batch.columns.map((c, k) =>
      m === n
        ? c
        : this.used !== null && !this.used[k]
          ? { type: 'NULL', length: m }
          : gatherColumn(c, sel, m),
    );
    for (const r of this.results) cols.push(r.take(m));
    const pick = (a: Float64Array): Float64Array =>
      m === n ? a : Float64Array.from(sel.subarray(0, m), (i) => a[i]!);
    out.push({
      length: m,
      columns: cols,
      seq: pick(batch.seq),
      wm: pick(batch.wm),
      wmAfter: batch.wmAfter,
      op: null,
    });
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
   * d > 0: accepted rows go into the arena and their key's queue; then each
   * key that received rows releases, in (ts, arrival) order, the rows no
   * accepted row can precede any more (ts ≤ max ts of the key − d).
   * Releasing per key at the end of the batch gives each key the same
   * sequence as releasing after every row: a row accepted later in the batch
   * has ts > the key's threshold at that time, so it sorts after every row
   * that would have been released before it.
   */
  private hold(batch: ColumnBatch, argCols: readonly Column[], h: HeldRows, out: BatchSink): void {
    const n = batch.length;
    const groups = this.keys.groups;
    const tsCol = batch.columns[this.op.timeColumn] as NumberColumn;
    const nullTs = tsCol.type === ('NULL' as string);
    const { rows, slots } = h.reserve(n);
    const arena = h.arena;
    let m = 0;
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
      const s = arena.alloc();
      arena.ts[s] = t;
      arena.seq[s] = batch.seq[i]!;
      rows[m] = i;
      slots[m++] = s;
    }
    if (m === 0) return;
    h.store(batch.columns, argCols, n, m);
    const touched = h.enqueue(groups, m);
    let j = 0;
    for (let q = 0; q < touched.length; q++) {
      const k = touched[q]!;
      j = this.release(h, k, this.maxTs[k]! - this.d, j);
    }
    checkStateLimit(this.ctx, arena.size + this.keys.count, 'buffered rows and keys');
    if (j > 0) out.push(this.emitReleased(h, j, batch.wmAfter));
  }

  /** Evaluates key k's held rows with ts ≤ upTo, in order, as output rows j…; returns the new j. */
  private release(h: HeldRows, k: number, upTo: number, j: number): number {
    const arena = h.arena;
    const from = j;
    const to = h.queues.popUpTo(k, upTo, arena.ts, h.ensureOut(j + h.queues.held(k)), j);
    if (to === from) return from;
    for (const r of this.results) r.ensure(to);
    const out = h.out;
    const nk = this.count[k]!;
    this.count[k] = nk + (to - from);
    for (let f = 0; f < this.fns.length; f++) {
      const fn = this.fns[f]!;
      const res = this.results[f]!;
      if (h.bindFast(f)) fn.stepRun!(k, nk, out, from, to, res);
      else {
        const a = h.argColumn[2 * f]!;
        const b = h.argColumn[2 * f + 1]!;
        for (let r = from; r < to; r++) {
          const s = out[r]!;
          const v = a < 0 ? null : arena.value(a, s);
          fn.step(
            k,
            nk + r - from,
            typeof v === 'number' ? v : NaN,
            v,
            b < 0 ? null : arena.value(b, s),
            res,
            r,
          );
        }
      }
    }
    return to;
  }

  /** Output batch of released rows out[0..m): input columns gathered from the arena, then results; their slots are freed. */
  private emitReleased(h: HeldRows, m: number, wm: number): ColumnBatch {
    const arena = h.arena;
    const cols: Column[] = [];
    for (let c = 0; c < this.inputNames.length; c++)
      cols.push(
        this.used !== null && !this.used[c] ? { type: 'NULL', length: m } : arena.gather(c, h.out, m),
      );
    for (const r of this.results) cols.push(r.take(m));
    const seq = arena.gatherSeq(h.out, m);
    for (let j = 0; j < m; j++) arena.release(h.out[j]!);
    return { length: m, columns: cols, seq, wm: new Float64Array(m).fill(wm), wmAfter: wm, op: null };
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
    for (let k = 0; k < h.queues.keyBound; k++) j = this.release(h, k, Infinity, j);
    if (j > 0) out.push(this.emitReleased(h, j, Infinity));
  }

  stateSize(): number {
    let n = (this.held?.arena.size ?? 0) + this.keys.count;
    for (const f of this.fns) n += f.held();
    return n;
  }
}
