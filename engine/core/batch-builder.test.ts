import { describe, expect, it } from 'vitest';
import { NumberColumnBuilder } from './batch-builder';

describe('NumberColumnBuilder.appendMany', () => {
  it('appends like value-by-value appends, NULLs and growth included', () => {
    const many = new NumberColumnBuilder('DOUBLE');
    const one = new NumberColumnBuilder('DOUBLE');
    const isNull = Uint8Array.from({ length: 40 }, (_, j) => (j % 7 === 3 ? 1 : 0));
    // 0 under the NULLs, as the value-by-value builder leaves a fresh buffer.
    const vals = Float64Array.from({ length: 40 }, (_, j) => (isNull[j] ? 0 : j * 1.5));
    many.append(9);
    one.append(9);
    many.appendMany(vals, 20, null);
    for (let j = 0; j < 20; j++) one.append(vals[j]!);
    many.appendMany(vals, 40, isNull);
    for (let j = 0; j < 40; j++) one.append(isNull[j] ? null : vals[j]!);
    // All valid after NULLs: the bitmap must be extended, not left short.
    const dense = Float64Array.from({ length: 30 }, (_, j) => j + 0.25);
    many.appendMany(dense, 30, null);
    for (let j = 0; j < 30; j++) one.append(dense[j]!);
    expect(many.length).toBe(91);
    expect(many.finish()).toEqual(one.finish());
  });
});
