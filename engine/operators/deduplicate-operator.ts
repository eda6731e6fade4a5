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
import { gatherColumn, gatherSeq } from '../core/batch-gather';
import { GroupKeys } from './group-keys';
import { MinHeap } from './min-heap';
import { isNumberKey, NumberGroups } from './number-groups';
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
/** Batches one flush may send (runs of rows from the input batch and from the arena). */
const MAX_RUNS = 4;

/** What the operator needs of its keys: GroupKeys for any, NumberGroups for one numeric key. */
interface DedupKeys {
  readonly groups: Int32Array;
  readonly count: number;
  encode(batch: ColumnBatch): unknown;
}

export class DeduplicateOperator implements Operator {
  private readonly keys: DedupKeys;
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
  /** Keys emitted while the batch is read, in emission order, and the watermark each went out at. */
  private emitted = new Int32Array(1024);
  private emittedWm = new Float64Array(1024);
  private nEmitted = 0;
  /** Keys whose candidate is a row of the batch being read. */
  private fromBatch = new Int32Array(1024);
  private nFromBatch = 0;
  private wm = -Infinity;
  private readonly ready: number[] = [];

  constructor(
    private readonly op: DeduplicateOp,
    input: Schema,
    private readonly names: readonly string[],
    private readonly ctx: OperatorContext,
  ) {
    this.width = input.length;
    this.keys = isNumberKey(op.partitionBy)
      ? new NumberGroups(op.partitionBy[0]!)
      : new GroupKeys(op.partitionBy);
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
    // Every group of the batch has its slots before the loop, so the arrays can be held in locals.
    if (this.keys.count > this.state.length) this.grow(this.keys.count - 1);
    const groups = this.keys.groups;
    const state = this.state;
    const candTs = this.candTs;
    const candSeq = this.candSeq;
    const candRow = this.candRow;
    const col = batch.columns[this.op.timeColumn] as NumberColumn;
    const ts = col.data;
    const valid = col.valid;
    const bwm = batch.wm;
    const bseq = batch.seq;
    for (let i = 0; i < n; i++) {
      const w = bwm[i]!;
      if (w > this.wm) this.advance(w);
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
        continue;
      }
      const g = groups[i]!;
      const t = ts[i]!;
      const s = state[g]!;
      if (s === EMITTED) {
        if (t < candTs[g]!)
          this.ctx.reject(
            batch,
            i,
            this.names,
            'late',
            `its key's first row (${timeText(candTs[g]!)}) went out when the watermark reached it; this earlier one came after`,
          );
        continue;
      }
      const seq = bseq[i]!;
      if (s === PENDING && (t > candTs[g]! || (t === candTs[g]! && seq > candSeq[g]!))) continue;
      if (s === UNSEEN) state[g] = PENDING;
      if (candRow[g]! < 0) {
        if (this.nFromBatch === this.fromBatch.length) this.fromBatch = grown(this.fromBatch);
        this.fromBatch[this.nFromBatch++] = g;
      }
      candRow[g] = i;
      candTs[g] = t;
      candSeq[g] = seq;
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
    const due = this.due;
    // peekAt() is Infinity when empty, and the end's watermark is Infinity too: check the size.
    if (due.size === 0 || due.peekAt() > w) return;
    // Usually one row comes due at a time (no watermark delay): it goes out without a list or sort.
    let first = -1;
    let many = false;
    const ready = this.ready;
    while (due.size > 0 && due.peekAt() <= w) {
      const g = due.pop();
      if (due.poppedGen !== this.gen[g] || this.state[g] !== PENDING) continue;
      if (first < 0) first = g;
      else {
        if (!many) {
          many = true;
          ready.length = 0;
          ready.push(first);
        }
        ready.push(g);
      }
    }
    if (!many) {
      if (first >= 0) this.emit(first, w);
      return;
    }
    ready.sort((a, b) => this.candTs[a]! - this.candTs[b]! || this.candSeq[a]! - this.candSeq[b]!);
    for (let j = 0; j < ready.length; j++) this.emit(ready[j]!, w);
  }

  private emit(g: number, w: number): void {
    this.state[g] = EMITTED;
    const e = this.nEmitted++;
    if (e === this.emitted.length) {
      this.emitted = grown(this.emitted);
      const wm = new Float64Array(2 * e);
      wm.set(this.emittedWm);
      this.emittedWm = wm;
    }
    this.emitted[e] = g;
    this.emittedWm[e] = w;
  }

  /**
   * Sends what went out, in emission order: rows still in the batch straight from it, earlier
   * ones from the arena — storing every candidate and gathering it back cost two copies of every
   * output row. Each run of rows from one place is its own batch (the watermark after a run is
   * the one before the next row, as slicing one batch would give); past MAX_RUNS, everything goes
   * through the arena as one batch. This batch's candidates still waiting go into the arena.
   */
  private flush(batch: ColumnBatch | null, out: BatchSink): void {
    if (batch !== null && this.nFromBatch > 0) {
      const pending: number[] = [];
      for (let j = 0; j < this.nFromBatch; j++) {
        const g = this.fromBatch[j]!;
        const old = this.candSlot[g]!;
        if (old >= 0) this.arena.release(old);
        this.candSlot[g] = -1;
        if (this.state[g] === PENDING) pending.push(g);
      }
      this.toArena(batch, pending);
      this.nFromBatch = 0;
    }
    const em = this.emitted;
    const m = this.nEmitted;
    if (m === 0) return;
    let runs = 1;
    for (let j = 1; j < m; j++) if (this.candRow[em[j]!]! >= 0 !== this.candRow[em[j - 1]!]! >= 0) runs++;
    if (runs > MAX_RUNS) {
      this.toArena(
        batch!,
        Array.from(em.subarray(0, m)).filter((g) => this.candRow[g]! >= 0),
      );
      this.send(null, 0, m, out);
    } else
      for (let from = 0; from < m;) {
        const inBatch = this.candRow[em[from]!]! >= 0;
        let to = from + 1;
        while (to < m && this.candRow[em[to]!]! >= 0 === inBatch) to++;
        this.send(inBatch ? batch : null, from, to, out);
        from = to;
      }
    this.nEmitted = 0;
  }

  /** Candidates gs of the batch into arena slots. */
  private toArena(batch: ColumnBatch, gs: readonly number[]): void {
    const m = gs.length;
    if (m === 0) return;
    const rows = new Int32Array(m);
    const slots = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const g = gs[j]!;
      rows[j] = this.candRow[g]!;
      slots[j] = this.candSlot[g] = this.arena.alloc();
      this.arena.seq[slots[j]!] = this.candSeq[g]!;
      this.candRow[g] = -1;
    }
    const cols = batch.columns;
    this.arena.store(
      cols,
      cols.map((_, c) => c),
      batch.length,
      rows,
      slots,
      m,
    );
  }

  /** Emitted rows [from, to) as one batch: from `batch` (their candRow), or else the arena. */
  private send(batch: ColumnBatch | null, from: number, to: number, out: BatchSink): void {
    const m = to - from;
    const em = this.emitted;
    const at = new Int32Array(m);
    let columns: Column[];
    let seq: Float64Array;
    if (batch !== null) {
      for (let j = 0; j < m; j++) {
        const g = em[from + j]!;
        at[j] = this.candRow[g]!;
        this.candRow[g] = -1;
      }
      columns = batch.columns.map((c) => gatherColumn(c, at, m));
      seq = gatherSeq(batch.seq, batch.length, at, m);
    } else {
      for (let j = 0; j < m; j++) at[j] = this.candSlot[em[from + j]!]!;
      columns = [];
      for (let c = 0; c < this.width; c++) columns.push(this.arena.gather(c, at, m));
      seq = this.arena.gatherSeq(at, m);
      for (let j = 0; j < m; j++) {
        this.arena.release(at[j]!);
        this.candSlot[em[from + j]!] = -1;
      }
    }
    columns.push({ type: 'BIGINT', data: new Float64Array(m).fill(1), valid: null });
    const wm = this.emittedWm.slice(from, to);
    const wmAfter = to === this.nEmitted ? this.wm : this.emittedWm[to]!;
    out.push({ length: m, columns, seq, wm, wmAfter, op: null });
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

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
