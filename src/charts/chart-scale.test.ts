import { describe, expect, it } from 'vitest';
import { formatSeconds, niceTicks, timeTicks } from './chart-scale';

describe('niceTicks', () => {
  it('rounds the top up to a round step', () => {
    expect(niceTicks(870)).toEqual({ max: 1000, step: 250, values: [0, 250, 500, 750, 1000] });
    expect(niceTicks(3_400_000).max).toBe(4_000_000);
    expect(niceTicks(100).values).toEqual([0, 25, 50, 75, 100]);
  });

  it('gives a unit axis for no data, zero or NaN', () => {
    for (const m of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(niceTicks(m).max).toBe(1);
  });

  it('handles small fractions without float dust in the top', () => {
    const t = niceTicks(0.07);
    expect(t.max).toBeCloseTo(0.08);
    expect(t.values.length).toBe(5);
  });
});

describe('timeTicks', () => {
  it('puts round seconds inside the range', () => {
    expect(timeTicks(0.3, 4.8)).toEqual([1, 2, 3, 4]);
    expect(timeTicks(3, 15)).toEqual([5, 10, 15]);
    expect(timeTicks(100, 112)).toEqual([100, 105, 110]);
  });

  it('copes with a zero-length range', () => {
    expect(timeTicks(2, 2)).toEqual([2]);
  });
});

describe('formatSeconds', () => {
  it('shows seconds, then minutes', () => {
    expect(formatSeconds(2.5)).toBe('2.5s');
    expect(formatSeconds(12)).toBe('12s');
    expect(formatSeconds(90)).toBe('1:30');
  });
});
