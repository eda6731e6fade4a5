/**
 * Counter-based pseudo-random numbers: every draw is a pure function of
 * (seed, counter, salt), with no sequential state. That is what lets a
 * partition, a resumed source or a different batch size produce exactly the
 * same row i without producing rows 0…i-1 first.
 *
 * The mixer is Wellons' "lowbias32" (two multiply-xorshift rounds), applied
 * twice so that consecutive counters under the same key decorrelate fully.
 */

import { type QuantileMap, uniformKernel } from './uniform-kernel';

export const TWO_POW_32 = 4294967296;
/** Blocks of fewer draws stay in JavaScript: a call into WebAssembly and a copy cost more than it saves. */
const SIMD_MIN = 64;
/** 2^−32: multiplying by it is exactly dividing by 2^32 (a power of two), without the division. */
export const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** A 32-bit avalanche mix (lowbias32). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The stream key of a (seed, salt) pair: hoist it out of loops when the salt is fixed. */
export function streamKey(seed: number, salt: number): number {
  return mix32(mix32(seed >>> 0) ^ Math.imul(salt | 0, 0x9e3779b9));
}

/**
 * 32 random bits for counter `i` (a non-negative integer below 2^53) under a
 * stream key. The high word matters only past 2^32 rows, but it is mixed in so
 * very long streams never repeat.
 */
export function hashAt(key: number, i: number): number {
  const lo = i >>> 0;
  const hi = i >= TWO_POW_32 ? Math.floor(i / TWO_POW_32) >>> 0 : 0;
  return mix32(mix32(lo ^ key) + Math.imul(hi ^ 0x5bd1e995, 0x27d4eb2f));
}

/** Uniform in [0, 1) for counter `i` under a stream key. */
export function uniformAt(key: number, i: number): number {
  // Literals: see uniformsFrom.
  return i < 4294967296 ? hashLow(key, i) * 2.3283064365386963e-10 : hashAt(key, i) / TWO_POW_32;
}

/**
 * hashAt(key, i) for a counter i below 2^32: the high word is 0, so its
 * contribution Math.imul(0x5bd1e995, 0x27d4eb2f) = −1353078437 is a literal
 * here (a bundler may turn a module constant into a `var`, which V8 then
 * reloads and type-checks in every inlined copy). The form hot loops inline.
 */
export function hashLow(key: number, i: number): number {
  let x = (i >>> 0) ^ key;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  x = (x - 1353078437) | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * uniformAt(key, from + j) into out[j] for j < n: the block form for hot
 * loops over consecutive rows (same bits while the counters stay below 2^32).
 * Given `map`, the kernel (when it draws them) also maps each draw by it;
 * returns whether that was done.
 */
export function uniformsFrom(
  key: number,
  from: number,
  n: number,
  out: Float64Array,
  map?: QuantileMap,
): boolean {
  if (from < 0 || from + n > TWO_POW_32) {
    for (let j = 0; j < n; j++) out[j] = uniformAt(key, from + j);
    return false;
  }
  const simd = n >= SIMD_MIN ? uniformKernel() : null;
  if (simd !== null) {
    simd.from(key, from, n, out, map);
    return map !== undefined;
  }
  // 2^−32 as a literal: a bundler may turn the module constant into a `var`, reloaded on every row.
  for (let j = 0; j < n; j++) out[j] = hashLow(key, from + j) * 2.3283064365386963e-10;
  return false;
}

/**
 * uniformAt(key, idx[j]) into out[j] for j < n: the block form for rows that
 * are not consecutive (a partition's own rows). Same bits; counters at or
 * past 2^32 take the general path. `out` may be `idx` (each entry is read
 * before it is written).
 */
export function uniformsAt(key: number, idx: Float64Array, n: number, out: Float64Array): void {
  // The first counter at or past 2^32 ends the hot loop (with no call in it); the rest take the general form.
  let j = 0;
  for (; j < n; j++) {
    const i = idx[j]!;
    if (!(i < 4294967296)) break;
    out[j] = hashLow(key, i) * 2.3283064365386963e-10; // literals: see uniformsFrom
  }
  for (; j < n; j++) out[j] = uniformAt(key, idx[j]!);
}

/**
 * uniformAt(key, (low[j] + offset) >>> 0) into out[j] for j < n: `uniformsAt`
 * for counters below 2^32 kept as int32 (their low words), which saves
 * converting each double; `offset` reaches the rows just before them. `map`
 * and the result as for uniformsFrom.
 */
export function uniformsLow(
  key: number,
  low: Int32Array,
  n: number,
  out: Float64Array,
  offset: number,
  map?: QuantileMap,
): boolean {
  const simd = n >= SIMD_MIN ? uniformKernel() : null;
  if (simd !== null) {
    simd.low(key, low, n, out, offset, map);
    return map !== undefined;
  }
  for (let j = 0; j < n; j++) out[j] = hashLow(key, (low[j]! + offset) | 0) * 2.3283064365386963e-10; // literals: see uniformsFrom
  return false;
}

/** Uniform in [0, 1) for (seed, i, salt): the convenient, slightly slower form. */
export function uniform(seed: number, i: number, salt: number): number {
  return hashAt(streamKey(seed, salt), i) / TWO_POW_32;
}

/**
 * A standard normal draw for counter `i` (Box–Muller over two independent
 * streams). `key2` must differ from `key1`.
 */
export function gaussianAt(key1: number, key2: number, i: number): number {
  // 1 - u keeps the log argument in (0, 1].
  const u1 = 1 - uniformAt(key1, i);
  const u2 = uniformAt(key2, i);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const poly = (k: readonly number[], x: number): number => k.reduce((acc, v) => acc * x + v, 0);
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Quantiles at (k + 0.5) / CELLS, interpolated between: tails stop near ±3.9σ, which plausible data never misses. */
const CELLS = 8192;

/**
 * A draw from the distribution of `transform(Z)`, Z standard normal, for
 * counter `i` from one uniform: the quantile function is tabulated once and
 * interpolated, several times cheaper than Box–Muller plus `Math.exp` for
 * columns that only need plausible, bell-shaped (or log-normal) values.
 */
export interface QuantileSampler {
  (key: number, i: number): number;
  /** The same draw from uniforms already computed: out[j] for u[j], j < n (`out` may be `u`). */
  fromUniforms(u: Float64Array, n: number, out: Float64Array): void;
  /** The tabulated quantiles, CELLS + 1 of them (the uniforms kernel interpolates the same). */
  readonly table: Float64Array;
}

export function quantileSampler(transform: (z: number) => number): QuantileSampler {
  const table = Float64Array.from({ length: CELLS + 1 }, (_, k) =>
    transform(normalQuantile((Math.min(k, CELLS - 1) + 0.5) / CELLS)),
  );
  const at = (u: number): number => {
    const x = u * CELLS - 0.5;
    if (x <= 0) return table[0]!;
    const k = Math.floor(x);
    const lo = table[k]!;
    return lo + (table[k + 1]! - lo) * (x - k);
  };
  const fromUniforms = (u: Float64Array, n: number, out: Float64Array): void => {
    const t0 = table[0]!;
    for (let j = 0; j < n; j++) {
      const x = u[j]! * CELLS - 0.5;
      if (x <= 0) {
        out[j] = t0;
        continue;
      }
      const k = Math.floor(x);
      const lo = table[k]!;
      out[j] = lo + (table[k + 1]! - lo) * (x - k);
    }
  };
  return Object.assign((key: number, i: number): number => at(uniformAt(key, i)), { fromUniforms, table });
}

/** A standard normal draw for counter `i` from one uniform (see `quantileSampler`). */
export const normalAt = quantileSampler((z) => z);

/**
 * Smooth 1-D value noise in [-1, 1]: random values at integer lattice points,
 * linearly interpolated. Summing octaves whose amplitude grows with the square
 * root of their period gives a path that looks like a random walk, yet any
 * point of it costs O(octaves) to evaluate.
 */
export function valueNoise(key: number, t: number): number {
  const n = Math.floor(t);
  const frac = t - n;
  const a = uniformAt(key, n) * 2 - 1;
  const b = uniformAt(key, n + 1) * 2 - 1;
  return a + (b - a) * frac;
}
