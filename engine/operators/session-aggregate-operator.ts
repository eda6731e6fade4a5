/**
 * SESSION windows per group (dialect §4): a row opens [ts, ts+gap) and merges
 * every session of its group it touches; a session is complete when W ≥ end.
 * A session is identified by (group, window_start): a merge that moves the
 * start, or absorbs another emitted session, retracts it with −D.
 * Rows are processed one at a time (merges need exact state at every row).
 */
import type { ColumnBatch, NumberColumn } from '../core/batch';
import { readValue } from '../core/batch-rows';
import { OP_DELETE, OP_INSERT, OP_UPDATE } from '../core/types';
import type { ArgInput } from '../aggregate/accumulator';
import type { WindowAggregateOp } from '../plan/physical-plan';
import { AggregateSet } from './aggregate-set';
import { GroupKeys } from './group-keys';
import { MinHeap } from './min-heap';
import {
  checkStateLimit,
  type BatchSink,
  type Operator,
  type OperatorContext,
  rejectNullTime,
} from './operator';
import { OutputTable } from './output-table';
import { lateDetail } from './window-text';

export class SessionAggregateOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly aggs: AggregateSet;
  private readonly table: OutputTable;
  private readonly gap: number;
  private readonly changes: boolean;
  private curW = -Infinity;
  /** Per group: its open sessions' slots. */
  private sessions: number[][] = [];
  private start: number[] = [];
  private end: number[] = [];
  private group: number[] = [];
  private emitted: number[] = [];
  private fired: number[] = [];
  private gen: number[] = [];
  private readonly heap = new MinHeap();
  private readonly names: string[];

  constructor(
    private readonly op: WindowAggregateOp,
    inputNames: readonly string[],
    private readonly ctx: OperatorContext,
  ) {
    if (op.window.kind !== 'session') throw new Error('not a session window');
    this.gap = op.window.gap;
    this.names = [...inputNames];
    this.keys = new GroupKeys(op.groupKeys);
    this.aggs = new AggregateSet(op.aggregates);
    this.table = new OutputTable(op.aggregates, true, ctx.outputArrays);
    this.changes = op.emit === 'changes';
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    const args = this.aggs.args(batch, this.op.timeColumn);
    const tsCol = batch.columns[this.op.timeColumn] as NumberColumn;
    for (let i = 0; i < n; i++) {
      const w = batch.wm[i]!;
      if (w > this.curW) this.advance(w, batch.seq[i]!);
      if (
        tsCol.type === ('NULL' as string) ||
        (tsCol.valid !== null && (tsCol.valid[i >> 3]! & (1 << (i & 7))) === 0)
      ) {
        rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
        continue;
      }
      this.row(batch, i, this.keys.groups[i]!, tsCol.data[i]!, w, args);
    }
    this.emit(out);
  }

  private row(batch: ColumnBatch, i: number, g: number, t: number, w: number, args: ArgInput[]): void {
    const list = (this.sessions[g] ??= []);
    let lo = t;
    let hi = t + this.gap;
    const touched: number[] = [];
    for (const s of list) {
      if (this.start[s]! <= t + this.gap && t <= this.end[s]!) {
        touched.push(s);
        lo = Math.min(lo, this.start[s]!);
        hi = Math.max(hi, this.end[s]!);
      }
    }
    const seq = batch.seq[i]!;
    const ev = this.ctx.events;
    if (hi <= w && hi + this.op.grace <= w) {
      this.ctx.reject(batch, i, this.names, 'late', lateDetail(lo, hi, w, true));
      if (ev !== null && ev.lateRow) ev.lateRow({ key: this.keys.keyValues(g), start: lo, end: hi, seq });
      return;
    }
    touched.sort((a, b) => this.start[a]! - this.start[b]!);
    let target = touched[0];
    if (target === undefined) {
      checkStateLimit(this.ctx, this.aggs.live + 1, 'open sessions');
      target = this.aggs.alloc();
      this.start[target] = lo;
      this.end[target] = hi;
      this.group[target] = g;
      this.emitted[target] = 0;
      this.fired[target] = 0;
      this.gen[target] = (this.gen[target] ?? 0) + 1;
      list.push(target);
      if (ev !== null && ev.windowOpened)
        ev.windowOpened({ key: this.keys.keyValues(g), start: lo, end: hi, seq });
    }
    // Retractions carry the values before this row.
    if (this.emitted[target] && this.start[target] !== lo) {
      this.retract(target, seq);
      this.emitted[target] = 0;
    }
    for (let k = 1; k < touched.length; k++) {
      const other = touched[k]!;
      if (this.emitted[other]) this.retract(other, seq);
      for (const a of this.aggs.accs) a.merge(target, a, other);
      this.aggs.release(other);
      this.gen[other]!++;
      list.splice(list.indexOf(other), 1);
    }
    this.start[target] = lo;
    this.end[target] = hi;
    for (let k = 0; k < this.aggs.accs.length; k++) {
      const a = this.aggs.accs[k]!;
      const arg = args[k]!;
      if (a.call.fn === 'COUNT_STAR') a.add(target, null, t, seq);
      else {
        const v = arg.column === null ? null : readValue(arg.column, i, arg.dict);
        if (v !== null) a.add(target, v, t, seq);
      }
    }
    const complete = hi <= w;
    if (this.changes || complete) this.output(target, seq);
    if (complete) this.fired[target] = 1;
    else this.fired[target] = 0;
    this.gen[target]!++;
    this.heap.push(complete ? hi + this.op.grace : hi, target, this.gen[target]!);
    if (ev !== null && ev.windowUpdated)
      ev.windowUpdated({ key: this.keys.keyValues(g), start: lo, end: hi, seq });
  }

  private retract(s: number, seq: number): void {
    const j = this.table.append(this.group[s]!, this.start[s]!, this.end[s]!, OP_DELETE, seq);
    this.aggs.writeResults(s, this.table.results, j);
  }

  private output(s: number, seq: number): void {
    const j = this.table.append(
      this.group[s]!,
      this.start[s]!,
      this.end[s]!,
      this.emitted[s] ? OP_UPDATE : OP_INSERT,
      seq,
    );
    this.aggs.writeResults(s, this.table.results, j);
    this.emitted[s] = 1;
  }

  private advance(w: number, seq: number): void {
    this.curW = w;
    while (this.heap.size && this.heap.peekAt() <= w) {
      const s = this.heap.pop();
      const gen = this.heap.poppedGen;
      if (this.gen[s] !== gen) continue;
      if (!this.fired[s]) {
        if (!this.changes) this.output(s, seq);
        this.fired[s] = 1;
        const ev = this.ctx.events;
        if (ev !== null && ev.windowFired)
          ev.windowFired({
            key: this.keys.keyValues(this.group[s]!),
            start: this.start[s]!,
            end: this.end[s]!,
            seq,
          });
        this.gen[s]!++;
        this.heap.push(this.end[s]! + this.op.grace, s, this.gen[s]!);
      } else {
        const list = this.sessions[this.group[s]!]!;
        list.splice(list.indexOf(s), 1);
        this.aggs.release(s);
        this.gen[s]!++;
      }
    }
  }

  private emit(out: BatchSink): void {
    const b = this.table.take(this.keys, this.curW);
    if (b !== null) out.push(b);
    if (this.keys.compactDue) this.forgetUnheldGroups();
  }

  /** Between batches: sessions come and go with their keys (a user per visit), the key table must not grow with the input. */
  private forgetUnheldGroups(): void {
    const old = this.sessions;
    const map = this.keys.compactIfGrown((g) => (old[g]?.length ?? 0) > 0)!;
    const sessions: number[][] = [];
    old.forEach((slots, g) => {
      if (slots.length === 0) return;
      sessions[map[g]!] = slots;
      for (const slot of slots) this.group[slot] = map[g]!;
    });
    this.sessions = sessions;
  }

  onWatermark(wm: number, out: BatchSink): void {
    if (wm <= this.curW) return;
    this.advance(wm, -1);
    this.emit(out);
  }

  onEnd(out: BatchSink): void {
    this.onWatermark(Infinity, out);
  }

  stateSize(): number {
    return this.aggs.stateSize();
  }
}
