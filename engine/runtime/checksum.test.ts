import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantise, quantiseByLog } from './checksum';

describe('quantise', () => {
  it('equals the log2 definition on any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        expect(Object.is(quantise(x), quantiseByLog(x))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals it around every power of two, where log2 may round up', () => {
    for (let k = -1030; k < 1024; k++) {
      const p = Math.pow(2, k);
      for (let d = -40; d <= 40; d++) {
        for (const x of [p * (1 + d * Number.EPSILON), -p * (1 + d * Number.EPSILON), p + d * 1e-3 * p]) {
          expect(Object.is(quantise(x), quantiseByLog(x)), `x = ${x}`).toBe(true);
        }
      }
    }
  });
});
