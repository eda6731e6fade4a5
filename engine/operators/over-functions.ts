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
  /**
   * Evaluates row n of key k and writes the result at output row j. The
   * argument is `v` (null = NULL); for numeric arguments the caller also
   * passes the number as `x` and may pass any non-null marker as `v`, so no
   * double is boxed on the hot path.
   */
  step(k: number, n: number, x: number, v: Value, dflt: Value, out: ResultColumn, j: number): void;
  /** True if the function reads `x` (then `v` is only a NULL marker), and supports `bind` + `stepAt`. */
  readonly numeric: boolean;
  /** Numeric functions: the batch's argument column, read by `stepAt` (no double crosses a call, so none is boxed). */
  bind?(data: Float64Array, valid: Uint8Array | null): void;
  /** Numeric functions: row n of key k is row i of the bound column. */
  stepAt?(k: number, n: number, i: number, out: ResultColumn, j: number): void;
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

/** Per-key ring of the last `frame` values, grown by doubling up to the frame (so many small keys stay small). */
class NumRing {
  vals = new Float64Array(8);
  nulls = new Uint8Array(8);
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
    const n = Math.min(this.frame, cap * 2);
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
  private core(k: number, n: number, i: number, isNull: boolean, out: ResultColumn, j: number): void {
    let ring = this.rings[k];
    if (ring === undefined) {
      if (k >= this.cap) this.acc.ensure((this.cap = Math.max(64, (k + 1) * 2)));
      this.acc.init(k);
      ring = this.rings[k] = new NumRing(this.frame);
    }
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
      ring.nulls[at] = 0;
    } else ring.nulls[at] = 1;
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

/** MIN/MAX over a frame with a monotonic deque per key (a typed ring of at most `frame` entries): amortised O(1) per row. */
export class FrameMinMax implements OverFn {
  private readonly deques: ({ idx: Float64Array; val: Float64Array; head: number; len: number } | undefined)[] = [];
  private readonly values: FrameMinMaxValues;
  private readonly frame: number;
  private readonly max: boolean;
  readonly numeric: boolean;
  private live = 0;
  constructor(call: AggCall, preceding: number) {
    this.frame = preceding + 1;
    this.max = call.fn === 'MAX';
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
  held(): number {
    return this.live + this.values.held();
  }
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
  readonly numeric = false;
  private readonly rings: Ring[] = [];
  private readonly frame: number;
  private readonly last: boolean;
  constructor(call: AggCall, preceding: number) {
    this.frame = preceding + 1;
    this.last = call.fn === 'LAST_VALUE';
  }
  step(k: number, n: number, _x: number, v: Value, _d: Value, out: ResultColumn, j: number): void {
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
  readonly numeric = false;
  private readonly rings: Ring[] = [];
  constructor(private readonly offset: number) {}
  step(k: number, n: number, _x: number, v: Value, dflt: Value, out: ResultColumn, j: number): void {
    const ring = (this.rings[k] ??= new Ring(this.offset + 1));
    out.set(j, n >= this.offset ? ring.get(n - this.offset) : dflt);
    ring.set(n, v);
  }
  held(): number {
    return this.rings.length * (this.offset + 1);
  }
}

export class RowNumberFn implements OverFn {
  readonly numeric = false;
  step(_k: number, n: number, _x: number, _v: Value, _d: Value, out: ResultColumn, j: number): void {
    out.setNumber(j, n + 1);
  }
  held(): number {
    return 0;
  }
}
