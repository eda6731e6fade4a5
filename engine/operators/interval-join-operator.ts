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
 *
 * The engine hands rows over as arrival-ordered runs across both inputs
 * (`onRun`), usually a batch long, though the two streams alternate row by
 * row: everything paid per call — keying, copying held rows' values into
 * state, copying output values — is paid once per run, and the per-row work
 * is the probe. Rows are taken in segments (rows of one side between which no
 * held row leaves state), as the rules above need; a segment costs a few
 * field writes, not a call set-up.
 */
import { type ColumnBatch, type NumberColumn } from '../core/batch';
import type { Schema } from '../core/types';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { JoinOp } from '../plan/physical-plan';
import { expiryStep } from '../plan/expiry-step';
import { JoinKeys } from './join-keys';
import { JoinOutput, type Side } from './join-output';
import { JoinOutputBuffer } from './join-output-buffer';
import { forgetUnheldKeys, JoinSide } from './join-side';
import { MostlySortedQueue } from './min-heap';
import { SliceRun } from './slice-run';
import {
  checkStateLimit,
  rejectNullTime,
  type BatchSink,
  type InputRun,
  type MultiInputOperator,
  type OperatorContext,
} from './operator';

const SIDES = [0, 1] as const;

/** Growable Int32 scratch. */
class Scratch {
  i32 = new Int32Array(256);
  n = 0;
  push(i: number): void {
    if (this.n === this.i32.length) {
      const a = new Int32Array(this.n * 2);
      a.set(this.i32);
      this.i32 = a;
    }
    this.i32[this.n++] = i;
  }
}

const NO_KEYS = new Int32Array(0);
const NO_F64 = new Float64Array(0);

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
  /** The run being processed: each side's batch. */
  private batches: readonly (ColumnBatch | null)[] = [null, null];
  /** The open segment: rows [segFrom, segTo) of side segK (−1: none) of its run batch. */
  private segK = -1;
  private segFrom = 0;
  private segTo = 0;
  /**
   * The watermark past which held rows are due to be freed: the earliest bound held plus `lag`
   * (kept exact as rows are held). A row whose watermark passes it ends the segment and frees them.
   */
  private due = Infinity;
  /** How far past its bound a row may be held (see expiryStep). */
  private readonly lag: number;
  /** Per segment row (i − segFrom): its matches so far, and its slot if held (−1: not held, −2: NULL time). */
  private matches = new Int32Array(256);
  private heldSlot = new Int32Array(256);
  /** With a condition: the segment's candidate pairs, evaluated when it closes. */
  private readonly pairRows = new Scratch();
  private readonly pairSlots = new Scratch();
  /** Per side: the run's held rows and their slots, whose values are copied into state at once. */
  private readonly storeRows: [Scratch, Scratch] = [new Scratch(), new Scratch()];
  private readonly storeSlots: [Scratch, Scratch] = [new Scratch(), new Scratch()];
  private readonly slice = new SliceRun(2);

  constructor(
    op: JoinOp,
    inputs: readonly Schema[],
    /** The streams below each input, for late-row messages. */
    private readonly inputNames: readonly [string, string],
    private readonly ctx: OperatorContext,
    /** Output columns read downstream (null: all); the rest of ON, if any, reads every column. */
    read: readonly boolean[] | null = null,
  ) {
    if (op.strategy.kind !== 'interval') throw new Error('not an interval join');
    const [l, r] = [inputs[0]!, inputs[1]!];
    const used = op.condition === null ? read : null;
    // Per side, the columns state keeps: those read downstream.
    const kept = (width: number, at: number): number[] | null =>
      used === null ? null : Array.from({ length: width }, (_, c) => c).filter((c) => used[at + c] === true);
    this.sides = [
      new JoinSide(
        l.map((f) => f.type),
        kept(l.length, 0),
      ),
      new JoinSide(
        r.map((f) => f.type),
        kept(r.length, l.length),
      ),
    ];
    this.keys = new JoinKeys(op.leftKeys, op.rightKeys);
    const types = [l.map((f) => f.type), r.map((f) => f.type)] as const;
    this.candidates = new JoinOutput(types, false);
    this.output = new JoinOutputBuffer(types, used);
    this.outer = [op.type === 'left' || op.type === 'full', op.type === 'right' || op.type === 'full'];
    this.time = [op.strategy.leftTime, op.strategy.rightTime];
    this.lower = op.strategy.lower;
    this.upper = op.strategy.upper;
    this.lag = expiryStep(op);
    this.condition = op.condition === null ? null : compileKernel([], op.condition);
    this.names = [l.map((f) => f.name), r.map((f) => f.name)];
  }

  /** Rows [from, to) of one side: a run of that side alone. */
  onInput(input: number, batch: ColumnBatch, from: number, to: number, out: BatchSink): void {
    this.onRun(this.slice.of(input, batch, from, to), out);
  }

  /** Output is collected and pushed at the next onWatermark (which ends every hand-over). */
  onRun(run: InputRun, _out: BatchSink): void {
    const { inputs, rows, length: n } = run;
    const b0 = run.batches[0] ?? null;
    const b1 = run.batches[1] ?? null;
    this.batches = run.batches;
    const keys0 = b0 === null ? NO_KEYS : this.keys.keysOf(0, b0);
    const keys1 = b1 === null ? NO_KEYS : this.keys.keysOf(1, b1);
    const t0 = b0 === null ? null : (b0.columns[this.time[0]] as NumberColumn);
    const t1 = b1 === null ? null : (b1.columns[this.time[1]] as NumberColumn);
    // Each side's per-row arrays in locals: the loop picks one by the row's side.
    const wm0 = b0 === null ? NO_F64 : b0.wm;
    const wm1 = b1 === null ? NO_F64 : b1.wm;
    const td0 = t0 === null ? NO_F64 : t0.data;
    const td1 = t1 === null ? NO_F64 : t1.data;
    const tv0 = t0 === null ? null : t0.valid;
    const tv1 = t1 === null ? null : t1.valid;
    const most = Math.max(b0 === null ? 0 : b0.length, b1 === null ? 0 : b1.length);
    if (this.matches.length < most) {
      this.matches = new Int32Array(most);
      this.heldSlot = new Int32Array(most);
    }
    const matches = this.matches;
    const heldSlot = this.heldSlot;
    const withCondition = this.condition !== null;
    const output = this.output;
    const pr = this.pairRows;
    const ps = this.pairSlots;
    for (let j = 0; j < n; j++) {
      const k = inputs[j]! as Side;
      const i = rows[j]!;
      const batch = k === 0 ? b0! : b1!;
      const w = (k === 0 ? wm0 : wm1)[i]!;
      if (k !== this.segK || w > this.due) this.openSegment(k, batch, i, w);
      const idx = i - this.segFrom;
      this.segTo = i + 1;
      const valid = k === 0 ? tv0 : tv1;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        rejectNullTime(this.ctx, batch, i, this.names[k], this.time[k]);
        matches[idx] = 0;
        heldSlot[idx] = -2;
        continue;
      }
      const t = (k === 0 ? td0 : td1)[i]!;
      const key = (k === 0 ? keys0 : keys1)[i]!;
      let m = 0;
      let slot = -1;
      if (key >= 0) {
        const other = this.sides[(1 - k) as Side];
        const oTs = other.arena.ts;
        const oBound = other.bound;
        const oNext = other.next;
        // Match counts are read only to pad an outer side's unmatched rows.
        const oMatched = this.outer[(1 - k) as Side] ? other.matched : null;
        // The other side's times that match a row at t: [t + lo, t + hi].
        const a = k === 0 ? t - this.upper : t + this.lower;
        const b = k === 0 ? t - this.lower : t + this.upper;
        for (let s = other.first(key); s >= 0; s = oNext[s]!) {
          if (oBound[s]! < w) continue; // logically gone: W passed its bound
          const ts = oTs[s]!;
          if (ts < a || ts > b) continue;
          if (withCondition) {
            pr.push(i);
            ps.push(s);
          } else {
            if (oMatched !== null) oMatched[s]!++;
            output.recordPair(k, batch, i, s);
          }
          m++;
        }
        // This row's bound: the latest other-side time that can still match it.
        const bound = k === 0 ? t - this.lower : t + this.upper;
        if (bound >= w) {
          const side = this.sides[k];
          slot = side.hold(batch, i, key, t, bound, m);
          if (bound + this.lag < this.due) this.due = bound + this.lag;
          this.heaps[k].push(bound, slot, side.gen[slot]!);
          this.storeRows[k].push(i);
          this.storeSlots[k].push(slot);
          checkStateLimit(this.ctx, this.sides[0].size + this.sides[1].size, 'rows held by the join');
        }
      }
      matches[idx] = m;
      heldSlot[idx] = slot;
    }
    this.closeSegment();
    this.storeValues();
    output.copyRecorded(run.batches, this.sides);
    this.sides[0].releaseRetired();
    this.sides[1].releaseRetired();
  }

  /** Closes the open segment, frees what row i's watermark w has passed, and opens one at row i of side k. */
  private openSegment(k: Side, batch: ColumnBatch, i: number, w: number): void {
    this.closeSegment();
    if (w > this.due) this.expire(w, batch.at ? batch.at[i]! : 0);
    this.segK = k;
    this.segFrom = this.segTo = i;
  }

  /** The open segment's rows that are neither held nor matched: padded on an outer side, else late. */
  private closeSegment(): void {
    if (this.segK < 0) return;
    const k = this.segK as Side;
    this.segK = -1;
    const batch = this.batches[k]!;
    if (this.pairRows.n > 0) this.emitCandidates(k, batch);
    const side = this.sides[k];
    const from = this.segFrom;
    const heldSlot = this.heldSlot;
    const matches = this.matches;
    const withCondition = this.condition !== null;
    // Only a late row needs the keys (a NULL key is not late).
    let keys: Int32Array | null = null;
    for (let i = from; i < this.segTo; i++) {
      const slot = heldSlot[i - from]!;
      if (slot === -2) continue;
      if (slot >= 0) {
        // Counted candidates at the probe; the rest of ON has now decided.
        if (withCondition) side.matched[slot] = matches[i - from]!;
        continue;
      }
      if (matches[i - from] !== 0) continue;
      if (this.outer[k]) this.output.recordPadded(k, batch, i);
      else if ((keys ??= this.keys.keysOf(k, batch))[i]! >= 0) this.late(k, batch, i);
    }
  }

  /** The segment's candidate pairs that pass the rest of ON, as output; match counts recounted. */
  private emitCandidates(k: Side, batch: ColumnBatch): void {
    const other = this.sides[(1 - k) as Side];
    const pr = this.pairRows;
    const ps = this.pairSlots;
    const from = this.segFrom;
    // The candidates read the other side's held values: those held in this run are copied first.
    this.storeValues();
    const pairs = this.candidates.pairs(k, batch, pr.i32, ps.i32, pr.n, other);
    const r = this.condition!.run(pairs);
    const sel = r.count < pairs.length ? r.sel! : null;
    for (let j = 0; j < pr.n; j++) this.matches[pr.i32[j]! - from]!--;
    for (let q = 0; q < r.count; q++) {
      const j = sel === null ? q : sel[q]!;
      const i = pr.i32[j]!;
      const s = ps.i32[j]!;
      this.matches[i - from]!++;
      other.matched[s]!++;
      this.output.recordPair(k, batch, i, s);
    }
    pr.n = ps.n = 0;
  }

  /** Copies the values of the rows held since the last call into state. */
  private storeValues(): void {
    for (const k of SIDES) {
      const rows = this.storeRows[k];
      if (rows.n === 0) continue;
      this.sides[k].storeValues(this.batches[k]!, rows.i32, this.storeSlots[k].i32, rows.n);
      rows.n = this.storeSlots[k].n = 0;
    }
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

  /**
   * Frees every held row whose bound W has passed; unmatched rows of an outer side go out beside
   * NULLs. Freed slots keep their values until the output recorded so far is copied.
   */
  private expire(w: number, at: number): void {
    this.wm = w;
    for (const k of SIDES) {
      const heap = this.heaps[k];
      if (!(heap.peekAt() < w)) continue;
      const side = this.sides[k];
      while (heap.peekAt() < w) {
        const s = heap.pop();
        if (side.gen[s] !== heap.poppedGen) continue;
        if (this.outer[k] && side.matched[s] === 0) this.output.recordPaddedState(k, side, s, w, at);
        side.removeLater(s);
      }
    }
    this.due = Math.min(this.heaps[0].peekAt(), this.heaps[1].peekAt()) + this.lag;
  }

  /** Between runs: expires up to wm, copies what that padded and pushes the output. */
  private expireAndFlush(wm: number, at: number, out: BatchSink): void {
    if (wm > this.wm) this.expire(wm, at);
    this.output.copyRecorded(NO_BATCHES, this.sides);
    this.sides[0].releaseRetired();
    this.sides[1].releaseRetired();
    this.output.flush(out);
    forgetUnheldKeys(this.keys, this.sides);
  }

  onWatermark(wm: number, out: BatchSink, at: number): void {
    this.expireAndFlush(wm, at, out);
  }

  onEnd(out: BatchSink): void {
    this.expireAndFlush(Infinity, Infinity, out);
  }

  stateSize(): number {
    return this.sides[0].size + this.sides[1].size;
  }

  inputStateSizes(): number[] {
    return [this.sides[0].size, this.sides[1].size];
  }
}

/** Rows expired between runs come from state only. */
const NO_BATCHES: readonly (ColumnBatch | null)[] = [null, null];
