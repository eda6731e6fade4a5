/**
 * Window join (dialect §8): both inputs carry the same window (window_start,
 * window_end); rows of one window with equal keys meet when that window
 * completes on the combined watermark (W ≥ end − 1), once, and the window's
 * rows leave state. INNER, LEFT/RIGHT/FULL (unmatched rows beside NULLs),
 * SEMI (left rows with a match) and ANTI (left rows without). A row whose
 * window is already complete when it arrives is late.
 */
import { type ColumnBatch, type NumberColumn } from '../core/batch';
import type { Expr, JoinOp } from '../plan/physical-plan';
import type { Schema } from '../core/types';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import { JoinKeys } from './join-keys';
import { JoinOutput, type Side } from './join-output';
import { forgetUnheldKeys, JoinSide } from './join-side';
import { MinHeap } from './min-heap';
import {
  checkStateLimit,
  type BatchSink,
  type InputRun,
  type MultiInputOperator,
  type OperatorContext,
} from './operator';
import { SliceRun } from './slice-run';

const NO_KEYS = new Int32Array(0);
const NO_TIMES = new Float64Array(0);

const column = (index: number, schema: Schema): Expr => ({
  kind: 'column',
  index,
  name: schema[index]!.name,
  type: 'TIMESTAMP',
});

export class WindowJoinOperator implements MultiInputOperator {
  readonly ordered = true;
  private readonly sides: [JoinSide, JoinSide];
  private readonly heaps: [MinHeap, MinHeap] = [new MinHeap(), new MinHeap()];
  private readonly keys: JoinKeys;
  /**
   * Whether the window (start, end) is interned into the key ids, as when ON has no other
   * equality. Otherwise the keys are ON's equalities alone, a slot keeps its window (start as its
   * time, end − 1 as its bound) and pairs are checked for the same window as a chain is walked:
   * keying every (key, window) made the key table grow with the stream, never shrinking.
   */
  private readonly windowInKey: boolean;
  private readonly output: JoinOutput;
  private readonly padLeft: boolean;
  private readonly padRight: boolean;
  private readonly semi: boolean;
  private readonly anti: boolean;
  private readonly start: [number, number];
  private readonly end: [number, number];
  private readonly condition: CompiledKernel | null;
  private readonly names: [string[], string[]];
  private fired = -Infinity;
  /** Pairs with both sides' columns, for the rest of ON (SEMI/ANTI output only the left's). */
  private readonly both: JoinOutput;
  /** NOT IN (op.nullAware): per open window (by its end − 1), the right rows seen and how many had a NULL key. */
  private readonly rightSeen: Map<number, { rows: number; nulls: number }> | null;
  /** NOT IN: each held left row's window (its end − 1), by slot. */
  private readonly leftLast: number[] = [];
  private readonly slice = new SliceRun(2);
  /** The run being taken: each side's batch, its keys and window ends. */
  private batches: readonly (ColumnBatch | null)[] = [null, null];
  private readonly runKeys: [Int32Array, Int32Array] = [NO_KEYS, NO_KEYS];
  private readonly runEnds: [Float64Array, Float64Array] = [NO_TIMES, NO_TIMES];
  /** Per side: rows of the run kept and not yet in state, with their windows' last instant. */
  private readonly kept: [Int32Array, Int32Array] = [new Int32Array(256), new Int32Array(256)];
  private readonly keptBounds: [Float64Array, Float64Array] = [new Float64Array(256), new Float64Array(256)];
  private readonly nKept: [number, number] = [0, 0];
  /** The earliest window end − 1 among the kept rows (+∞: none). */
  private keptMin = Infinity;
  /** Match counts of newly held rows (none yet). */
  private zeros = new Int32Array(256);

  constructor(
    op: JoinOp,
    inputs: readonly Schema[],
    private readonly inputNames: readonly [string, string],
    private readonly ctx: OperatorContext,
  ) {
    if (op.strategy.kind !== 'window') throw new Error('not a window join');
    const [l, r] = [inputs[0]!, inputs[1]!];
    const s = op.strategy;
    this.start = [s.leftStart, s.rightStart];
    this.end = [s.leftEnd, s.rightEnd];
    this.sides = [new JoinSide(l.map((f) => f.type)), new JoinSide(r.map((f) => f.type))];
    // Rows meet only within one window: compared at the chain walk, or keyed when ON has no equality.
    this.windowInKey = op.leftKeys.length === 0;
    this.keys = this.windowInKey
      ? new JoinKeys(
          [column(s.leftStart, l), column(s.leftEnd, l)],
          [column(s.rightStart, r), column(s.rightEnd, r)],
        )
      : new JoinKeys(op.leftKeys, op.rightKeys);
    this.semi = op.type === 'semi';
    this.anti = op.type === 'anti';
    const types = [l.map((f) => f.type), r.map((f) => f.type)] as const;
    this.output = new JoinOutput(types, this.semi || this.anti);
    this.both = new JoinOutput(types, false);
    this.padLeft = op.type === 'left' || op.type === 'full';
    this.padRight = op.type === 'right' || op.type === 'full';
    this.condition = op.condition === null ? null : compileKernel([], op.condition);
    this.names = [l.map((f) => f.name), r.map((f) => f.name)];
    this.rightSeen = op.nullAware ? new Map() : null;
  }

  onInput(input: number, batch: ColumnBatch, from: number, to: number, out: BatchSink): void {
    this.onRun(this.slice.of(input, batch, from, to), out);
  }

  /**
   * A whole arrival-ordered run: rows kept per side and put into state together, before a window
   * fires (so they are in it) and at the run's end, not once per one-row slice.
   */
  onRun(run: InputRun, out: BatchSink): void {
    const { inputs, rows, length: n } = run;
    this.batches = run.batches;
    for (const k of [0, 1] as const) {
      const b = run.batches[k] ?? null;
      this.runKeys[k] = b === null ? NO_KEYS : this.keysOf(k, b);
      this.runEnds[k] = b === null ? NO_TIMES : (b.columns[this.end[k]] as NumberColumn).data;
    }
    for (let j = 0; j < n; j++) {
      const k = inputs[j]! as Side;
      const i = rows[j]!;
      const batch = run.batches[k]!;
      const w = batch.wm[i]!;
      if (w > this.fired) {
        // A fire that completes no window only moves `fired`: the watermark moves at almost every
        // row, and storing the kept rows and looking for windows per row was most of the cost.
        if (Math.min(this.heaps[0].peekAt(), this.heaps[1].peekAt(), this.keptMin) <= w) {
          this.storeKept();
          this.fire(w, batch.at ? batch.at[i]! : 0, out);
        } else this.fired = w;
      }
      const last = this.runEnds[k][i]! - 1;
      if (last <= w) {
        const starts = (batch.columns[this.start[k]] as NumberColumn).data;
        this.ctx.reject(
          batch,
          i,
          this.names[k],
          'late',
          `late (${this.inputNames[k]}): its window [${starts[i]}, ${this.runEnds[k][i]}) had already completed`,
        );
        continue;
      }
      const key = this.runKeys[k][i]!;
      if (k === 1 && this.rightSeen) {
        const seen = this.rightSeen.get(last) ?? { rows: 0, nulls: 0 };
        seen.rows++;
        if (key < 0) seen.nulls++;
        this.rightSeen.set(last, seen);
      }
      // A NULL key never matches: kept only if the row may be emitted unmatched.
      if (key < 0 && !(k === 0 ? this.padLeft || this.anti : this.padRight)) continue;
      const m = this.nKept[k]++;
      if (m === this.kept[k].length) this.growKept(k);
      this.kept[k][m] = i;
      this.keptBounds[k][m] = last;
      if (last < this.keptMin) this.keptMin = last;
    }
    this.storeKept();
  }

  /** Key ids of a batch's rows; a NULL window start or end is a NULL key (it matches nothing), as when keyed. */
  private keysOf(k: Side, b: ColumnBatch): Int32Array {
    const keys = this.keys.keysOf(k, b);
    if (this.windowInKey) return keys;
    const vs = (b.columns[this.start[k]] as NumberColumn).valid;
    const ve = (b.columns[this.end[k]] as NumberColumn).valid;
    if (vs === null && ve === null) return keys;
    const masked = keys.slice(0, b.length);
    for (let i = 0; i < b.length; i++) {
      const bit = 1 << (i & 7);
      if ((vs !== null && (vs[i >> 3]! & bit) === 0) || (ve !== null && (ve[i >> 3]! & bit) === 0))
        masked[i] = -1;
    }
    return masked;
  }

  /** Puts the rows kept so far into state. */
  private storeKept(): void {
    this.keptMin = Infinity;
    for (const k of [0, 1] as const) {
      const m = this.nKept[k];
      if (m === 0) continue;
      this.nKept[k] = 0;
      const side = this.sides[k];
      const bounds = this.keptBounds[k];
      if (this.zeros.length < m) this.zeros = new Int32Array(m);
      const batch = this.batches[k]!;
      const starts = this.windowInKey ? null : (batch.columns[this.start[k]] as NumberColumn).data;
      const slots = side.store(batch, this.kept[k], m, this.runKeys[k], starts, bounds, this.zeros);
      for (let j = 0; j < m; j++) this.heaps[k].push(bounds[j]!, slots[j]!, side.gen[slots[j]!]!);
      if (k === 0 && this.rightSeen) for (let j = 0; j < m; j++) this.leftLast[slots[j]!] = bounds[j]!;
      checkStateLimit(this.ctx, side.size + this.sides[(1 - k) as Side].size, 'rows held by the join');
    }
  }

  private growKept(k: Side): void {
    const rows = new Int32Array(this.kept[k].length * 2);
    rows.set(this.kept[k]);
    this.kept[k] = rows;
    const bounds = new Float64Array(rows.length);
    bounds.set(this.keptBounds[k]);
    this.keptBounds[k] = bounds;
  }

  /** Emits and frees every window with end − 1 ≤ w. */
  private fire(w: number, at: number, out: BatchSink): void {
    this.fired = w;
    const [left, right] = this.sides;
    const done = [this.take(0, w), this.take(1, w)];
    if (done[0]!.length === 0 && done[1]!.length === 0) return;
    const ls: number[] = [];
    const rs: number[] = [];
    for (const l of done[0]!) {
      const key = left.key[l]!;
      if (key < 0) continue;
      for (let r = right.first(key); r >= 0; r = right.next[r]!) {
        // The same window: start (held as the time) and end − 1 (the bound; exact for timestamps).
        if (!this.windowInKey && (left.arena.ts[l] !== right.arena.ts[r] || left.bound[l] !== right.bound[r]))
          continue;
        ls.push(l);
        rs.push(r);
      }
    }
    let pairL = Int32Array.from(ls);
    let pairR = Int32Array.from(rs);
    if (this.condition !== null && pairL.length > 0) {
      const r = this.condition.run(this.both.statePairs(left, pairL, right, pairR, pairL.length, w, at));
      if (r.count < pairL.length) {
        const sel = r.sel!;
        pairL = Int32Array.from({ length: r.count }, (_, j) => pairL[sel[j]!]!);
        pairR = Int32Array.from({ length: r.count }, (_, j) => pairR[sel[j]!]!);
      }
    }
    for (let j = 0; j < pairL.length; j++) {
      left.matched[pairL[j]!]!++;
      right.matched[pairR[j]!]!++;
    }
    if (this.semi || this.anti) {
      const pick = done[0]!.filter((l) =>
        this.rightSeen ? this.notIn(l) : left.matched[l]! > 0 === this.semi,
      );
      if (pick.length) out.push(this.output.paddedState(0, left, Int32Array.from(pick), pick.length, w, at));
    } else {
      if (pairL.length) out.push(this.output.statePairs(left, pairL, right, pairR, pairL.length, w, at));
      for (const k of [0, 1] as const) {
        if (!(k === 0 ? this.padLeft : this.padRight)) continue;
        const side = this.sides[k];
        const lone = done[k]!.filter((s) => side.matched[s] === 0);
        if (lone.length)
          out.push(this.output.paddedState(k, side, Int32Array.from(lone), lone.length, w, at));
      }
    }
    for (const k of [0, 1] as const) for (const s of done[k]!) this.sides[k].remove(s);
    if (this.rightSeen) for (const last of this.rightSeen.keys()) if (last <= w) this.rightSeen.delete(last);
  }

  /** `l.k NOT IN (right keys of its window)`, three-valued: true only if no key of the window is l.k or NULL. */
  private notIn(l: number): boolean {
    const seen = this.rightSeen!.get(this.leftLast[l]!);
    if (this.sides[0].key[l]! < 0) return seen === undefined || seen.rows === 0;
    return this.sides[0].matched[l] === 0 && (seen === undefined || seen.nulls === 0);
  }

  /** Slots of side k whose window completes at or before w. */
  private take(k: Side, w: number): number[] {
    const heap = this.heaps[k];
    const side = this.sides[k];
    const got: number[] = [];
    while (heap.size > 0 && heap.peekAt() <= w) {
      const s = heap.pop();
      if (side.gen[s] === heap.poppedGen) got.push(s);
    }
    return got;
  }

  onWatermark(wm: number, out: BatchSink, at: number): void {
    if (wm > this.fired) this.fire(wm, at, out);
    // Between runs only: a run's key ids (runKeys) are read until it ends.
    forgetUnheldKeys(this.keys, this.sides);
  }

  onEnd(out: BatchSink): void {
    this.fire(Infinity, Infinity, out);
  }

  stateSize(): number {
    return this.sides[0].size + this.sides[1].size;
  }

  inputStateSizes(): number[] {
    return [this.sides[0].size, this.sides[1].size];
  }
}
