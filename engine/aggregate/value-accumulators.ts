/**
 * Accumulators whose state is not a few numbers: COUNT(DISTINCT x) (a counted
 * set per slot, so row windows can remove), FIRST_VALUE / LAST_VALUE (by
 * event time, ties by arrival) and MIN / MAX of strings or booleans.
 */
import { readValue } from '../core/batch-rows';
import type { DataType, Value } from '../core/types';
import type { AggCall } from '../plan/physical-plan';
import { growF64, type Accumulator, type ArgInput, type Entries } from './accumulator';
import type { ResultColumn } from './result-column';

abstract class ValueBase {
  constructor(readonly call: AggCall) {}
  get type(): DataType {
    return this.call.type;
  }
  abstract add(slot: number, v: Value, ts: number, seq: number): void;
  /** Event time of row i; a NULL time orders after every real one (so it is never FIRST, and LAST only among NULLs). */
  protected timeOf(arg: ArgInput, i: number): number {
    if (arg.ts === null) return 0;
    const v = arg.tsValid;
    if (v !== null && v !== undefined && (v[i >> 3]! & (1 << (i & 7))) === 0) return this.nullTime();
    return arg.ts[i]!;
  }
  protected nullTime(): number {
    return Infinity;
  }
  abstract result(slot: number): Value;
  writeResult(slot: number, out: ResultColumn, j: number): void {
    out.set(j, this.result(slot));
  }
  addEntries(arg: ArgInput, en: Entries, out: ResultColumn | null): void {
    const c = arg.column;
    const { rows, slots, count } = en;
    for (let e = 0; e < count; e++) {
      const i = rows[e]!;
      const s = slots[e]!;
      const v = c === null ? null : readValue(c, i, arg.dict);
      if (v !== null) this.add(s, v, this.timeOf(arg, i), arg.seq[i]!);
      if (en.out !== null && out !== null && en.out[e]! >= 0) out.set(en.out[e]!, this.result(s));
    }
  }
}

/** COUNT(DISTINCT x): a map value → multiplicity per slot. */
export class CountDistinctAccumulator extends ValueBase implements Accumulator {
  private sets: (Map<Value, number> | undefined)[] = [];
  private held = 0;
  ensure(): void {}
  init(s: number): void {
    this.free(s);
  }
  add(s: number, v: Value): void {
    let m = this.sets[s];
    if (m === undefined) this.sets[s] = m = new Map();
    const k = m.get(v);
    if (k === undefined) this.held++;
    m.set(v, (k ?? 0) + 1);
  }
  remove(s: number, v: Value): void {
    const m = this.sets[s];
    const k = m?.get(v);
    if (m === undefined || k === undefined) return;
    if (k <= 1) {
      m.delete(v);
      this.held--;
    } else m.set(v, k - 1);
  }
  merge(s: number, o: Accumulator, os: number): void {
    const src = (o as CountDistinctAccumulator).sets[os];
    if (src) for (const [v, k] of src) for (let i = 0; i < k; i++) this.add(s, v);
  }
  result(s: number): Value {
    return this.sets[s]?.size ?? 0;
  }
  free(s: number): void {
    const m = this.sets[s];
    if (m !== undefined) {
      this.held -= m.size;
      this.sets[s] = undefined;
    }
  }
  extraState(): number {
    return this.held;
  }
}

/** FIRST_VALUE / LAST_VALUE by event time, ties broken by arrival. */
export class FirstLastAccumulator extends ValueBase implements Accumulator {
  private vals: Value[] = [];
  private ts = new Float64Array(16);
  private seq = new Float64Array(16);
  private readonly last: boolean;
  constructor(call: AggCall) {
    super(call);
    this.last = call.fn === 'LAST_VALUE';
  }
  ensure(cap: number): void {
    this.ts = growF64(this.ts, cap);
    this.seq = growF64(this.seq, cap);
  }
  init(s: number): void {
    this.vals[s] = null;
    this.ts[s] = NaN;
  }
  add(s: number, v: Value, ts: number, seq: number): void {
    const t0 = this.ts[s]!;
    const better =
      t0 !== t0 ||
      (this.last
        ? ts > t0 || (ts === t0 && seq > this.seq[s]!)
        : ts < t0 || (ts === t0 && seq < this.seq[s]!));
    if (!better) return;
    this.vals[s] = v;
    this.ts[s] = ts;
    this.seq[s] = seq;
  }
  protected override nullTime(): number {
    return this.last ? -Infinity : Infinity;
  }
  remove(): void {
    throw new Error('FIRST_VALUE/LAST_VALUE cannot remove; row windows scan their frame');
  }
  merge(s: number, o: Accumulator, os: number): void {
    const b = o as FirstLastAccumulator;
    if (b.ts[os] === b.ts[os]) this.add(s, b.vals[os] ?? null, b.ts[os]!, b.seq[os]!);
  }
  result(s: number): Value {
    return this.vals[s] ?? null;
  }
  free(s: number): void {
    this.vals[s] = null;
  }
  extraState(): number {
    return 0;
  }
}

/** MIN / MAX of strings or booleans (JS ordering: UTF-16 code units, false < true). */
export class ValueMinMaxAccumulator extends ValueBase implements Accumulator {
  private vals: Value[] = [];
  private readonly max: boolean;
  constructor(call: AggCall) {
    super(call);
    this.max = call.fn === 'MAX';
  }
  ensure(): void {}
  init(s: number): void {
    this.vals[s] = null;
  }
  add(s: number, v: Value): void {
    const cur = this.vals[s] ?? null;
    if (cur === null || (this.max ? v! > cur : v! < cur)) this.vals[s] = v;
  }
  remove(): void {
    throw new Error('MIN/MAX cannot remove; row windows keep a monotonic deque');
  }
  merge(s: number, o: Accumulator, os: number): void {
    const v = (o as ValueMinMaxAccumulator).vals[os] ?? null;
    if (v !== null) this.add(s, v);
  }
  result(s: number): Value {
    return this.vals[s] ?? null;
  }
  free(s: number): void {
    this.vals[s] = null;
  }
  extraState(): number {
    return 0;
  }
}
