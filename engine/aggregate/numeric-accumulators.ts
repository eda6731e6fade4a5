/**
 * COUNT, SUM, AVG, MIN, MAX and the variance family over numbers. Each class
 * has its own batch loop (not an inherited one) so every loop stays
 * monomorphic and V8 compiles it to straight typed-array code.
 */
import type { Column } from '../core/batch';
import type { DataType, Value } from '../core/types';
import type { AggCall } from '../plan/physical-plan';
import { growF64, type Accumulator, type ArgInput, type Entries, type FusedState } from './accumulator';
import type { ResultColumn } from './result-column';

const EMPTY = new Float64Array(0);

function numbers(c: Column | null): { data: Float64Array; valid: Uint8Array | null; allNull: boolean } {
  if (c === null || c.type === 'NULL' || c.type === 'VARCHAR')
    return { data: EMPTY, valid: null, allNull: true };
  if (c.type === 'BOOLEAN') return { data: Float64Array.from(c.data), valid: c.valid, allNull: false };
  return { data: c.data, valid: c.valid, allNull: false };
}

abstract class Base {
  constructor(readonly call: AggCall) {}
  get type(): DataType {
    return this.call.type;
  }
  free(): void {}
  extraState(): number {
    return 0;
  }
  abstract result(slot: number): Value;
  writeResult(slot: number, out: ResultColumn, j: number): void {
    out.set(j, this.result(slot));
  }
}

/** COUNT(*) and COUNT(x). */
export class CountAccumulator extends Base implements Accumulator {
  private n = new Float64Array(16);
  ensure(cap: number): void {
    this.n = growF64(this.n, cap);
  }
  init(s: number): void {
    this.n[s] = 0;
  }
  add(s: number): void {
    this.n[s]!++;
  }
  remove(s: number): void {
    this.n[s]!--;
  }
  merge(s: number, o: Accumulator, os: number): void {
    this.n[s]! += (o as CountAccumulator).n[os]!;
  }
  result(s: number): Value {
    return this.n[s]!;
  }
  fusable(): FusedState {
    return {
      op: this.call.fn === 'COUNT_STAR' ? 'countStar' : 'count',
      count: this.n,
      value: null,
      empty: 0,
    };
  }
  override writeResult(s: number, out: ResultColumn, j: number): void {
    out.setNumber(j, this.n[s]!);
  }
  addEntries(arg: ArgInput, en: Entries, out: ResultColumn | null): void {
    const n = this.n;
    const { rows, slots, count } = en;
    const o = en.out;
    const star = this.call.fn === 'COUNT_STAR';
    const c = arg.column;
    const valid = star || c === null ? null : c.type === 'NULL' ? null : c.valid;
    const none = !star && (c === null || c.type === 'NULL');
    for (let e = 0; e < count; e++) {
      const s = slots[e]!;
      const i = rows[e]!;
      if (!none && (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0)) n[s]!++;
      if (o !== null && out !== null) {
        const j = o[e]!;
        if (j >= 0) out.setNumber(j, n[s]!);
      }
    }
  }
}

/** SUM and AVG: a running sum and count (count 0 → NULL). */
export class SumAccumulator extends Base implements Accumulator {
  private sum = new Float64Array(16);
  private n = new Float64Array(16);
  private readonly avg: boolean;
  private readonly truncate: boolean;
  constructor(call: AggCall) {
    super(call);
    this.avg = call.fn === 'AVG';
    this.truncate = this.avg && call.type === 'BIGINT';
  }
  ensure(cap: number): void {
    this.sum = growF64(this.sum, cap);
    this.n = growF64(this.n, cap);
  }
  init(s: number): void {
    this.sum[s] = 0;
    this.n[s] = 0;
  }
  add(s: number, v: Value): void {
    this.sum[s]! += v as number;
    this.n[s]!++;
  }
  remove(s: number, v: Value): void {
    this.sum[s]! -= v as number;
    if (--this.n[s]! === 0) this.sum[s] = 0;
  }
  merge(s: number, o: Accumulator, os: number): void {
    const other = o as SumAccumulator;
    this.sum[s]! += other.sum[os]!;
    this.n[s]! += other.n[os]!;
  }
  result(s: number): Value {
    const n = this.n[s]!;
    if (n === 0) return null;
    if (!this.avg) return this.sum[s]!;
    return this.truncate ? Math.trunc(this.sum[s]! / n) : this.sum[s]! / n;
  }
  fusable(): FusedState {
    return { op: 'sum', count: this.n, value: this.sum, empty: 0 };
  }
  /** Writes without returning a double through a call (which would box it). */
  override writeResult(s: number, out: ResultColumn, j: number): void {
    const n = this.n[s]!;
    if (n === 0) out.setNull(j);
    else if (!this.avg) out.setNumber(j, this.sum[s]!);
    else out.setNumber(j, this.truncate ? Math.trunc(this.sum[s]! / n) : this.sum[s]! / n);
  }
  addEntries(arg: ArgInput, en: Entries, out: ResultColumn | null): void {
    const sum = this.sum;
    const cnt = this.n;
    const { data, valid, allNull } = numbers(arg.column);
    const { rows, slots, count } = en;
    const o = en.out;
    const avg = this.avg && !this.truncate;
    for (let e = 0; e < count; e++) {
      const s = slots[e]!;
      const i = rows[e]!;
      if (!allNull && (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0)) {
        sum[s]! += data[i]!;
        cnt[s]!++;
      }
      if (o !== null && out !== null) {
        const j = o[e]!;
        if (j < 0) continue;
        if (cnt[s] === 0) out.setNull(j);
        else if (avg) out.setNumber(j, sum[s]! / cnt[s]!);
        else if (this.avg) out.setNumber(j, Math.trunc(sum[s]! / cnt[s]!));
        else out.setNumber(j, sum[s]!);
      }
    }
  }
}

/** MIN / MAX over numbers (insert-only; row windows use a monotonic deque instead). */
export class MinMaxAccumulator extends Base implements Accumulator {
  private m = new Float64Array(16);
  private n = new Float64Array(16);
  private readonly max: boolean;
  constructor(call: AggCall) {
    super(call);
    this.max = call.fn === 'MAX';
  }
  ensure(cap: number): void {
    this.m = growF64(this.m, cap);
    this.n = growF64(this.n, cap);
  }
  init(s: number): void {
    this.m[s] = this.max ? -Infinity : Infinity;
    this.n[s] = 0;
  }
  add(s: number, v: Value): void {
    const x = v as number;
    if (this.max ? x > this.m[s]! : x < this.m[s]!) this.m[s] = x;
    this.n[s]!++;
  }
  remove(): void {
    throw new Error('MIN/MAX cannot remove; row windows keep a monotonic deque');
  }
  merge(s: number, o: Accumulator, os: number): void {
    const other = o as MinMaxAccumulator;
    if (other.n[os] === 0) return;
    this.add(s, other.m[os]!);
    this.n[s]! += other.n[os]! - 1;
  }
  result(s: number): Value {
    return this.n[s] === 0 ? null : this.m[s]!;
  }
  override writeResult(s: number, out: ResultColumn, j: number): void {
    if (this.n[s] === 0) out.setNull(j);
    else out.setNumber(j, this.m[s]!);
  }
  fusable(): FusedState {
    return {
      op: this.max ? 'max' : 'min',
      count: this.n,
      value: this.m,
      empty: this.max ? -Infinity : Infinity,
    };
  }
  addEntries(arg: ArgInput, en: Entries, out: ResultColumn | null): void {
    const m = this.m;
    const cnt = this.n;
    const { data, valid, allNull } = numbers(arg.column);
    const { rows, slots, count } = en;
    const o = en.out;
    const max = this.max;
    for (let e = 0; e < count; e++) {
      const s = slots[e]!;
      const i = rows[e]!;
      if (!allNull && (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0)) {
        const x = data[i]!;
        if (max ? x > m[s]! : x < m[s]!) m[s] = x;
        cnt[s]!++;
      }
      if (o !== null && out !== null) {
        const j = o[e]!;
        if (j < 0) continue;
        if (cnt[s] === 0) out.setNull(j);
        else out.setNumber(j, m[s]!);
      }
    }
  }
}

/** VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP by Welford's update (and its inverse for removal). */
export class VarianceAccumulator extends Base implements Accumulator {
  private n = new Float64Array(16);
  private mean = new Float64Array(16);
  private m2 = new Float64Array(16);
  private readonly sample: boolean;
  private readonly root: boolean;
  constructor(call: AggCall) {
    super(call);
    this.sample = call.fn === 'VAR_SAMP' || call.fn === 'STDDEV_SAMP';
    this.root = call.fn === 'STDDEV_SAMP' || call.fn === 'STDDEV_POP';
  }
  ensure(cap: number): void {
    this.n = growF64(this.n, cap);
    this.mean = growF64(this.mean, cap);
    this.m2 = growF64(this.m2, cap);
  }
  init(s: number): void {
    this.n[s] = 0;
    this.mean[s] = 0;
    this.m2[s] = 0;
  }
  add(s: number, v: Value): void {
    const x = v as number;
    const n = ++this.n[s]!;
    const d = x - this.mean[s]!;
    this.mean[s]! += d / n;
    this.m2[s]! += d * (x - this.mean[s]!);
  }
  remove(s: number, v: Value): void {
    const x = v as number;
    const n = --this.n[s]!;
    if (n === 0) {
      this.mean[s] = 0;
      this.m2[s] = 0;
      return;
    }
    const d = x - this.mean[s]!;
    this.mean[s]! -= d / n;
    this.m2[s]! -= d * (x - this.mean[s]!);
    if (this.m2[s]! < 0) this.m2[s] = 0;
  }
  merge(s: number, o: Accumulator, os: number): void {
    const b = o as VarianceAccumulator;
    const na = this.n[s]!;
    const nb = b.n[os]!;
    if (nb === 0) return;
    const n = na + nb;
    const d = b.mean[os]! - this.mean[s]!;
    this.mean[s]! += (d * nb) / n;
    this.m2[s]! += b.m2[os]! + (d * d * na * nb) / n;
    this.n[s] = n;
  }
  result(s: number): Value {
    const n = this.n[s]!;
    if (n === 0 || (this.sample && n < 2)) return null;
    const v = this.m2[s]! / (this.sample ? n - 1 : n);
    return this.root ? Math.sqrt(v) : v;
  }
  addEntries(arg: ArgInput, en: Entries, out: ResultColumn | null): void {
    const { data, valid, allNull } = numbers(arg.column);
    const { rows, slots, count } = en;
    const o = en.out;
    for (let e = 0; e < count; e++) {
      const s = slots[e]!;
      const i = rows[e]!;
      if (!allNull && (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0)) this.add(s, data[i]!);
      if (o !== null && out !== null && o[e]! >= 0) out.set(o[e]!, this.result(s));
    }
  }
}
