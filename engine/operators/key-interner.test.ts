import { describe, expect, it } from 'vitest';
import { KeyInterner } from './key-interner';

describe('KeyInterner numbers', () => {
  it('gives each distinct number one id, as a Map keyed by number would', () => {
    const it = new KeyInterner('DOUBLE');
    const seen = new Map<number, number>();
    // Enough values to grow the table several times; repeats, fractions, negatives and huge ones.
    const xs: number[] = [];
    for (let j = 0; j < 5000; j++) xs.push(j % 1777, -j * 0.5, j * 1e15, 1 / (j + 1));
    for (const x of xs) {
      const id = it.idOf(x);
      const want = seen.get(x);
      if (want === undefined) {
        expect(id).toBe(seen.size + 1);
        seen.set(x, id);
      } else expect(id).toBe(want);
      expect(it.values[id] === x).toBe(true); // −0 meets 0 first
    }
    expect(it.size).toBe(seen.size + 1);
  });

  it('takes −0 as 0 and NaN as one value; NULL is 0', () => {
    const it = new KeyInterner('DOUBLE');
    const zero = it.idOf(0);
    expect(it.idOf(-0)).toBe(zero);
    const nan = it.idOf(NaN);
    expect(nan).not.toBe(zero);
    expect(it.idOf(NaN)).toBe(nan);
    expect(it.idOf(null)).toBe(0);
    const out = new Int32Array(4);
    it.intern({ type: 'DOUBLE', data: Float64Array.of(-0, NaN, 2, 0), valid: null }, 4, out);
    expect(Array.from(out)).toEqual([zero, nan, 3, zero]);
  });
});
