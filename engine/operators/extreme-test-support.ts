/** Shared by the sliding MIN/MAX tests: a seeded generator, the aggregate calls, and results as plain values. */
import type { ResultColumn } from '../aggregate/result-column';
import type { Column } from '../core/batch';
import { readValue } from '../core/batch-rows';
import type { AggCall } from '../plan/physical-plan';

/** A small deterministic generator (xorshift), so a failure names its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export const extremeCall = (fn: 'MIN' | 'MAX'): AggCall => ({
  fn,
  arg: { kind: 'column', index: 0, type: 'DOUBLE' } as never,
  distinct: false,
  type: 'DOUBLE',
});

/** The first n results, with −0 spelled out (toEqual does not tell it from 0). */
export function resultValues(out: ResultColumn, n: number): (number | string | null)[] {
  const c: Column = out.take(n);
  return Array.from({ length: n }, (_, j) => {
    const v = readValue(c, j, null) as number | null;
    return Object.is(v, -0) ? '-0' : v;
  });
}
