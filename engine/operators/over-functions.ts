/**
 * The functions of a row window, each with per-key state: a frame of the last
 * n+1 values (a ring, grown lazily up to the frame size) with incremental
 * add/remove, a monotonic deque for MIN/MAX (no rescans), LAG's ring and
 * ROW_NUMBER's counter. `k` is the key, `n` the row's index within its key.
 */
import type { Value } from '../core/types';
import type { Accumulator } from '../aggregate/accumulator';
import { createAccumulator } from '../aggregate/create-accumulator';
import type { ResultColumn } from '../aggregate/result-column';
import type { AggCall } from '../plan/physical-plan';

export interface OverFn {
  /** Evaluates row n of key k whose argument is v (null = NULL) and writes the result at output row j. */
  step(k: number, n: number, v: Value, dflt: Value, out: ResultColumn, j: number): void;
  /** Values held (for the state limit). */
  held(): number;
}

/** Ring of the last `cap` values of a key (cap = frame size), allocated lazily and grown by doubling. */
class Ring {
  vals: Value[] = [];
  constructor(readonly cap: number) {}
  /** Value at absolute index a (must be within the last cap). */
  get(a: number): Value {
    return this.vals[a % this.cap] ?? null;
  }
  set(a: number, v: Value): void {
    this.vals[a % this.cap] = v;
  }
}

/** SUM/COUNT/AVG/VAR/STDDEV/COUNT DISTINCT over a frame, by add and remove. */
export class FrameAggregate implements OverFn {
  private readonly acc: Accumulator;
  private readonly rings: Ring[] = [];
  private readonly frame: number;
  private cap = 0;
  private count = 0;
  private readonly star: boolean;
  constructor(call: AggCall, preceding: number) {
    this.acc = createAccumulator(call);
    this.frame = preceding + 1;
    this.star = call.fn === 'COUNT_STAR';
  }
  step(k: number, n: number, v: Value, _d: Value, out: ResultColumn, j: number): void {
    let ring = this.rings[k];
    if (ring === undefined) {
      if (k >= this.cap) this.acc.ensure((this.cap = Math.max(64, (k + 1) * 2)));
      this.acc.init(k);
      ring = this.rings[k] = new Ring(this.frame);
    }
    const val = this.star ? 1 : v;
    if (n >= this.frame) {
      const old = ring.get(n - this.frame);
      if (old !== null) this.acc.remove(k, old);
    } else this.count++;
    if (val !== null) this.acc.add(k, val, 0, n);
    ring.set(n, val);
    this.acc.writeResult(k, out, j);
  }
  held(): number {
    return this.count;
  }
}

/** MIN/MAX over a frame with a monotonic deque per key: amortised O(1) per row. */
export class FrameMinMax implements OverFn {
  private readonly deques: { idx: number[]; val: Value[]; head: number }[] = [];
  private readonly frame: number;
  private readonly max: boolean;
  constructor(call: AggCall, preceding: number) {
    this.frame = preceding + 1;
    this.max = call.fn === 'MAX';
  }
  step(k: number, n: number, v: Value, _d: Value, out: ResultColumn, j: number): void {
    let d = this.deques[k];
    if (d === undefined) d = this.deques[k] = { idx: [], val: [], head: 0 };
    const lowest = n - this.frame + 1;
    while (d.head < d.idx.length && d.idx[d.head]! < lowest) d.head++;
    if (v !== null) {
      while (d.idx.length > d.head && (this.max ? d.val[d.val.length - 1]! <= v : d.val[d.val.length - 1]! >= v)) {
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

/** FIRST_VALUE / LAST_VALUE over a frame: frames are in event-time order, so first/last non-NULL of the ring. */
export class FrameFirstLast implements OverFn {
  private readonly rings: Ring[] = [];
  private readonly frame: number;
  private readonly last: boolean;
  constructor(call: AggCall, preceding: number) {
    this.frame = preceding + 1;
    this.last = call.fn === 'LAST_VALUE';
  }
  step(k: number, n: number, v: Value, _d: Value, out: ResultColumn, j: number): void {
    const ring = (this.rings[k] ??= new Ring(this.frame));
    ring.set(n, v);
    const from = Math.max(0, n - this.frame + 1);
    let r: Value = null;
    if (this.last) {
      for (let a = n; a >= from && r === null; a--) r = ring.get(a);
    } else {
      for (let a = from; a <= n && r === null; a++) r = ring.get(a);
    }
    out.set(j, r);
  }
  held(): number {
    return this.rings.length * this.frame;
  }
}

/** LAG(x, offset, default). */
export class LagFn implements OverFn {
  private readonly rings: Ring[] = [];
  constructor(private readonly offset: number) {}
  step(k: number, n: number, v: Value, dflt: Value, out: ResultColumn, j: number): void {
    const ring = (this.rings[k] ??= new Ring(this.offset + 1));
    out.set(j, n >= this.offset ? ring.get(n - this.offset) : dflt);
    ring.set(n, v);
  }
  held(): number {
    return this.rings.length * (this.offset + 1);
  }
}

export class RowNumberFn implements OverFn {
  step(_k: number, n: number, _v: Value, _d: Value, out: ResultColumn, j: number): void {
    out.setNumber(j, n + 1);
  }
  held(): number {
    return 0;
  }
}
