/**
 * Deduplication keeping the first row (`rn = 1` ordered by the time column ASC), append-only:
 * per key, the row first by (time, arrival) among those that arrive before the key's row goes
 * out, emitted once the watermark reaches its time (at once when it is already behind it) — no
 * later row can then come first without being behind the watermark itself. Later rows of an
 * emitted key are dropped, and one that would have come first is late (counted). State: a mark
 * and a time per key for ever (Flink keeps its keys too; the time tells a late row), and for
 * each key whose row still waits for the watermark a candidate record (DedupCandidates) — the
 * newest one in a register of its own — and its row: in the batch being read, else the arena.
 * A single numeric key is looked up in one table (NumberGroups), any other by GroupKeys.
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import type { Schema } from '../core/types';
import type { DeduplicateOp } from '../plan/physical-plan';
import { gatherColumn } from '../core/batch-gather';
import { DedupCandidates } from './dedup-candidates';
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

/** mark per key: never seen; its row went out; its row waits in the held register; REC + c: in record c. */
const UNSEEN = 0;
const EMITTED = 1;
const HELD = 2;
const REC = 3;
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
  private mark = new Int32Array(1024);
  /** The time of the key's candidate, or of its row that went out. */
  private keyTs = new Float64Array(1024);
  private readonly cands = new DedupCandidates();
  /** Candidate records by time; the id is the record. */
  private readonly due = new MinHeap();
  /**
   * The newest key's waiting row (a row of the batch being read), held out of the records and
   * the heap: with no watermark delay the next row makes it due while nothing else is, and it
   * goes out from here — no record, no heap push and pop per row. Another key's waiting row,
   * heap entries coming due or the batch's end move it into a record (spill).
   */
  private heldG = -1;
  private heldAt = 0;
  private heldSeq = 0;
  private heldRow = 0;
  /**
   * Rows that went out while the batch is read, in emission order: where each is (a row of the
   * batch, ≥ 0, or arena slot s as −1 − s), its seq, and the watermark it went out at. Their
   * records are free again at once (with no watermark delay, the pool stays a few records).
   */
  private emittedAt = new Int32Array(1024);
  private emittedSeq = new Float64Array(1024);
  private emittedWm = new Float64Array(1024);
  private nEmitted = 0;
  /**
   * Records whose candidate is a row of the batch being read — listed only when the pool is
   * larger than the batch; else the flush finds them by a pass over the pool (with no watermark
   * delay a few records, where the list would take every row of the batch).
   */
  private fromBatch = new Int32Array(1024);
  private nFromBatch = 0;
  private listed = false;
  /** Runs of emittedAt from one place (the batch, or the arena), and where the last one is from. */
  private runs = 0;
  private lastInBatch = false;
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

  private grow(count: number): void {
    const n = Math.max(count, this.mark.length * 2);
    const mark = new Int32Array(n);
    mark.set(this.mark);
    this.mark = mark;
    const ts = new Float64Array(n);
    ts.set(this.keyTs);
    this.keyTs = ts;
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    // Every group of the batch has its slots before the loop, so the arrays can be held in locals.
    if (this.keys.count > this.mark.length) this.grow(this.keys.count);
    const groups = this.keys.groups;
    const mark = this.mark;
    const keyTs = this.keyTs;
    const cands = this.cands;
    const listed = (this.listed = cands.capacity > n);
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
      const mk = mark[g]!;
      if (mk === EMITTED) {
        if (t < keyTs[g]!) this.late(batch, i, keyTs[g]!);
        continue;
      }
      const seq = bseq[i]!;
      if (mk === UNSEEN || mk === HELD) {
        if (mk === HELD && (t > keyTs[g]! || (t === keyTs[g]! && seq > this.heldSeq))) continue;
        keyTs[g] = t;
        if (t <= this.wm) {
          if (mk === HELD) this.heldG = -1;
          mark[g] = EMITTED;
          this.pushEmitted(i, seq, this.wm);
          continue;
        }
        if (mk === UNSEEN) {
          if (this.heldG >= 0) this.spill();
          mark[g] = HELD;
          this.heldG = g;
        }
        this.heldAt = t;
        this.heldSeq = seq;
        this.heldRow = i;
        continue;
      }
      const c = mk - REC;
      if (t > keyTs[g]! || (t === keyTs[g]! && seq > cands.seq[c]!)) continue;
      if (cands.row[c]! < 0) {
        // A row of this batch comes first: the arena copy of the candidate it replaces is not needed.
        const old = cands.slot[c]!;
        if (old >= 0) {
          this.arena.release(old);
          cands.slot[c] = -1;
        }
        if (listed) this.list(c);
      }
      cands.row[c] = i;
      cands.seq[c] = seq;
      keyTs[g] = t;
      if (t <= this.wm) this.emit(c, this.wm);
      else this.due.push(t, c, ++cands.gen[c]!);
    }
    if (batch.wmAfter > this.wm) this.advance(batch.wmAfter);
    this.flush(batch, out);
    checkStateLimit(this.ctx, this.keys.count, 'keys held by the deduplication');
  }

  private late(batch: ColumnBatch, i: number, first: number): void {
    this.ctx.reject(
      batch,
      i,
      this.names,
      'late',
      `its key's first row (${timeText(first)}) went out when the watermark reached it; this earlier one came after`,
    );
  }

  /** The watermark moved to w: every candidate at or before it goes out, first by (time, seq). */
  private advance(w: number): void {
    this.wm = w;
    const due = this.due;
    // peekAt() is Infinity when empty, and the end's watermark is Infinity too: check the size.
    if (due.size === 0 || due.peekAt() > w) {
      const g = this.heldG;
      if (g < 0 || this.heldAt > w) return;
      this.heldG = -1;
      this.mark[g] = EMITTED;
      this.pushEmitted(this.heldRow, this.heldSeq, w);
      return;
    }
    this.advanceHeap(w);
  }

  /** The held row into a record and the heap. */
  private spill(): void {
    const g = this.heldG;
    const cands = this.cands;
    const c = cands.alloc(g);
    cands.row[c] = this.heldRow;
    cands.seq[c] = this.heldSeq;
    this.mark[g] = REC + c;
    if (this.listed) this.list(c);
    this.due.push(this.heldAt, c, ++cands.gen[c]!);
    this.heldG = -1;
  }

  private list(c: number): void {
    if (this.nFromBatch === this.fromBatch.length) this.fromBatch = grown(this.fromBatch);
    this.fromBatch[this.nFromBatch++] = c;
  }

  /** advance() when the heap has entries due (kept apart so that advance() is small enough to inline). */
  private advanceHeap(w: number): void {
    const due = this.due;
    const cands = this.cands;
    if (this.heldG >= 0) this.spill();
    // Usually one row comes due at a time (no watermark delay): it goes out without a list or sort.
    let first = -1;
    let many = false;
    const ready = this.ready;
    while (due.size > 0 && due.peekAt() <= w) {
      const c = due.pop();
      // Stale: a later entry for the record (an earlier row replaced the candidate), or it went out.
      if (due.poppedGen !== cands.gen[c] || this.mark[cands.key[c]!] !== REC + c) continue;
      if (first < 0) first = c;
      else {
        if (!many) {
          many = true;
          ready.length = 0;
          ready.push(first);
        }
        ready.push(c);
      }
    }
    if (!many) {
      if (first >= 0) this.emit(first, w);
      return;
    }
    const ts = this.keyTs;
    ready.sort((a, b) => ts[cands.key[a]!]! - ts[cands.key[b]!]! || cands.seq[a]! - cands.seq[b]!);
    for (let j = 0; j < ready.length; j++) this.emit(ready[j]!, w);
  }

  /** Record c's row goes out at watermark w; the record is free again. */
  private emit(c: number, w: number): void {
    const cands = this.cands;
    this.mark[cands.key[c]!] = EMITTED;
    const row = cands.row[c]!;
    this.pushEmitted(row >= 0 ? row : -1 - cands.slot[c]!, cands.seq[c]!, w);
    cands.release(c);
  }

  private pushEmitted(at: number, seq: number, w: number): void {
    const e = this.nEmitted++;
    if (e === this.emittedAt.length) {
      this.emittedAt = grown(this.emittedAt);
      this.emittedSeq = grownF64(this.emittedSeq);
      this.emittedWm = grownF64(this.emittedWm);
    }
    this.emittedAt[e] = at;
    this.emittedSeq[e] = seq;
    this.emittedWm[e] = w;
    if (e === 0 || at >= 0 !== this.lastInBatch) {
      this.runs++;
      this.lastInBatch = at >= 0;
    }
  }

  /**
   * Sends what went out, in emission order: rows still in the batch straight from it, earlier
   * ones from the arena — storing every candidate and gathering it back cost two copies of every
   * output row. Each run of rows from one place is its own batch (the watermark after a run is
   * the one before the next row, as slicing one batch would give); past MAX_RUNS, everything goes
   * through the arena as one batch. This batch's candidates still waiting go into the arena.
   */
  private flush(batch: ColumnBatch | null, out: BatchSink): void {
    const cands = this.cands;
    if (batch !== null) {
      if (this.heldG >= 0) this.spill();
      // Records with a row of this batch are waiting (those that went out are free, row −1); a
      // record freed and reused in the batch is listed twice, and moves on its first listing.
      const waiting: number[] = [];
      const rows: number[] = [];
      const row = cands.row;
      const take = (c: number): void => {
        if (row[c]! < 0) return;
        waiting.push(c);
        rows.push(row[c]!);
        row[c] = -1;
      };
      if (this.listed) for (let j = 0; j < this.nFromBatch; j++) take(this.fromBatch[j]!);
      else for (let c = 0; c < cands.capacity; c++) take(c);
      this.nFromBatch = 0;
      const slots = this.store(batch, Int32Array.from(rows));
      for (let j = 0; j < waiting.length; j++) cands.slot[waiting[j]!] = slots[j]!;
    }
    const at = this.emittedAt;
    const m = this.nEmitted;
    if (m === 0) return;
    const runs = this.runs;
    this.runs = 0;
    if (runs > MAX_RUNS) {
      const inBatch: number[] = [];
      for (let j = 0; j < m; j++) if (at[j]! >= 0) inBatch.push(j);
      const slots = this.store(
        batch!,
        Int32Array.from(inBatch, (j) => at[j]!),
      );
      inBatch.forEach((j, k) => (at[j] = -1 - slots[k]!));
      this.send(null, 0, m, out);
    } else
      for (let from = 0; from < m;) {
        const inBatch = at[from]! >= 0;
        let to = from + 1;
        while (to < m && at[to]! >= 0 === inBatch) to++;
        this.send(inBatch ? batch : null, from, to, out);
        from = to;
      }
    this.nEmitted = 0;
  }

  /** Rows of the batch into new arena slots (returned). */
  private store(batch: ColumnBatch, rows: Int32Array): Int32Array {
    const m = rows.length;
    const slots = new Int32Array(m);
    if (m === 0) return slots;
    for (let j = 0; j < m; j++) slots[j] = this.arena.alloc();
    const cols = batch.columns;
    this.arena.store(
      cols,
      cols.map((_, c) => c),
      batch.length,
      rows,
      slots,
      m,
    );
    return slots;
  }

  /** Emitted rows [from, to) as one batch, from `batch` (their rows) or else the arena (its slots freed). */
  private send(batch: ColumnBatch | null, from: number, to: number, out: BatchSink): void {
    const m = to - from;
    // Batch rows are read in place (the gathers finish before the list changes); slots are decoded.
    let at = this.emittedAt.subarray(from, to);
    if (batch === null) {
      const slots = new Int32Array(m);
      for (let j = 0; j < m; j++) slots[j] = -1 - at[j]!;
      at = slots;
    }
    let columns: Column[];
    if (batch !== null) columns = batch.columns.map((c) => gatherColumn(c, at, m));
    else {
      columns = [];
      for (let c = 0; c < this.width; c++) columns.push(this.arena.gather(c, at, m));
      for (let j = 0; j < m; j++) this.arena.release(at[j]!);
    }
    columns.push({ type: 'BIGINT', data: new Float64Array(m).fill(1), valid: null });
    const wmAfter = to === this.nEmitted ? this.wm : this.emittedWm[to]!;
    out.push({
      length: m,
      columns,
      seq: this.emittedSeq.slice(from, to),
      wm: this.emittedWm.slice(from, to),
      wmAfter,
      op: null,
    });
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

function grownF64(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
}
