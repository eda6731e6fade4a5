/**
 * Row windows (OVER … PARTITION BY k ORDER BY ts), dialect §4: the watermark is
 * per key, W_k = max earlier ts of key k − d; a row with ts ≤ W_k is late and
 * dropped (reported). Accepted rows are evaluated in (ts, arrival) order per
 * key and emitted once nothing accepted can precede them: at once when d = 0
 * (then the output is the input columns, zero-copy, plus result columns).
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import { createColumnBuilder, type ColumnBuilder } from '../core/batch-builder';
import { gatherColumn } from '../core/batch-gather';
import { batchDictionaries, readValue, rowValues } from '../core/batch-rows';
import type { Value } from '../core/types';
import { ResultColumn } from '../aggregate/result-column';
import { compileKernel, dictionaryOf, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr, OverWindowOp } from '../plan/physical-plan';
import { GroupKeys } from './group-keys';
import { checkStateLimit, type BatchSink, type Operator, type OperatorContext } from './operator';
import { FrameAggregate, FrameFirstLast, FrameMinMax, LagFn, RowNumberFn, type OverFn } from './over-functions';

const NULL_LIT: Expr = { kind: 'literal', value: null, type: 'NULL' };

interface Pending {
  ts: number;
  seq: number;
  wm: number;
  row: Value[];
  args: Value[];
  dflts: Value[];
}

export class OverWindowOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly fns: OverFn[];
  private readonly argKernel: CompiledKernel;
  private readonly results: ResultColumn[];
  private maxTs = new Float64Array(0);
  private count = new Int32Array(0);
  private readonly pending: Pending[][] = [];
  private pendingCount = 0;
  private readonly d: number;

  constructor(
    private readonly op: OverWindowOp,
    private readonly inputNames: readonly string[],
    private readonly ctx: OperatorContext,
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
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    const groups = this.keys.groups;
    const argCols = this.argKernel.run(batch).columns;
    const dicts = argCols.map((c) => (c.type === 'VARCHAR' ? dictionaryOf(c) : null));
    const nums = this.op.functions.map((_, f) => {
      const c = argCols[2 * f]!;
      return this.fns[f]!.numeric && (c.type === 'BIGINT' || c.type === 'DOUBLE' || c.type === 'TIMESTAMP') ? c : null;
    });
    const fast = this.fns.map((fn, f) => {
      const c = nums[f];
      if (!fn.numeric || !fn.bind) return false;
      if (c) fn.bind(c.data, c.valid);
      else if (this.op.functions[f]!.kind === 'aggregate' && (this.op.functions[f] as { call: { fn: string } }).call.fn === 'COUNT_STAR')
        fn.bind(new Float64Array(0), null);
      else return false;
      return true;
    });
    const tsCol = batch.columns[this.op.timeColumn] as NumberColumn;
    const nullTs = tsCol.type === ('NULL' as string);
    const F = this.fns.length;
    const args: Value[] = new Array<Value>(F);
    const xs = new Float64Array(F);
    const dflts: Value[] = new Array<Value>(F);
    const sel = new Int32Array(n);
    let m = 0;
    for (const r of this.results) r.ensure(n);
    let builders: ColumnBuilder[] | null = null;
    let inDicts: (string[] | null)[] | null = null;
    if (this.d > 0) {
      builders = this.outBuilders();
      inDicts = batchDictionaries(batch);
    }
    const outSeq: number[] = [];
    for (let i = 0; i < n; i++) {
      if (nullTs || (tsCol.valid !== null && (tsCol.valid[i >> 3]! & (1 << (i & 7))) === 0)) {
        this.ctx.reject(batch, i, this.inputNames, 'invalid', `event time (${this.inputNames[this.op.timeColumn] ?? 'ts'}) is NULL`);
        continue;
      }
      const k = groups[i]!;
      const t = tsCol.data[i]!;
      if (k >= this.maxTs.length) this.growKeys(k);
      const max = this.maxTs[k]!;
      if (t <= max - this.d) {
        this.ctx.reject(batch, i, this.inputNames, 'late', `late for its key: ts ≤ watermark of the key (${max - this.d})`);
        continue;
      }
      if (t > max) this.maxTs[k] = t;
      if (this.d === 0) {
        const nk = this.count[k]!;
        this.count[k] = nk + 1;
        for (let f = 0; f < F; f++) {
          const fn = this.fns[f]!;
          if (fast[f]) fn.stepAt!(k, nk, i, this.results[f]!, m);
          else {
            const a = argCols[2 * f]!;
            const b = argCols[2 * f + 1]!;
            const v = a.type === 'NULL' ? null : readValue(a, i, dicts[2 * f]!);
            fn.step(k, nk, typeof v === 'number' ? v : NaN, v, b.type === 'NULL' ? null : readValue(b, i, dicts[2 * f + 1]!), this.results[f]!, m);
          }
        }
        sel[m++] = i;
        continue;
      }
      for (let f = 0; f < F; f++) {
        const a = argCols[2 * f]!;
        const b = argCols[2 * f + 1]!;
        const num = nums[f];
        if (num !== null && num !== undefined) {
          const v = num.valid;
          xs[f] = num.data[i]!;
          args[f] = v === null || (v[i >> 3]! & (1 << (i & 7))) !== 0 ? 0 : null;
        } else args[f] = a.type === 'NULL' ? null : readValue(a, i, dicts[2 * f]!);
        dflts[f] = b.type === 'NULL' ? null : readValue(b, i, dicts[2 * f + 1]!);
      }
      const vals = args.map((v, f) => (v !== null && nums[f] ? xs[f]! : v));
      this.buffer(k, { ts: t, seq: batch.seq[i]!, wm: batch.wm[i]!, row: rowValues(batch, i, inDicts!), args: vals, dflts: [...dflts] });
      m = this.release(k, this.maxTs[k]! - this.d, builders!, outSeq, m);
    }
    if (m === 0) return;
    if (this.d === 0) {
      const cols: Column[] = m === n ? [...batch.columns] : batch.columns.map((c) => gatherColumn(c, sel, m));
      for (const r of this.results) cols.push(r.take(m));
      const pick = (a: Float64Array): Float64Array => (m === n ? a : Float64Array.from(sel.subarray(0, m), (i) => a[i]!));
      out.push({ length: m, columns: cols, seq: pick(batch.seq), wm: pick(batch.wm), wmAfter: batch.wmAfter, op: null });
    } else out.push(this.finishBuilt(builders!, outSeq, m, batch.wmAfter));
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

  private evaluate(k: number, args: readonly Value[], dflts: readonly Value[], j: number): void {
    const nk = this.count[k]!;
    this.count[k] = nk + 1;
    for (let f = 0; f < this.fns.length; f++) {
      const v = args[f]!;
      this.fns[f]!.step(k, nk, typeof v === 'number' ? v : NaN, v, dflts[f]!, this.results[f]!, j);
    }
  }

  private buffer(k: number, p: Pending): void {
    const list = (this.pending[k] ??= []);
    let at = list.length;
    while (at > 0 && list[at - 1]!.ts > p.ts) at--;
    list.splice(at, 0, p);
    this.pendingCount++;
    checkStateLimit(this.ctx, this.pendingCount + this.keys.count, 'buffered rows and keys');
  }

  /** Evaluates and emits buffered rows of key k with ts ≤ upTo. */
  private release(k: number, upTo: number, builders: ColumnBuilder[], outSeq: number[], m: number): number {
    const list = this.pending[k];
    if (!list) return m;
    let taken = 0;
    while (taken < list.length && list[taken]!.ts <= upTo) {
      const p = list[taken++]!;
      for (const r of this.results) r.ensure(m + 1);
      this.evaluate(k, p.args, p.dflts, m);
      p.row.forEach((v, c) => builders[c]!.append(v));
      outSeq.push(p.seq);
      m++;
    }
    if (taken) {
      list.splice(0, taken);
      this.pendingCount -= taken;
    }
    return m;
  }

  private outBuilders(): ColumnBuilder[] {
    return this.op.schema.slice(0, this.inputNames.length).map((f) => createColumnBuilder(f.type));
  }

  private finishBuilt(builders: ColumnBuilder[], outSeq: number[], m: number, wm: number): ColumnBatch {
    const cols = builders.map((b) => b.finish());
    for (const r of this.results) cols.push(r.take(m));
    return { length: m, columns: cols, seq: Float64Array.from(outSeq), wm: new Float64Array(m).fill(wm), wmAfter: wm, op: null };
  }

  onWatermark(): void {}

  onEnd(out: BatchSink): void {
    if (this.d === 0 || this.pendingCount === 0) return;
    const builders = this.outBuilders();
    const outSeq: number[] = [];
    let m = 0;
    for (let k = 0; k < this.pending.length; k++) m = this.release(k, Infinity, builders, outSeq, m);
    if (m > 0) out.push(this.finishBuilt(builders, outSeq, m, Infinity));
  }

  stateSize(): number {
    let n = this.pendingCount + this.keys.count;
    for (const f of this.fns) n += f.held();
    return n;
  }
}
