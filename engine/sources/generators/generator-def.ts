/**
 * What one built-in generator is: a column function per column of its stream.
 * Each function is pure in (options, row index, key rank, event time), so any
 * row can be produced on its own, in any partition, in any batch.
 */
import type { BuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import type { DataType } from '../../core/types';
import { type QuantileSampler, uniformsAt, uniformsFrom, uniformsLow } from '../prng';
import { QUANTILE_CENTS, QUANTILE_COUNT, type QuantileMap } from '../uniform-kernel';
import { fillRowNumbers, fillShifted } from './fill-kernel';
import type { StringDomain } from './string-domain';

/**
 * The per-row facts every column function reads, for a block of rows: arrival
 * index (the row's `seq`), event time after out-of-order / late moves, and the
 * rank of the row's key (0 = most frequent). Only entries [0, n) count.
 */
export interface RowBlock {
  readonly i: Float64Array;
  readonly ts: Float64Array;
  readonly key: Int32Array;
  /** i[0] when the rows are consecutive (i[j] = from + j), else −1: counter draws then take the cheaper block form. */
  readonly from: number;
  /** Else, when every i[j] < 2^32: i[j] | 0, which counter draws read faster than doubles; or null. */
  readonly low: Int32Array | null;
  /**
   * The stream key of a uniform draw the rows' levels are known for (the
   * partition scan drew them to decide ownership), or null; `level[j]` is
   * then row j's level, which is that column's value.
   */
  readonly levelKey: number | null;
  readonly level: Int32Array;
}

/**
 * uniformAt(key, rows.i[j]) into out[j] for j < n, by the fastest block form the rows allow;
 * returns whether the kernel also mapped each draw by `map` (see uniformsFrom).
 */
export function uniformsOf(
  key: number,
  rows: RowBlock,
  n: number,
  out: Float64Array,
  map?: QuantileMap,
): boolean {
  if (rows.from >= 0) return uniformsFrom(key, rows.from, n, out, map);
  if (rows.low !== null) return uniformsLow(key, rows.low, n, out, 0, map);
  uniformsAt(key, rows.i, n, out);
  return false;
}

/**
 * One column: `fill` writes the values of rows [0, n) of a block — numbers, or
 * for VARCHAR an index into `domain`. One loop per column keeps each call
 * site monomorphic, which is most of a generator's speed.
 */
export interface ColumnGen {
  readonly name: string;
  readonly type: DataType;
  /** For VARCHAR columns: the values; `fill` then writes indices into it. */
  readonly domain: StringDomain | null;
  /**
   * Whether `fill` reads `rows.ts`. Partition-local generation skips event
   * time for other partitions' rows unless a partition column reads it, so
   * every column must say (a wrong `false` would hash garbage).
   */
  readonly readsTime: boolean;
  fill(rows: RowBlock, n: number, out: Float64Array): void;
  /**
   * For VARCHAR columns, optionally: the indices `fill` writes, straight into
   * Int32 codes (`scratch` holds at least n doubles). A batch whose dictionary
   * is the whole domain then skips the doubles and the pass that codes them.
   * It repeats `fill`'s loop rather than sharing it, for the reason above; the
   * golden test holds the two to the same strings.
   */
  fillCodes?(rows: RowBlock, n: number, out: Int32Array, scratch: Float64Array): void;
  /**
   * Set when the value is one of few, decided by the row's key rank alone or
   * by one uniform draw alone (what `fill` computes, restated per row):
   * partition-local generation then tabulates partitions over these instead
   * of filling the column for every other partition's row.
   */
  readonly draw?: ColumnDraw;
}

export type ColumnDraw =
  /** value(rank) for key rank `rank`. */
  | { readonly from: 'key'; value(rank: number): number }
  /** value(uniformAt(key, i)) for row i: a whole number in [0, levels), non-decreasing in the uniform. */
  | { readonly from: 'uniform'; readonly key: number; readonly levels: number; value(u: number): number };

export interface GeneratorDef {
  readonly stream: BuiltinStream;
  readonly columns: readonly ColumnGen[];
  /** The column that carries event time (`rows.ts`); default `ts`. */
  readonly timeColumn?: string;
}

export type GeneratorFactory = (options: GeneratorOptions) => GeneratorDef;

/**
 * Salts keep the random streams of different columns independent. Each
 * generator takes its own range; NULL decisions and the time model have theirs.
 */
export const SALT = {
  keyRank: 1,
  timeClass: 2,
  outOfOrder: 3,
  lateShift: 4,
  /** + stream column index */
  nullBase: 100,
  trades: 1000,
  orders: 2000,
  sensors: 3000,
  clicks: 4000,
  payments: 5000,
  impressions: 6000,
  rates: 7000,
  /** + stream column index */
  datagen: 8000,
  /** per-key noise streams: + key * 16 + octave */
  perKey: 1 << 20,
} as const;

/** Picks an index by weights with one uniform (weights need not sum to 1). */
export function weightedPicker(weights: readonly number[]): (u: number) => number {
  const cdf = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, k) => (cdf[k] = acc += w));
  for (let k = 0; k < cdf.length; k++) cdf[k]! /= acc;
  return (u) => {
    for (let k = 0; k < cdf.length - 1; k++) if (u < cdf[k]!) return k;
    return cdf.length - 1;
  };
}

/** Key ranks (+ offset: ids that start at 1) as column values. */
export function copyKeys(key: Int32Array, n: number, out: Float64Array, offset: number): void {
  fillShifted(out, key, n, offset);
}

/** Row ids: out[j] = the row index + offset (an integer: ids that start at 1, a sequence's start). */
export function rowIds(rows: RowBlock, n: number, out: Float64Array, offset: number): void {
  // Consecutive rows: (from + offset) + j, the same double as (from + j) + offset while exact.
  if (rows.from >= 0 && Number.isInteger(offset) && Number.isSafeInteger(rows.from + offset + n))
    fillRowNumbers(out, rows.from + offset, n);
  else for (let j = 0; j < n; j++) out[j] = rows.i[j]! + offset;
}

/** Zero-padded decimal, for ids like `dev-0042`. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Math.round(v), bit for bit (halves up; −0 for v in [−0.5, −0]), without
 * its branch: V8's Math.round mispredicts on random fractions — 7 ns a row
 * here against 2 ns for this. v − ⌊v⌋ is exact (Sterbenz; for v in
 * [−0.5, 0) it may round but stays ≥ 0.5), so the halves go as Math.round's.
 */
export function roundHalfUp(v: number): number {
  const r = Math.floor(v);
  const s = r + +(v - r >= 0.5);
  return s === 0 && 1 / v < 0 ? -0 : s;
}

/**
 * sampler(key, i) of each row of the block into out[j], j < n, rounded by `round`. Through the
 * uniforms kernel when it applies (the draws, the table lookup and the rounding in one SIMD pass
 * per piece: the JavaScript passes cost 4–5 ns a row); the same doubles either way.
 */
export function quantilesOf(
  sampler: QuantileSampler,
  key: number,
  rows: RowBlock,
  n: number,
  out: Float64Array,
  round: QuantileMap['round'],
): void {
  if (uniformsOf(key, rows, n, out, { table: sampler.table, round })) return;
  sampler.fromUniforms(out, n, out);
  if (round === QUANTILE_COUNT) for (let j = 0; j < n; j++) out[j] = Math.max(1, roundHalfUp(out[j]!));
  else if (round === QUANTILE_CENTS) for (let j = 0; j < n; j++) out[j] = roundTo(out[j]!, 2);
}

export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return roundHalfUp(x * f) / f;
}
