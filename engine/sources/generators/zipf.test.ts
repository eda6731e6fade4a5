import { describe, expect, it } from 'vitest';
import { streamKey, uniformAt } from '../prng';
import { createKeySampler, TABLE_LIMIT, zipfProbabilities } from './zipf';

function frequencies(keys: number, skew: number, n: number): Float64Array {
  const s = createKeySampler(keys, skew);
  const k0 = streamKey(5, 1);
  const counts = new Float64Array(keys);
  for (let i = 0; i < n; i++) counts[s.sample((a) => uniformAt(k0 ^ Math.imul(a, 0x632be5ab), i))]!++;
  return counts;
}

/** Largest deviation of observed counts from expected, in standard deviations (binomial). */
function worstZ(counts: Float64Array, p: Float64Array, n: number, ranks: number): number {
  let worst = 0;
  for (let r = 0; r < ranks; r++) {
    const e = n * p[r]!;
    worst = Math.max(worst, Math.abs(counts[r]! - e) / Math.sqrt(e * (1 - p[r]!)));
  }
  return worst;
}

describe('key samplers', () => {
  it('is uniform when skew = 0', () => {
    const n = 200_000;
    const c = frequencies(50, 0, n);
    expect(worstZ(c, new Float64Array(50).fill(1 / 50), n, 50)).toBeLessThan(4.5);
  });

  it.each([0.5, 1, 1.1, 2])('follows Zipf with exponent %s (table)', (skew) => {
    const n = 300_000;
    const c = frequencies(100, skew, n);
    expect(worstZ(c, zipfProbabilities(100, skew), n, 100)).toBeLessThan(4.5);
  });

  it.each([0.8, 1, 1.3])('follows Zipf with exponent %s beyond the table (rejection-inversion)', (skew) => {
    const keys = TABLE_LIMIT * 2;
    const n = 300_000;
    const c = frequencies(keys, skew, n);
    const p = zipfProbabilities(keys, skew);
    expect(worstZ(c, p, n, 50)).toBeLessThan(4.5);
    // The tail mass beyond rank 1000 matches too.
    let tailObs = 0;
    let tailExp = 0;
    for (let r = 1000; r < keys; r++) {
      tailObs += c[r]!;
      tailExp += p[r]!;
    }
    expect(Math.abs(tailObs / n - tailExp)).toBeLessThan(4 * Math.sqrt((tailExp * (1 - tailExp)) / n) + 1e-4);
  });

  it('rejects nonsense', () => {
    expect(() => createKeySampler(0, 1)).toThrow(/keys/);
    expect(() => createKeySampler(10, -1)).toThrow(/skew/);
  });
});
