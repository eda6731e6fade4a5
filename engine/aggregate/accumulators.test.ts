import { describe, expect, it } from 'vitest';
import type { DataType, Value } from '../core/types';
import type { AggCall, AggFn } from '../plan/physical-plan';
import { createAccumulator } from './create-accumulator';

const call = (
  fn: AggFn,
  type: DataType = 'DOUBLE',
  argType: DataType = 'DOUBLE',
  distinct = false,
): AggCall => ({
  fn,
  arg: fn === 'COUNT_STAR' ? null : { kind: 'column', index: 0, name: 'x', type: argType },
  distinct,
  type,
});

function fold(c: AggCall, values: Value[]): Value {
  const a = createAccumulator(c);
  a.ensure(4);
  a.init(1);
  values.forEach((v, i) => {
    if (v !== null || c.fn === 'COUNT_STAR') a.add(1, v, i, i);
  });
  return a.result(1);
}

describe('accumulators', () => {
  const xs = [3, null, 1, 4, 1, 5];
  it('ignore NULLs; SUM/AVG/MIN/MAX of nothing is NULL, COUNT of nothing is 0', () => {
    expect(fold(call('COUNT_STAR', 'BIGINT'), xs)).toBe(6);
    expect(fold(call('COUNT', 'BIGINT'), xs)).toBe(5);
    expect(fold(call('SUM'), xs)).toBe(14);
    expect(fold(call('AVG'), xs)).toBeCloseTo(2.8);
    expect(fold(call('MIN'), xs)).toBe(1);
    expect(fold(call('MAX'), xs)).toBe(5);
    expect(fold(call('COUNT', 'BIGINT', 'DOUBLE', true), xs)).toBe(4);
    for (const fn of ['SUM', 'AVG', 'MIN', 'MAX', 'VAR_POP', 'FIRST_VALUE'] as const)
      expect(fold(call(fn), [null, null])).toBeNull();
    expect(fold(call('COUNT', 'BIGINT'), [null])).toBe(0);
  });
  it('variance family matches the textbook formulas', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(fold(call('VAR_POP'), v)).toBeCloseTo(4);
    expect(fold(call('STDDEV_POP'), v)).toBeCloseTo(2);
    expect(fold(call('VAR_SAMP'), v)).toBeCloseTo(32 / 7);
    expect(fold(call('STDDEV_SAMP'), v)).toBeCloseTo(Math.sqrt(32 / 7));
    expect(fold(call('VAR_SAMP'), [1])).toBeNull();
  });
  it('FIRST_VALUE / LAST_VALUE go by event time, ties by arrival', () => {
    const a = createAccumulator(call('FIRST_VALUE', 'VARCHAR', 'VARCHAR'));
    const b = createAccumulator(call('LAST_VALUE', 'VARCHAR', 'VARCHAR'));
    for (const acc of [a, b]) {
      acc.ensure(2);
      acc.init(0);
      acc.add(0, 'late-arrival-early-time', 5, 2);
      acc.add(0, 'x', 10, 0);
      acc.add(0, 'y', 10, 1);
      acc.add(0, 'z', 5, 3);
    }
    expect(a.result(0)).toBe('late-arrival-early-time');
    expect(b.result(0)).toBe('y');
  });
  it('remove undoes add (row windows) and merge combines slots', () => {
    for (const fn of ['SUM', 'AVG', 'COUNT', 'VAR_SAMP'] as const) {
      const a = createAccumulator(call(fn));
      a.ensure(4);
      a.init(0);
      a.init(1);
      [1, 2, 3, 4].forEach((x, i) => a.add(0, x, i, i));
      a.remove(0, 1);
      [2, 3, 4].forEach((x, i) => a.add(1, x, i, i));
      expect(a.result(0)).toBeCloseTo(a.result(1) as number);
      a.init(2);
      a.add(2, 10, 0, 0);
      a.merge(1, a, 2);
      a.add(0, 10, 0, 0);
      expect(a.result(1)).toBeCloseTo(a.result(0) as number);
    }
    const d = createAccumulator(call('COUNT', 'BIGINT', 'VARCHAR', true));
    d.ensure(1);
    d.init(0);
    ['a', 'b', 'a'].forEach((v) => d.add(0, v, 0, 0));
    d.remove(0, 'a');
    expect(d.result(0)).toBe(2);
    d.remove(0, 'a');
    expect(d.result(0)).toBe(1);
    expect(() => createAccumulator(call('MIN')).remove(0, 1)).toThrow(/deque/);
  });
  it('MIN/MAX of strings', () => {
    expect(fold(call('MIN', 'VARCHAR', 'VARCHAR'), ['pear', null, 'apple', 'fig'])).toBe('apple');
    expect(fold(call('MAX', 'VARCHAR', 'VARCHAR'), ['pear', null, 'apple', 'fig'])).toBe('pear');
  });
});
