/**
 * roundHalfUp is Math.round without the branch, so the generated columns
 * that round with it keep their values bit for bit: any double, the halves,
 * the zeros' signs, the edges where v − ⌊v⌋ might round.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfUp, roundTo } from './generator-def';

describe('roundHalfUp', () => {
  it('is Math.round for every double', () => {
    fc.assert(
      fc.property(fc.double(), (v) => {
        expect(Object.is(roundHalfUp(v), Math.round(v))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is Math.round at halves, around zero and where the fraction is a rounding away from ½', () => {
    const below = (x: number): number => x - Number.EPSILON * Math.max(1, Math.abs(x)) * 0.5;
    const cases = [0, -0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994];
    cases.push(
      -0.5000000000000001,
      1e-300,
      -1e-300,
      4503599627370495.5,
      -4503599627370495.5,
      2 ** 52,
      2 ** 53 + 2,
    );
    cases.push(
      Infinity,
      -Infinity,
      NaN,
      Number.MAX_VALUE,
      -Number.MIN_VALUE,
      below(0.5),
      below(-0.5),
      below(12.5),
    );
    for (let k = -3000; k <= 3000; k++) cases.push(k + 0.5, k - 0.5, (k * 100 + 50) / 100, below(k + 0.5));
    for (const v of cases) expect([v, Object.is(roundHalfUp(v), Math.round(v))]).toEqual([v, true]);
  });

  it('keeps roundTo as it was', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const f = 10 ** d;
        expect(Object.is(roundTo(x, d), Math.round(x * f) / f)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
