/**
 * Interval join (dialect §8): rows of two streams meet when their keys are
 * equal and `lower ≤ left.time − right.time ≤ upper`. Append-only. Rows come
 * in arrival order, each with the join's combined watermark W, so every rule
 * is decided at the row, the same in every variant:
 *
 * - a row meets the other side's rows held in state whose `bound` (the last
 *   time a row of this side could match them) has not fallen behind W;
 * - it is held itself while its own bound is at or after W;
 * - when W passes a held row's bound it leaves state — an unmatched row of an
 *   outer side is emitted then, beside NULLs;
 * - a row that is neither held (its partners' time has passed) nor matched is
 *   late: emitted beside NULLs on an outer side, else counted and reported.
 *
 * So state holds about (upper − lower + watermark delay) of each stream, not
 * the stream.
 */
import { type ColumnBatch, type NumberColumn } from '../core/batch';
import type { Schema } from '../core/types';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { JoinOp } from '../plan/physical-plan';
import { JoinKeys } from './join-keys';
import { JoinOutput, type Side } from './join-output';
import { JoinOutputBuffer } from './join-output-buffer';
import { JoinSide } from './join-side';
import { MostlySortedQueue } from './min-heap';
import {
  checkStateLimit,
  rejectNullTime,
  type BatchSink,
  type MultiInputOperator,
  type OperatorContext,
} from './operator';

const SIDES = [0, 1] as const;

/** Growable Int32 / Float64 scratch. */
class Scratch {
  i32 = new Int32Array(256);
  f64 = new Float64Array(256);
  n = 0;
  push(i: number, x = 0): void {
    if (this.n === this.i32.length) {
      const a = new Int32Array(this.n * 2);
      a.set(this.i32);
      this.i32 = a;
      const b = new Float64Array(this.n * 2);
      b.set(this.f64);
      this.f64 = b;
    }
    this.i32[this.n] = i;
    this.f64[this.n++] = x;
  }
}

export class IntervalJoinOperator implements MultiInputOperator {
  readonly ordered = true;
  private readonly sides: [JoinSide, JoinSide];
  private readonly heaps: [MostlySortedQueue, MostlySortedQueue] = [
    new MostlySortedQueue(),
    new MostlySortedQueue(),
  ];
  private readonly keys: JoinKeys;
  /** Builds the pairs the rest of ON is evaluated on. */
  private readonly candidates: JoinOutput;
  private readonly output: JoinOutputBuffer;
  private readonly outer: [boolean, boolean];
  private readonly time: [number, number];
  private readonly lower: number;
  private readonly upper: number;
  private readonly condition: CompiledKernel | null;
  private readonly names: [string[], string[]];
  private wm = -Infinity;
  private readonly pairRows = new Scratch();
  private readonly pairSlots = new Scratch();
  private readonly stores = new Scratch();
  private readonly counts = new Scratch();
  private readonly expired = new Scratch();
  private matches = new Int32Array(256);

  constructor(
    op: JoinOp,
    inputs: readonly Schema[],
    /** The streams below each input, for late-row messages. */
    private readonly inputNames: readonly [string, string],
    private readonly ctx: OperatorContext,
  ) {
    if (op.strategy.kind !== 'interval') throw new Error('not an interval join');
    const [l, r] = [inputs[0]!, inputs[1]!];
    this.sides = [new JoinSide(l.map((f) => f.type)), new JoinSide(r.map((f) => f.type))];
    this.keys = new JoinKeys(op.leftKeys, op.rightKeys);
    const types = [l.map((f) => f.type), r.map((f) => f.type)] as const;
    this.candidates = new JoinOutput(types, false);
    this.output = new JoinOutputBuffer(types);
    this.outer = [op.type === 'left' || op.type === 'full', op.type === 'right' || op.type === 'full'];
    this.time = [op.strategy.leftTime, op.strategy.rightTime];
    this.lower = op.strategy.lower;
    this.upper = op.strategy.upper;
    this.condition = op.condition === null ? null : compileKernel([], op.condition);
    this.names = [l.map((f) => f.name), r.map((f) => f.name)];
  }

  /** Output is collected and pushed at the next onWatermark (which ends every hand-over). */
  onInput(input: number, batch: ColumnBatch, from: number, to: number, _out: BatchSink): void {
    // In segments: state leaves (and outer rows are padded) only between them, once every match
    // made before that point is counted.
    for (let i = from; i < to;) {
      const w = batch.wm[i]!;
      if (w > this.wm) this.expire(w, batch.at ? batch.at[i]! : 0);
      const end = this.segmentEnd(batch, i, to);
      this.segment(input as Side, batch, i, end);
      i = end;
    }
  }

  /** The first row after `from` whose watermark frees some held row (or `to`). */
  private segmentEnd(batch: ColumnBatch, from: number, to: number): number {
    const next = Math.min(this.heaps[0].peekAt(), this.heaps[1].peekAt());
    const wm = batch.wm;
    for (let j = from + 1; j < to; j++) if (wm[j]! > next) return j;
    return to;
  }

  /** Rows [from, to) of side k, between which nothing leaves state. */
  private segment(k: Side, batch: ColumnBatch, from: number, to: number): void {
    const o = (1 - k) as Side;
    const keys = this.keys.keysOf(k, batch);
    const tcol = batch.columns[this.time[k]] as NumberColumn;
    const times = tcol.data;
    const valid = tcol.valid;
    const other = this.sides[o];
    const oTs = other.arena.ts;
    // The other side's times that match a row at t: [t + lo, t + hi].
    const lo = k === 0 ? -this.upper : this.lower;
    const hi = k === 0 ? -this.lower : this.upper;
    // This row's bound: the latest other-side time that can still match it.
    const reach = k === 0 ? -this.lower : this.upper;
    const pr = this.pairRows;
    const ps = this.pairSlots;
    const st = this.stores;
    pr.n = ps.n = st.n = 0;
    if (this.matches.length < to - from) this.matches = new Int32Array(to - from);
    const matches = this.matches;
    matches.fill(0, 0, to - from);
    for (let i = from; i < to; i++) {
      const w = batch.wm[i]!;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        rejectNullTime(this.ctx, batch, i, this.names[k], this.time[k]);
        matches[i - from] = -1;
        continue;
      }
      const t = times[i]!;
      const key = keys[i]!;
      if (key >= 0) {
        const a = t + lo;
        const b = t + hi;
        for (let s = other.first(key); s >= 0; s = other.next[s]!) {
          if (other.bound[s]! < w) continue; // logically gone: W passed its bound
          const ts = oTs[s]!;
          if (ts < a || ts > b) continue;
          pr.push(i);
          ps.push(s);
          matches[i - from]!++;
        }
        const bound = t + reach;
        if (bound >= w) st.push(i, bound);
      }
    }
    if (pr.n > 0) this.emitPairs(k, batch, from);
    this.hold(k, batch, from, keys, tcol);
    // Rows neither held nor matched: padded on an outer side; else late (a NULL key simply matches nothing).
    let held = 0;
    const pad = this.sides[k].rowScratch(to - from);
    let np = 0;
    for (let i = from; i < to; i++) {
      if (held < st.n && st.i32[held] === i) {
        held++;
        continue;
      }
      if (matches[i - from] !== 0) continue;
      if (this.outer[k]) pad[np++] = i;
      else if (keys[i]! >= 0) this.late(k, batch, i);
    }
    if (np > 0) this.output.padded(k, batch, pad, np);
  }

  /** The candidate pairs that pass the rest of ON, as output; their match counts kept. */
  private emitPairs(k: Side, batch: ColumnBatch, from: number): void {
    const o = (1 - k) as Side;
    const other = this.sides[o];
    const pr = this.pairRows;
    const ps = this.pairSlots;
    if (this.condition !== null) {
      const pairs = this.candidates.pairs(k, batch, pr.i32, ps.i32, pr.n, other);
      const r = this.condition.run(pairs);
      if (r.count < pairs.length) {
        // Failed pairs are not matches: recount.
        for (let j = 0; j < pr.n; j++) this.matches[pr.i32[j]! - from]!--;
        const sel = r.sel!;
        for (let j = 0; j < r.count; j++) this.matches[pr.i32[sel[j]!]! - from]!++;
        for (let j = 0; j < r.count; j++) other.matched[ps.i32[sel[j]!]!]!++;
        if (r.count > 0) this.output.rows(pairs, sel, r.count);
        return;
      }
    }
    for (let j = 0; j < ps.n; j++) other.matched[ps.i32[j]!]!++;
    this.output.pairs(k, batch, pr.i32, ps.i32, pr.n, other);
  }

  /** Stores the run's rows that stay in state, with their match counts so far. */
  private hold(k: Side, batch: ColumnBatch, from: number, keys: Int32Array, tcol: NumberColumn): void {
    const st = this.stores;
    if (st.n === 0) return;
    const side = this.sides[k];
    const counts = this.counts;
    counts.n = 0;
    for (let j = 0; j < st.n; j++) counts.push(this.matches[st.i32[j]! - from]!);
    const slots = side.store(batch, st.i32, st.n, keys, tcol.data, st.f64, counts.i32);
    const heap = this.heaps[k];
    for (let j = 0; j < st.n; j++) heap.push(st.f64[j]!, slots[j]!, side.gen[slots[j]!]!);
    checkStateLimit(this.ctx, this.sides[0].size + this.sides[1].size, 'rows held by the join');
  }

  private late(k: Side, batch: ColumnBatch, i: number): void {
    const other = this.inputNames[(1 - k) as Side];
    this.ctx.reject(
      batch,
      i,
      this.names[k],
      'late',
      `late (${this.inputNames[k]}): the watermark has passed the last time a row of ${other} could match it`,
    );
  }

  /** Frees every held row whose bound W has passed; unmatched rows of an outer side go out beside NULLs. */
  private expire(w: number, at: number): void {
    this.wm = w;
    for (const k of SIDES) {
      const heap = this.heaps[k];
      if (!(heap.peekAt() < w)) continue;
      const side = this.sides[k];
      const padded = this.expired;
      padded.n = 0;
      while (heap.peekAt() < w) {
        const s = heap.pop();
        if (side.gen[s] !== heap.poppedGen) continue;
        if (this.outer[k] && side.matched[s] === 0) padded.push(s);
        // Its values stay in the arena until a slot is allocated again (after the padding is copied).
        side.remove(s);
      }
      if (padded.n > 0) this.output.paddedState(k, side, padded.i32, padded.n, w, at);
    }
  }

  onWatermark(wm: number, out: BatchSink, at: number): void {
    if (wm > this.wm) this.expire(wm, at);
    this.output.flush(out);
  }

  onEnd(out: BatchSink): void {
    this.expire(Infinity, Infinity);
    this.output.flush(out);
  }

  stateSize(): number {
    return this.sides[0].size + this.sides[1].size;
  }

  inputStateSizes(): number[] {
    return [this.sides[0].size, this.sides[1].size];
  }
}
