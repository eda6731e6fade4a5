import { describe, expect, it } from 'vitest';
import { NumberIds } from './number-ids';

describe('NumberIds', () => {
  it('maps numbers to ids as a Map does, through growth, for integers, fractions, negatives and extremes', () => {
    const t = new NumberIds();
    const m = new Map<number, number>();
    let x = 12345;
    const next = (): number => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x;
    };
    const values = [
      0,
      -1,
      1.5,
      -2.25,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_VALUE,
      Infinity,
      -Infinity,
      5e-324,
    ];
    for (let i = 0; i < 50_000; i++) values.push(next() % 3 === 0 ? next() / 7 : next() % 20_000);
    for (const v of values) {
      if (!m.has(v)) {
        expect(t.get(v)).toBe(-1);
        m.set(v, m.size);
        t.set(v, m.get(v)!);
      }
      expect(t.get(v)).toBe(m.get(v));
    }
    for (const [v, id] of m) expect(t.get(v)).toBe(id);
    expect(t.get(0.5)).toBe(-1);
  });
});
