/**
 * The interval join against a reference written from its rules alone (a
 * naive loop over both streams in arrival order), on random streams with
 * disorder and late rows, for every join type, in every feeding: batch
 * sizes, one engine or hash partitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import type { JoinType } from '../plan/physical-plan';
import {
  compactingKeys,
  engineRun,
  joinPlan,
  mergedOrder,
  rowText,
  stream,
  TS,
  VARIANTS,
} from './join-test-support';

function reference(type: JoinType, lower: number, upper: number, d: [number, number], a: Row[], b: Row[]) {
  const rows = [a, b];
  const held: { s: 0 | 1; i: number; bound: number; matched: boolean }[] = [];
  const out: string[] = [];
  let late = 0;
  const pair = (s: 0 | 1, x: Row | null, y: Row | null) =>
    s === 0 ? rowText('+I', x, y) : rowText('+I', y, x);
  const outer = [type === 'left' || type === 'full', type === 'right' || type === 'full'];
  const expire = (w: number) => {
    for (let h = held.length - 1; h >= 0; h--) {
      const x = held[h]!;
      if (x.bound >= w) continue;
      if (outer[x.s] && !x.matched) out.push(pair(x.s, rows[x.s]![x.i]!, null));
      held.splice(h, 1);
    }
  };
  for (const { s, i, w } of mergedOrder(a, b, d)) {
    expire(w);
    const x = rows[s]![i]!;
    const t = x['ts'] as number;
    let matched = false;
    for (const y of held) {
      if (y.s === s || x['k'] === null || rows[y.s]![y.i]!['k'] !== x['k']) continue;
      const ty = rows[y.s]![y.i]!['ts'] as number;
      const diff = s === 0 ? t - ty : ty - t; // left.ts − right.ts
      if (diff < lower || diff > upper) continue;
      out.push(pair(s, x, rows[y.s]![y.i]!));
      matched = true;
      y.matched = true;
    }
    const bound = s === 0 ? t - lower : t + upper;
    if (x['k'] !== null && bound >= w) held.push({ s, i, bound, matched });
    else if (!matched) {
      if (outer[s]) out.push(pair(s, x, null));
      else if (x['k'] !== null) late++;
    }
  }
  expire(Infinity);
  return { rows: out.sort(), late };
}

/** Every join type, bounds, batch size and partitioning against the rules. */
const byRules = fc.property(
  stream('a'),
  stream('b'),
  fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'),
  fc.integer({ min: -500, max: 200 }),
  fc.integer({ min: 0, max: 600 }),
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })),
  (a, b, type, lower, width, d) => {
    const upper = lower + width;
    const plan = joinPlan(type, { kind: 'interval', leftTime: TS, rightTime: TS, lower, upper }, d);
    const want = reference(type, lower, upper, d, a, b);
    for (const opts of VARIANTS) expect(engineRun(plan, [a, b], opts)).toEqual(want);
  },
);

describe('interval join', () => {
  it('matches its rules in every join type, batch size and partitioning', () => {
    fc.assert(byRules, { numRuns: 200 });
  });

  it('gives the same rows when it forgets its unheld keys at every watermark', () => {
    compactingKeys(() => fc.assert(byRules, { numRuns: 100 }));
  });
});
