/**
 * Regular Top-N (Flink's rank over an append-only input, with its row number): per partition key
 * the best `limit` rows as arena slots in a small rank-sorted list. A row that enters the top at
 * number r shifts the rows at r… down one: each is retracted (−D) at its old number and the row
 * now there inserted (+I), then the row that moved into a free place is inserted, and the row
 * pushed past N is only retracted — Flink's −U/+U pairs, in its order, as −D/+I (final-state
 * equal). A row that does not enter changes nothing. Event time plays no part; rows come in
 * arrival order within a key, so the changelog per key is the same in every variant.
 */
import type { Column, ColumnBatch } from '../core/batch';
import { OP_DELETE, OP_INSERT, type Schema } from '../core/types';
import type { TopNOp } from '../plan/physical-plan';
import { GroupKeys } from './group-keys';
import { checkStateLimit, type BatchSink, type Operator, type OperatorContext } from './operator';
import { RowArena } from './row-arena';
import { SlotOrder } from './slot-order';

export class TopNOperator implements Operator {
  private readonly arena: RowArena;
  private readonly keys: GroupKeys;
  private readonly order: SlotOrder;
  private readonly width: number;
  /** Group id → its kept slots, best first. */
  private buckets: (number[] | undefined)[] = [];
  // The changelog of the batch being read: (slot, row number, op, input row) per output row.
  private outSlots: number[] = [];
  private outRanks: number[] = [];
  private outOps: number[] = [];
  private outRows: number[] = [];
  /** Slots pushed out of the top in this batch, freed once their −D has been gathered. */
  private dropped: number[] = [];

  constructor(
    private readonly op: TopNOp,
    input: Schema,
    private readonly ctx: OperatorContext,
  ) {
    this.width = input.length;
    this.arena = new RowArena(input.map((f) => f.type));
    this.keys = new GroupKeys(op.partitionBy);
    this.order = new SlotOrder(this.arena, op.orderBy, op.latestFirst, this.width);
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    const groups = this.keys.groups;
    const rows = new Int32Array(n);
    const slots = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      rows[i] = i;
      slots[i] = this.arena.alloc();
    }
    this.arena.store(
      batch.columns,
      batch.columns.map((_, c) => c),
      n,
      rows,
      slots,
      n,
    );
    for (let i = 0; i < n; i++) {
      const s = slots[i]!;
      this.arena.seq[s] = batch.seq[i]!;
      this.insert(groups[i]!, s, i);
    }
    checkStateLimit(this.ctx, this.arena.size, 'rows held by the Top-N');
    this.flush(batch, out);
  }

  /** Ranks slot s (input row i) in its group's top, noting the changes it makes. */
  private insert(group: number, s: number, i: number): void {
    let b = this.buckets[group];
    if (b === undefined) b = this.buckets[group] = [];
    const limit = this.op.limit;
    if (b.length === limit && this.order.compare(s, b[limit - 1]!) > 0) {
      this.arena.release(s);
      return;
    }
    const at = this.order.position(b, s);
    let moving = s;
    for (let k = at; k < b.length; k++) {
      this.emit(b[k]!, k + 1, OP_DELETE, i);
      this.emit(moving, k + 1, OP_INSERT, i);
      moving = b[k]!;
    }
    b.splice(at, 0, s);
    if (b.length > limit) this.dropped.push(b.pop()!);
    else this.emit(moving, b.length, OP_INSERT, i);
  }

  private emit(slot: number, rank: number, op: number, row: number): void {
    this.outSlots.push(slot);
    this.outRanks.push(rank);
    this.outOps.push(op);
    this.outRows.push(row);
  }

  private flush(batch: ColumnBatch, out: BatchSink): void {
    const m = this.outSlots.length;
    if (m > 0) {
      const slots = Int32Array.from(this.outSlots);
      const columns: Column[] = [];
      for (let c = 0; c < this.width; c++) columns.push(this.arena.gather(c, slots, m));
      columns.push({ type: 'BIGINT', data: Float64Array.from(this.outRanks), valid: null });
      // Every change is stamped with the input row that caused it (its seq, watermark, arrival key).
      const seq = new Float64Array(m);
      const wm = new Float64Array(m);
      const at = batch.at ? new Float64Array(m) : null;
      for (let j = 0; j < m; j++) {
        const i = this.outRows[j]!;
        seq[j] = batch.seq[i]!;
        wm[j] = batch.wm[i]!;
        if (at) at[j] = batch.at![i]!;
      }
      out.push({
        length: m,
        columns,
        seq,
        wm,
        wmAfter: batch.wmAfter,
        op: Uint8Array.from(this.outOps),
        ...(at ? { at } : {}),
      });
      this.outSlots = [];
      this.outRanks = [];
      this.outOps = [];
      this.outRows = [];
    }
    for (const s of this.dropped) this.arena.release(s);
    this.dropped = [];
  }

  onWatermark(): void {}

  onEnd(): void {}

  stateSize(): number {
    return this.arena.size;
  }
}
