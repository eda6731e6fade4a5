/**
 * Deduplication keeping the first row (`rn = 1` ordered by the time column ASC), append-only:
 * per key, the row first by (time, arrival) among those that arrive before the key's row goes
 * out, emitted once the watermark reaches its time (at once when it is already behind it) — no
 * later row can then come first without being behind the watermark itself. Later rows of an
 * emitted key are dropped, and one that would have come first is late (counted). State: a mark
 * per key for ever (Flink keeps its keys too), and the rows still waiting for the watermark.
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import type { Schema } from '../core/types';
import type { DeduplicateOp } from '../plan/physical-plan';
import { GroupKeys } from './group-keys';
import { MinHeap } from './min-heap';
import {
  checkStateLimit,
  rejectNullTime,
  type BatchSink,
  type Operator,
  type OperatorContext,
} from './operator';
import { RowArena } from './row-arena';
import { timeText } from './window-text';

const UNSEEN = 0;
const PENDING = 1;
const EMITTED = 2;

export class DeduplicateOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly arena: RowArena;
  private readonly width: number;
  private state = new Uint8Array(1024);
  /** The candidate's (or emitted row's) time and seq, per key. */
  private candTs = new Float64Array(1024);
  private candSeq = new Float64Array(1024);
  /** Where the candidate is: a row of the batch being read (≥ 0), or else an arena slot. */
  private candRow = new Int32Array(1024).fill(-1);
  private candSlot = new Int32Array(1024).fill(-1);
  private gen = new Int32Array(1024);
  private readonly due = new MinHeap();
  /** Keys emitted while the batch is read, in emission order. */
  private emitted: number[] = [];
  private emittedWm: number[] = [];
  /** Keys whose candidate is a row of the batch being read. */
  private fromBatch: number[] = [];
  private wm = -Infinity;
  private readonly ready: number[] = [];

  constructor(
    private readonly op: DeduplicateOp,
    input: Schema,
    private readonly names: readonly string[],
    private readonly ctx: OperatorContext,
  ) {
    this.width = input.length;
    this.keys = new GroupKeys(op.partitionBy);
    this.arena = new RowArena(input.map((f) => f.type));
  }

  private grow(g: number): void {
    const n = Math.max(g + 1, this.state.length * 2);
    const u8 = new Uint8Array(n);
    u8.set(this.state);
    this.state = u8;
    const f = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array, fill: number): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.candTs = f(this.candTs);
    this.candSeq = f(this.candSeq);
    this.candRow = i(this.candRow, -1);
    this.candSlot = i(this.candSlot, -1);
    this.gen = i(this.gen, 0);
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    const groups = this.keys.groups;
    const col = batch.columns[this.op.timeColumn] as NumberColumn;
    const ts = col.data;
    const valid = col.valid;
    for (let i = 0; i < n; i++) {
      const w = batch.wm[i]!;
      if (w > this.wm) this.advance(w);
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
        continue;
      }
      const g = groups[i]!;
      if (g >= this.state.length) this.grow(g);
      const t = ts[i]!;
      const s = this.state[g]!;
      if (s === EMITTED) {
        if (t < this.candTs[g]!)
          this.ctx.reject(
            batch,
            i,
            this.names,
            'late',
            `its key's first row (${timeText(this.candTs[g]!)}) went out when the watermark reached it; this earlier one came after`,
          );
        continue;
      }
      const seq = batch.seq[i]!;
      if (s === PENDING && (t > this.candTs[g]! || (t === this.candTs[g]! && seq > this.candSeq[g]!)))
        continue;
      if (s === UNSEEN) this.state[g] = PENDING;
      if (this.candRow[g]! < 0) this.fromBatch.push(g);
      this.candRow[g] = i;
      this.candTs[g] = t;
      this.candSeq[g] = seq;
      if (t <= this.wm) this.emit(g, this.wm);
      else this.due.push(t, g, ++this.gen[g]!);
    }
    if (batch.wmAfter > this.wm) this.advance(batch.wmAfter);
    this.flush(batch, out);
    checkStateLimit(this.ctx, this.keys.count, 'keys held by the deduplication');
  }

  /** The watermark moved to w: every candidate at or before it goes out, first by (time, seq). */
  private advance(w: number): void {
    this.wm = w;
    if (this.due.peekAt() > w) return;
    const ready = this.ready;
    ready.length = 0;
    // peekAt() is Infinity when empty, and the end's watermark is Infinity too: check the size.
    while (this.due.size > 0 && this.due.peekAt() <= w) {
      const g = this.due.pop();
      if (this.due.poppedGen === this.gen[g] && this.state[g] === PENDING) ready.push(g);
    }
    // Usually one row comes due at a time (no watermark delay): sort only when there are more.
    if (ready.length > 1)
      ready.sort((a, b) => this.candTs[a]! - this.candTs[b]! || this.candSeq[a]! - this.candSeq[b]!);
    for (let j = 0; j < ready.length; j++) this.emit(ready[j]!, w);
  }

  private emit(g: number, w: number): void {
    this.state[g] = EMITTED;
    this.emitted.push(g);
    this.emittedWm.push(w);
  }

  /** Stores this batch's candidates, then sends what went out (gathered from the arena) and frees it. */
  private flush(batch: ColumnBatch | null, out: BatchSink): void {
    if (batch !== null && this.fromBatch.length > 0) {
      const m = this.fromBatch.length;
      const rows = new Int32Array(m);
      const slots = new Int32Array(m);
      for (let j = 0; j < m; j++) {
        const g = this.fromBatch[j]!;
        const old = this.candSlot[g]!;
        if (old >= 0) this.arena.release(old);
        rows[j] = this.candRow[g]!;
        slots[j] = this.candSlot[g] = this.arena.alloc();
        this.arena.seq[slots[j]!] = this.candSeq[g]!;
        this.candRow[g] = -1;
      }
      this.arena.store(
        batch.columns,
        batch.columns.map((_, c) => c),
        batch.length,
        rows,
        slots,
        m,
      );
      this.fromBatch = [];
    }
    const m = this.emitted.length;
    if (m === 0) return;
    const slots = new Int32Array(m);
    for (let j = 0; j < m; j++) slots[j] = this.candSlot[this.emitted[j]!]!;
    const columns: Column[] = [];
    for (let c = 0; c < this.width; c++) columns.push(this.arena.gather(c, slots, m));
    columns.push({ type: 'BIGINT', data: new Float64Array(m).fill(1), valid: null });
    const seq = this.arena.gatherSeq(slots, m);
    for (let j = 0; j < m; j++) {
      this.arena.release(slots[j]!);
      this.candSlot[this.emitted[j]!] = -1;
    }
    out.push({
      length: m,
      columns,
      seq,
      wm: Float64Array.from(this.emittedWm),
      wmAfter: this.wm,
      op: null,
    });
    this.emitted = [];
    this.emittedWm = [];
  }

  onWatermark(wm: number, out: BatchSink): void {
    if (wm > this.wm) this.advance(wm);
    this.flush(null, out);
  }

  onEnd(): void {}

  stateSize(): number {
    return this.keys.count;
  }
}
