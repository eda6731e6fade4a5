/**
 * SUM / COUNT / AVG / variance / COUNT DISTINCT over a row frame (the last
 * n+1 rows of a key): a ring of the frame's values per key, grown lazily up to
 * the frame size, with incremental add and remove.
 */
import { allValidAt } from '../core/batch';
import type { Value } from '../core/types';
import type { Accumulator } from '../aggregate/accumulator';
import { createAccumulator } from '../aggregate/create-accumulator';
import type { ResultColumn } from '../aggregate/result-column';
import type { AggCall } from '../plan/physical-plan';
import { Ring, type OverFn } from './over-functions';

/** Per-key ring of the last `frame` values, grown by doubling up to the frame (so many small keys stay small). */
class NumRing {
  vals = new Float64Array(8);
  nulls = new Uint8Array(8);
  /** How many entries of `nulls` are 1 (0: the frame holds no NULL). */
  nullCount = 0;
  constructor(private readonly frame: number) {
    if (frame < 8) {
      this.vals = new Float64Array(frame);
      this.nulls = new Uint8Array(frame);
    }
  }
  /** Makes room for absolute index a (rows 0…a of the key). */
  fit(a: number): void {
    const cap = this.vals.length;
    if (a < cap || cap >= this.frame) return;
    let n = cap * 2;
    while (n <= a) n *= 2;
    n = Math.min(this.frame, n);
    const v = new Float64Array(n);
    v.set(this.vals);
    this.vals = v;
    const u = new Uint8Array(n);
    u.set(this.nulls);
    this.nulls = u;
  }
}

/** SUM/COUNT/AVG/VAR/STDDEV/COUNT DISTINCT over a frame, by add and remove. */
export class FrameAggregate implements OverFn {
  private readonly acc: Accumulator;
  /** COUNT / SUM / AVG: their state arrays can be updated in place by `stepRun`. */
  private readonly fusedOp: 'countStar' | 'count' | 'sum' | null;
  private readonly avg: boolean;
  private readonly truncate: boolean;
  private readonly rings: (NumRing | undefined)[] = [];
  private readonly vrings: (Ring | undefined)[] = [];
  private readonly frame: number;
  private cap = 0;
  private count = 0;
  private readonly star: boolean;
  readonly numeric: boolean;
  constructor(call: AggCall, preceding: number) {
    this.acc = createAccumulator(call);
    this.frame = preceding + 1;
    this.star = call.fn === 'COUNT_STAR';
    const t = call.arg?.type;
    this.numeric = !call.distinct && (this.star || t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP');
    const op = this.numeric ? (this.acc.fusable?.()?.op ?? null) : null;
    this.fusedOp = op === 'countStar' || op === 'count' || op === 'sum' ? op : null;
    this.avg = call.fn === 'AVG';
    this.truncate = this.avg && call.type === 'BIGINT';
  }
  step(k: number, n: number, x: number, v: Value, _d: Value, out: ResultColumn, j: number): void {
    if (!this.numeric) {
      this.stepValue(k, n, v, out, j);
      return;
    }
    const keep = this.data;
    this.scratch[0] = x;
    this.data = this.scratch;
    this.core(k, n, 0, v === null, out, j);
    this.data = keep;
  }
  private readonly scratch = new Float64Array(1);
  /** Row n of key k is row i of `data` (read here, so no double crosses a call boundary). */
  private ringOf(k: number): NumRing {
    let ring = this.rings[k];
    if (ring === undefined) {
      if (k >= this.cap) this.acc.ensure((this.cap = Math.max(64, (k + 1) * 2)));
      this.acc.init(k);
      ring = this.rings[k] = new NumRing(this.frame);
    }
    return ring;
  }
  private core(k: number, n: number, i: number, isNull: boolean, out: ResultColumn, j: number): void {
    const ring = this.ringOf(k);
    const f = this.frame;
    let at = n;
    if (n >= f) {
      at = n % f;
      if (ring.nulls[at] === 0) this.acc.remove(k, ring.vals[at]!);
    } else {
      ring.fit(n);
      this.count++;
    }
    if (this.star || !isNull) {
      const y = this.star ? 1 : this.data[i]!;
      this.acc.add(k, y, 0, n);
      ring.vals[at] = y;
      ring.nullCount -= ring.nulls[at]!;
      ring.nulls[at] = 0;
    } else {
      ring.nullCount += 1 - ring.nulls[at]!;
      ring.nulls[at] = 1;
    }
    this.acc.writeResult(k, out, j);
  }
  private data: Float64Array = new Float64Array(0);
  private valid: Uint8Array | null = null;
  bind(data: Float64Array, valid: Uint8Array | null): void {
    this.data = data;
    this.valid = valid;
  }
  stepAt(k: number, n: number, i: number, out: ResultColumn, j: number): void {
    const v = this.valid;
    this.core(k, n, i, !this.star && v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0, out, j);
  }
  stepRun(k: number, n0: number, at: Int32Array, from: number, to: number, out: ResultColumn): void {
    const op = this.fusedOp;
    if (op === null) {
      for (let r = from; r < to; r++) this.stepAt(k, n0 + r - from, at[r]!, out, r);
      return;
    }
    const f = this.frame;
    const ring = this.ringOf(k);
    ring.fit(Math.min(n0 + (to - from) - 1, f - 1));
    const vals = ring.vals;
    const nulls = ring.nulls;
    // The accumulator's own cells (re-read per run: they grow), updated exactly as add/remove would.
    const st = this.acc.fusable!()!;
    const counts = st.count;
    const sums = op === 'sum' ? st.value! : null;
    let cnt = counts[k]!;
    let sum = sums === null ? 0 : sums[k]!;
    const data = this.data;
    const valid = this.valid;
    const star = this.star;
    const avg = this.avg;
    const truncate = this.truncate;
    let pos = n0 % f;
    let r = from;
    if (sums !== null && !star && ring.nullCount === 0 && n0 >= f && allValidAt(valid, at, from, to)) {
      // A full frame and no NULL in it or in the run: the same operations, without the NULL ring.
      const nums = out.numberArrays()!.nums;
      if (avg && !truncate && f > 1)
        // The frame stays full of non-NULL values, so cnt is f throughout (never 0): the same sums, divided by f.
        for (; r < to; r++) {
          sum -= vals[pos]!;
          const y = data[at[r]!]!;
          sum += y;
          vals[pos] = y;
          nums[r] = sum / f;
          if (++pos === f) pos = 0;
        }
      for (; r < to; r++) {
        sum -= vals[pos]!;
        if (--cnt === 0) sum = 0;
        const y = data[at[r]!]!;
        sum += y;
        cnt++;
        vals[pos] = y;
        nums[r] = !avg ? sum : truncate ? Math.trunc(sum / cnt) : sum / cnt;
        if (++pos === f) pos = 0;
      }
      out.setValidRange(from, to);
    }
    for (; r < to; r++) {
      if (n0 + r - from >= f) {
        if (nulls[pos] === 0) {
          cnt--;
          if (sums !== null) {
            sum -= vals[pos]!;
            if (cnt === 0) sum = 0;
          }
        }
      } else this.count++;
      const i = at[r]!;
      if (star || valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0) {
        const y = star ? 1 : data[i]!;
        sum += y;
        cnt++;
        vals[pos] = y;
        ring.nullCount -= nulls[pos]!;
        nulls[pos] = 0;
      } else {
        ring.nullCount += 1 - nulls[pos]!;
        nulls[pos] = 1;
      }
      if (sums === null) out.setNumber(r, cnt);
      else if (cnt === 0) out.setNull(r);
      else if (!avg) out.setNumber(r, sum);
      else out.setNumber(r, truncate ? Math.trunc(sum / cnt) : sum / cnt);
      if (++pos === f) pos = 0;
    }
    counts[k] = cnt;
    if (sums !== null) sums[k] = sum;
  }
  private stepValue(k: number, n: number, v: Value, out: ResultColumn, j: number): void {
    let ring = this.vrings[k];
    if (ring === undefined) {
      if (k >= this.cap) this.acc.ensure((this.cap = Math.max(64, (k + 1) * 2)));
      this.acc.init(k);
      ring = this.vrings[k] = new Ring(this.frame);
    }
    if (n >= this.frame) {
      const old = ring.get(n - this.frame);
      if (old !== null) this.acc.remove(k, old);
    } else this.count++;
    if (v !== null) this.acc.add(k, v, 0, n);
    ring.set(n, v);
    this.acc.writeResult(k, out, j);
  }
  held(): number {
    return this.count;
  }
}
