/**
 * Counter-based pseudo-random numbers: every draw is a pure function of
 * (seed, counter, salt), with no sequential state. That is what lets a
 * partition, a resumed source or a different batch size produce exactly the
 * same row i without producing rows 0…i-1 first.
 *
 * The mixer is Wellons' "lowbias32" (two multiply-xorshift rounds), applied
 * twice so that consecutive counters under the same key decorrelate fully.
 */

const TWO_POW_32 = 4294967296;

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
  return hashAt(key, i) / TWO_POW_32;
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
