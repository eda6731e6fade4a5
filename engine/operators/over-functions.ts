/**
 * The functions of a row window, each with per-key state: a frame of the last
 * n+1 values (a ring, grown lazily up to the frame size) with incremental
 * add/remove, a monotonic deque for MIN/MAX (no rescans), LAG's ring and
 * ROW_NUMBER's counter. `k` is the key, `n` the row's index within its key.
 */
import type { Value } from '../core/types';
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
  /**
   * Numeric functions, a run of one key's rows at once (state kept in locals):
   * output rows r in [from, to) are rows n0 + (r − from) of key k, found at
   * index at[r] of the bound column.
   */
  stepRun?(k: number, n0: number, at: Int32Array, from: number, to: number, out: ResultColumn): void;
  /** Values held (for the state limit). */
  held(): number;
}

/** Ring of the last `cap` values of a key (cap = frame size), allocated lazily and grown by doubling. */
export class Ring {
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
