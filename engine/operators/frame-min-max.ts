/**
 * MIN / MAX over a row frame: a monotonic deque per key (amortised O(1) per
 * row, no rescans), in typed arrays for numbers and JS arrays otherwise.
 * Runs of numbers take the block method (`SlidingExtreme`); a MIN and a MAX
 * of the same argument and frame share one pass over them (`minMaxPairs`).
 */
import type { Value } from '../core/types';
import type { ResultColumn } from '../aggregate/result-column';
import type { AggCall, Expr, OverFunction } from '../plan/physical-plan';
import { sameExpr } from '../plan/expr-rewrite';
import type { OverFn } from './over-functions';
import { SlidingExtreme } from './sliding-extreme';
import { runMinMax } from './sliding-min-max';

/** Frames up to this many rows take the block method in runs (it keeps frame − 1 values per key). */
const BLOCK_FRAME_LIMIT = 1024;

/** MIN/MAX over a frame with a monotonic deque per key (a typed ring of at most `frame` entries): amortised O(1) per row. */
export class FrameMinMax implements OverFn {
  private readonly deques: (
    { idx: Float64Array; val: Float64Array; head: number; len: number } | undefined
  )[] = [];
  private readonly values: FrameMinMaxValues;
  private readonly frame: number;
  private readonly max: boolean;
  readonly numeric: boolean;
  private live = 0;
  /** Runs of held rows (`stepRun`) over frames up to BLOCK_FRAME_LIMIT; the per-row paths keep the deque. */
  private readonly blocks: SlidingExtreme | null;
  constructor(call: AggCall, preceding: number) {
    this.frame = preceding + 1;
    this.max = call.fn === 'MAX';
    this.blocks = this.frame <= BLOCK_FRAME_LIMIT ? new SlidingExtreme(this.frame, this.max) : null;
    const t = call.arg?.type;
    this.numeric = t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP';
    this.values = new FrameMinMaxValues(call, preceding);
  }
  step(k: number, n: number, x: number, v: Value, d: Value, out: ResultColumn, j: number): void {
    if (!this.numeric) {
      this.values.step(k, n, x, v, d, out, j);
      return;
    }
    const keep = this.data;
    this.scratch[0] = x;
    this.data = this.scratch;
    this.core(k, n, 0, v === null, out, j);
    this.data = keep;
  }
  private readonly scratch = new Float64Array(1);
  private core(k: number, n: number, i: number, isNull: boolean, out: ResultColumn, j: number): void {
    const x = this.data[i]!;
    let q = this.deques[k];
    if (q === undefined) {
      const c = Math.min(this.frame, 16);
      q = this.deques[k] = { idx: new Float64Array(c), val: new Float64Array(c), head: 0, len: 0 };
    }
    let cap = q.idx.length;
    const lowest = n - this.frame + 1;
    while (q.len > 0 && q.idx[q.head]! < lowest) {
      q.head = q.head + 1 === cap ? 0 : q.head + 1;
      q.len--;
      this.live--;
    }
    if (!isNull) {
      const max = this.max;
      while (q.len > 0) {
        let last = q.head + q.len - 1;
        if (last >= cap) last -= cap;
        const y = q.val[last]!;
        if (max ? y > x : y < x) break;
        q.len--;
        this.live--;
      }
      if (q.len === cap) {
        this.grow(q);
        cap = q.idx.length;
      }
      let at = q.head + q.len;
      if (at >= cap) at -= cap;
      q.idx[at] = n;
      q.val[at] = x;
      q.len++;
      this.live++;
    }
    if (q.len > 0) out.setNumber(j, q.val[q.head]!);
    else out.setNull(j);
  }
  private data: Float64Array = new Float64Array(0);
  private valid: Uint8Array | null = null;
  bind(data: Float64Array, valid: Uint8Array | null): void {
    this.data = data;
    this.valid = valid;
  }
  stepAt(k: number, n: number, i: number, out: ResultColumn, j: number): void {
    const v = this.valid;
    this.core(k, n, i, v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0, out, j);
  }
  stepRun(k: number, n0: number, at: Int32Array, from: number, to: number, out: ResultColumn): void {
    if (this.blocks !== null) {
      this.blocks.run(k, n0, this.data, this.valid, at, from, to, out);
      return;
    }
    let q = this.deques[k];
    if (q === undefined) {
      const c = Math.min(this.frame, 16);
      q = this.deques[k] = { idx: new Float64Array(c), val: new Float64Array(c), head: 0, len: 0 };
    }
    let idx = q.idx;
    let val = q.val;
    let cap = idx.length;
    let head = q.head;
    let len = q.len;
    let live = this.live;
    const data = this.data;
    const valid = this.valid;
    const max = this.max;
    const frame = this.frame;
    for (let r = from; r < to; r++) {
      const n = n0 + r - from;
      const lowest = n - frame + 1;
      while (len > 0 && idx[head]! < lowest) {
        head = head + 1 === cap ? 0 : head + 1;
        len--;
        live--;
      }
      const i = at[r]!;
      if (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0) {
        const x = data[i]!;
        while (len > 0) {
          let last = head + len - 1;
          if (last >= cap) last -= cap;
          const y = val[last]!;
          if (max ? y > x : y < x) break;
          len--;
          live--;
        }
        if (len === cap) {
          q.head = head;
          q.len = len;
          this.grow(q);
          idx = q.idx;
          val = q.val;
          cap = idx.length;
          head = 0;
        }
        let p = head + len;
        if (p >= cap) p -= cap;
        idx[p] = n;
        val[p] = x;
        len++;
        live++;
      }
      if (len > 0) out.setNumber(r, val[head]!);
      else out.setNull(r);
    }
    q.head = head;
    q.len = len;
    this.live = live;
  }
  /**
   * `stepRun` of this function and `other` (the opposite extreme over the same
   * argument and frame, see `minMaxPairs`) in one pass: other's results go to otherOut.
   */
  stepRunPair(
    other: FrameMinMax,
    k: number,
    n0: number,
    at: Int32Array,
    from: number,
    to: number,
    out: ResultColumn,
    otherOut: ResultColumn,
  ): void {
    const a = this.blocks!;
    const b = other.blocks!;
    if (this.max) runMinMax(b, a, k, n0, this.data, this.valid, at, from, to, otherOut, out);
    else runMinMax(a, b, k, n0, this.data, this.valid, at, from, to, out, otherOut);
  }
  private grow(q: { idx: Float64Array; val: Float64Array; head: number; len: number }): void {
    const cap = q.idx.length;
    const idx = new Float64Array(cap * 2);
    const val = new Float64Array(cap * 2);
    for (let i = 0; i < q.len; i++) {
      const at = (q.head + i) % cap;
      idx[i] = q.idx[at]!;
      val[i] = q.val[at]!;
    }
    q.idx = idx;
    q.val = val;
    q.head = 0;
  }
  /** True if numeric runs take the block method (then `stepRunPair` applies). */
  blocksRun(): boolean {
    return this.numeric && this.blocks !== null;
  }
  /** True if `other` is the opposite extreme over the same frame. */
  opposes(other: FrameMinMax): boolean {
    return this.max !== other.max && this.frame === other.frame;
  }
  held(): number {
    return this.live + this.values.held() + (this.blocks?.held() ?? 0);
  }
}

/** A numeric MIN and MAX over the same argument and frame (functions f < g of the window), run in one pass. */
export interface MinMaxPair {
  readonly f: number;
  readonly g: number;
  readonly lead: FrameMinMax;
  readonly other: FrameMinMax;
}

/** Each function's pair (the same object for both members), or null. */
export function minMaxPairs(
  functions: readonly OverFunction[],
  fns: readonly OverFn[],
): (MinMaxPair | null)[] {
  const pairs: (MinMaxPair | null)[] = fns.map(() => null);
  const minMax = (f: number): { fn: FrameMinMax; arg: Expr } | null => {
    const d = functions[f]!;
    const fn = fns[f];
    return d.kind === 'aggregate' && d.call.arg !== null && fn instanceof FrameMinMax && fn.blocksRun()
      ? { fn, arg: d.call.arg }
      : null;
  };
  for (let f = 0; f < fns.length; f++) {
    const a = minMax(f);
    if (a === null || pairs[f] !== null) continue;
    for (let g = f + 1; g < fns.length; g++) {
      const b = minMax(g);
      if (b === null || pairs[g] !== null || !a.fn.opposes(b.fn) || !sameExpr(a.arg, b.arg)) continue;
      pairs[f] = pairs[g] = { f, g, lead: a.fn, other: b.fn };
      break;
    }
  }
  return pairs;
}

/**
 * Function f's run (see `OverFn.stepRun`) when it belongs to pair p and both
 * members are bound (`fast`): the pair's first member evaluates both, into
 * their `results`; true if f is done.
 */
export function stepPair(
  p: MinMaxPair | null | undefined,
  f: number,
  fast: readonly boolean[],
  k: number,
  n0: number,
  at: Int32Array,
  from: number,
  to: number,
  results: readonly ResultColumn[],
): boolean {
  if (p === null || p === undefined || !fast[p.f] || !fast[p.g]) return false;
  if (f === p.f) p.lead.stepRunPair(p.other, k, n0, at, from, to, results[p.f]!, results[p.g]!);
  return true;
}

/** MIN/MAX of strings or booleans over a frame: the same deque over JS values. */
class FrameMinMaxValues implements OverFn {
  readonly numeric = false;
  private readonly deques: { idx: number[]; val: Value[]; head: number }[] = [];
  private readonly frame: number;
  private readonly max: boolean;
  constructor(call: AggCall, preceding: number) {
    this.frame = preceding + 1;
    this.max = call.fn === 'MAX';
  }
  step(k: number, n: number, _x: number, v: Value, _d: Value, out: ResultColumn, j: number): void {
    let d = this.deques[k];
    if (d === undefined) d = this.deques[k] = { idx: [], val: [], head: 0 };
    const lowest = n - this.frame + 1;
    while (d.head < d.idx.length && d.idx[d.head]! < lowest) d.head++;
    if (v !== null) {
      while (
        d.idx.length > d.head &&
        (this.max ? d.val[d.val.length - 1]! <= v : d.val[d.val.length - 1]! >= v)
      ) {
        d.idx.pop();
        d.val.pop();
      }
      d.idx.push(n);
      d.val.push(v);
    }
    if (d.head > 64 && d.head * 2 > d.idx.length) {
      d.idx.splice(0, d.head);
      d.val.splice(0, d.head);
      d.head = 0;
    }
    out.set(j, d.head < d.idx.length ? d.val[d.head]! : null);
  }
  held(): number {
    let n = 0;
    for (const d of this.deques) if (d) n += d.idx.length - d.head;
    return n;
  }
}
