/**
 * Non-windowed GROUP BY (dialect §5): EMIT CHANGES gives one row per input row
 * with its group's new values (+I first, +U after); EMIT FINAL gives each
 * group once when the bounded stream ends. Event time plays no part.
 */
import type { ColumnBatch } from '../core/batch';
import { OP_INSERT, OP_UPDATE } from '../core/types';
import type { GroupAggregateOp } from '../plan/physical-plan';
import { AggregateSet } from './aggregate-set';
import { EntryList } from './entry-list';
import { GroupKeys } from './group-keys';
import { checkStateLimit, type BatchSink, type Operator, type OperatorContext } from './operator';
import { OutputTable } from './output-table';

export class GroupAggregateOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly aggs: AggregateSet;
  private readonly table: OutputTable;
  private readonly entries = new EntryList();
  private slotOf = new Int32Array(1024).fill(-1);
  private readonly changes: boolean;
  private curW = -Infinity;

  constructor(
    op: GroupAggregateOp,
    private readonly ctx: OperatorContext,
    private readonly timeColumn: number | null = null,
  ) {
    this.keys = new GroupKeys(op.groupKeys);
    this.aggs = new AggregateSet(op.aggregates);
    this.table = new OutputTable(op.aggregates, false, ctx.outputArrays);
    this.changes = op.emit === 'changes';
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    const keyCols = this.keys.encode(batch);
    const groups = this.keys.groups;
    const args = this.aggs.args(batch, this.timeColumn);
    if (this.changes) this.table.reserve(n);
    const seq = batch.seq;
    const en = this.entries;
    en.clear();
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      if (g >= this.slotOf.length) this.growSlots(g);
      let slot = this.slotOf[g]!;
      let op = OP_UPDATE;
      if (slot < 0) {
        checkStateLimit(this.ctx, this.aggs.live + 1, 'groups');
        slot = this.slotOf[g] = this.aggs.alloc();
        op = OP_INSERT;
      }
      en.push(i, slot, this.changes ? this.table.append(g, 0, 0, op, seq[i]!, i) : -1);
    }
    this.aggs.addEntries(args, en, this.table.results);
    en.clear();
    if (batch.wmAfter > this.curW) this.curW = batch.wmAfter;
    const b = this.table.take(this.keys, this.curW, keyCols);
    if (b !== null) out.push(b);
  }

  private growSlots(g: number): void {
    const b = new Int32Array(Math.max(g + 1, this.slotOf.length * 2)).fill(-1);
    b.set(this.slotOf);
    this.slotOf = b;
  }

  onWatermark(wm: number): void {
    if (wm > this.curW) this.curW = wm;
  }

  onEnd(out: BatchSink): void {
    if (this.changes) return;
    const count = this.keys.count;
    this.table.reserve(count);
    for (let g = 0; g < count; g++) {
      const slot = this.slotOf[g]!;
      if (slot < 0) continue;
      const j = this.table.append(g, 0, 0, OP_INSERT, -1);
      this.aggs.writeResults(slot, this.table.results, j);
    }
    const b = this.table.take(this.keys, Infinity);
    if (b !== null) out.push(b);
  }

  stateSize(): number {
    return this.aggs.stateSize();
  }
}
