/**
 * What one built-in generator is: a column function per column of its stream.
 * Each function is pure in (options, row index, key rank, event time), so any
 * row can be produced on its own, in any partition, in any batch.
 */
import type { BuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import type { DataType } from '../../core/types';
import type { StringDomain } from './string-domain';

/** The per-row facts column functions share. One mutable object is reused for all rows. */
export interface RowContext {
  /** Arrival index (the row's `seq`). */
  i: number;
  /** Event time (epoch ms) after out-of-order / late moves. */
  ts: number;
  /** Rank of the row's key, 0 = most frequent. */
  key: number;
}

export interface ColumnGen {
  readonly name: string;
  readonly type: DataType;
  /** For VARCHAR columns: the values; `value` then returns an index into it. */
  readonly domain: StringDomain | null;
  value(row: RowContext): number;
}

export interface GeneratorDef {
  readonly stream: BuiltinStream;
  readonly columns: readonly ColumnGen[];
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

/** Zero-padded decimal, for ids like `dev-0042`. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
