/**
 * Aggregates as accumulators over numbered state slots (one slot per group ×
 * window, or per key of a row window). State lives in typed arrays, struct of
 * arrays, so a million groups are a few Float64Arrays, not a million objects.
 */
import type { Column } from '../core/batch';
import type { DataType, Value } from '../core/types';
import type { AggCall } from '../plan/physical-plan';
import type { ResultColumn } from './result-column';

/** The rows of a batch an operator feeds to accumulators, in order. */
export interface Entries {
  /** Input row of entry e. */
  readonly rows: Int32Array;
  /** State slot of entry e. */
  readonly slots: Int32Array;
  readonly count: number;
  /** Output row to write the result into right after entry e is added, or −1; null = none. */
  readonly out: Int32Array | null;
}

/** The argument of an aggregate for one batch, plus event time and arrival for FIRST/LAST_VALUE. */
export interface ArgInput {
  readonly column: Column | null;
  /** Decoded dictionary when the column is VARCHAR. */
  readonly dict: readonly string[] | null;
  readonly ts: Float64Array | null;
  /** Validity of `ts` (null = no NULL times). */
  readonly tsValid?: Uint8Array | null;
  readonly seq: Float64Array;
}

export interface Accumulator {
  readonly call: AggCall;
  readonly type: DataType;
  /** Grows state to hold slots [0, capacity). */
  ensure(capacity: number): void;
  init(slot: number): void;
  /** Adds one non-NULL value (ignored by COUNT(*)). */
  add(slot: number, v: Value, ts: number, seq: number): void;
  /** Removes a value added before (row windows). Throws for MIN/MAX/FIRST/LAST, which row windows handle themselves. */
  remove(slot: number, v: Value): void;
  /** Folds another accumulator's slot into this one's (partial aggregation). */
  merge(slot: number, other: Accumulator, otherSlot: number): void;
  result(slot: number): Value;
  /** Releases per-slot objects (distinct sets). */
  free(slot: number): void;
  /** Batch path: adds every entry, writing results where `entries.out` asks. */
  addEntries(arg: ArgInput, entries: Entries, out: ResultColumn | null): void;
  writeResult(slot: number, out: ResultColumn, j: number): void;
  /** State entries held beyond the fixed cells (distinct values), for the state limit. */
  extraState(): number;
  /** For fused update loops: the state arrays and what to do per value, or null if this accumulator cannot be fused. */
  fusable?(): FusedState | null;
}

/**
 * How a fused loop updates an accumulator: `count` cells count non-NULL values
 * (every row for COUNT(*)), `sum` adds, `min`/`max` keep the extreme. The
 * arrays are the accumulator's own (re-read on every call: they grow).
 */
export interface FusedState {
  readonly op: 'countStar' | 'count' | 'sum' | 'min' | 'max';
  readonly count: Float64Array;
  readonly value: Float64Array | null;
  /** What `value` holds for an empty slot (0 for sums, ±Infinity for min / max). */
  readonly empty: number;
}

export function growF64<B extends ArrayBufferLike>(a: Float64Array<B>, cap: number): Float64Array<B> {
  if (cap <= a.length) return a;
  const b = new Float64Array(Math.max(cap, a.length * 2));
  b.set(a);
  return b as unknown as Float64Array<B>;
}
