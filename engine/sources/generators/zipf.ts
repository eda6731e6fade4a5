/**
 * Key samplers for the `keys` / `skew` options: rank r in [0, keys) with
 * P(r) ∝ (r + 1)^-skew (Zipf), or uniform when skew = 0. Rank 0 is the most
 * frequent key.
 *
 * Up to TABLE_LIMIT keys the sampler uses Walker's alias table (two uniforms
 * per row, O(1), exact; a binary search over the CDF costs ~14 unpredictable
 * branches per row at 10,000 keys). Beyond that a table would cost too much
 * memory in a browser tab, so it uses Hörmann & Derflinger's rejection-
 * inversion, which needs O(1) memory and a few uniforms at most.
 */

/** A sampler maps a source of uniforms to a rank. `u(k)` is the k-th uniform of the row (k = 0, 1, …). */
export interface KeySampler {
  readonly keys: number;
  sample(u: (k: number) => number): number;
  /** `sample` over blocks when two uniforms always suffice: out[j] = rank of (u0[j], u1[j]) for j < n; null otherwise. */
  readonly sampleBlock: ((u0: Float64Array, u1: Float64Array, n: number, out: Int32Array) => void) | null;
  /** The same ranks as a table (uniform and alias samplers); null beyond TABLE_LIMIT. */
  readonly table: AliasTable | null;
}

/**
 * Walker's alias table with integer coins. Column col = floor(u0·n) keeps
 * its own rank when the 32 bits of the second draw, x1 = u1·2^32, are below
 * its threshold ceil(prob·2^32) — exactly u1 < prob — and else takes its
 * alias. Integers let `pickRank` choose without a branch on the coin, which
 * the CPU cannot predict.
 */
export interface AliasTable {
  readonly n: number;
  /** [threshold as int32 bits, alias] per column; a column always kept has threshold 0 and itself as alias. */
  readonly entries: Int32Array;
}

/** The rank of column `col` of an alias table for coin bits x1 (any int32 view of them). */
export function pickRank(entries: Int32Array, col: number, x1: number): number {
  const t = entries[2 * col]!;
  const a = entries[2 * col + 1]!;
  // −1 when x1 < t as unsigned numbers (the borrow of x1 − t, Hacker's Delight 2-12), else 0.
  const keep = ((~x1 & t) | (~(x1 ^ t) & (x1 - t))) >> 31;
  return a ^ ((col ^ a) & keep);
}

/** The rank an alias table gives uniforms (u0, u1). u0·n is exact (u0 has 32 bits, n ≤ 2^20), so col < n. */
export function aliasRank(t: AliasTable, u0: number, u1: number): number {
  return pickRank(t.entries, Math.floor(u0 * t.n), u1 * 4294967296);
}

export const TABLE_LIMIT = 1 << 20;

export function createKeySampler(keys: number, skew: number): KeySampler {
  if (!Number.isInteger(keys) || keys < 1) throw new Error(`keys must be a whole number ≥ 1, got ${keys}`);
  if (!(skew >= 0) || !Number.isFinite(skew))
    throw new Error(`skew must be a finite number ≥ 0, got ${skew}`);
  if (skew === 0 || keys === 1) {
    const block = (u0: Float64Array, _u1: Float64Array, n: number, out: Int32Array): void => {
      for (let j = 0; j < n; j++) out[j] = Math.min(keys - 1, Math.floor(u0[j]! * keys));
    };
    // Only partition-local scans read the table (every column kept), so it is built on first use.
    let table: AliasTable | null = null;
    return {
      keys,
      sample: (u) => Math.min(keys - 1, Math.floor(u(0) * keys)),
      sampleBlock: block,
      get table() {
        if (keys > TABLE_LIMIT) return null;
        return (table ??= aliasTable(new Float64Array(keys).fill(1), new Int32Array(keys)));
      },
    };
  }
  if (keys <= TABLE_LIMIT) {
    const table = vose(zipfProbabilities(keys, skew));
    const block = (u0: Float64Array, u1: Float64Array, n: number, out: Int32Array): void => {
      for (let j = 0; j < n; j++) out[j] = aliasRank(table, u0[j]!, u1[j]!);
    };
    return { keys, sample: (u) => aliasRank(table, u(0), u(1)), sampleBlock: block, table };
  }
  return { keys, sample: rejectionInversion(keys, skew), sampleBlock: null, table: null };
}

/** Exact Zipf probabilities P(rank r), for tests and documentation. */
export function zipfProbabilities(keys: number, skew: number): Float64Array {
  const p = new Float64Array(keys);
  let total = 0;
  for (let r = 0; r < keys; r++) total += p[r] = Math.pow(r + 1, -skew);
  for (let r = 0; r < keys; r++) p[r]! /= total;
  return p;
}

/** Walker's alias method (Vose's construction): column floor(u0·n), kept with probability prob, else its alias. */
function vose(p: Float64Array): AliasTable {
  const n = p.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = Float64Array.from(p, (x) => x * n);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((x, k) => (x < 1 ? small : large).push(k));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large[large.length - 1]!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) small.push(large.pop()!);
  }
  // Whatever is left is 1 up to rounding.
  for (const k of large) prob[k] = 1;
  for (const k of small) prob[k] = 1;
  return aliasTable(prob, alias);
}

/** The integer layout of (prob, alias). */
function aliasTable(prob: Float64Array, alias: Int32Array): AliasTable {
  const n = prob.length;
  const entries = new Int32Array(2 * n);
  for (let c = 0; c < n; c++) {
    // prob·2^32 is exact; a threshold of 2^32 (prob = 1) does not fit 32 bits: keep the column by its alias instead.
    const t = Math.ceil(prob[c]! * 4294967296);
    entries[2 * c] = t < 4294967296 ? t | 0 : 0;
    entries[2 * c + 1] = t < 4294967296 ? alias[c]! : c;
  }
  return { n, entries };
}

// Rejection-inversion (Hörmann & Derflinger 1996), as in Apache Commons RNG's
// RejectionInversionZipfSampler. Works on 1-based ranks.
function rejectionInversion(keys: number, s: number): (u: (k: number) => number) => number {
  const helper1 = (x: number): number =>
    Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
  const helper2 = (x: number): number =>
    Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1 / 3) * (1 + 0.25 * x));
  const hIntegral = (x: number): number => {
    const lx = Math.log(x);
    return helper2((1 - s) * lx) * lx;
  };
  const h = (x: number): number => Math.exp(-s * Math.log(x));
  const hIntegralInverse = (x: number): number => {
    let t = x * (1 - s);
    if (t < -1) t = -1; // numerical safety: the true value is ≥ -1
    return Math.exp(helper1(t) * x);
  };
  const hIntegralX1 = hIntegral(1.5) - 1;
  const hIntegralN = hIntegral(keys + 0.5);
  const sDiv = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  return (u) => {
    // Acceptance is > 90 % per try for every exponent; 64 tries never run out in practice.
    for (let attempt = 0; attempt < 64; attempt++) {
      const v = hIntegralN + u(attempt) * (hIntegralX1 - hIntegralN);
      const x = hIntegralInverse(v);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > keys) k = keys;
      if (k - x <= sDiv || v >= hIntegral(k + 0.5) - h(k)) return k - 1;
    }
    return 0;
  };
}
