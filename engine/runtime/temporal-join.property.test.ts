/**
 * The temporal join against its rules: a left row meets the version of its key
 * valid at its time (the latest right row at or before it, the later arrival on
 * ties) among the right rows that arrived before the watermark reached the left
 * row's time; a left row already behind the watermark is late.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import type { JoinType } from '../plan/physical-plan';
import { engineRun, joinPlan, mergedOrder, rowText, stream, TS, VARIANTS } from './join-test-support';

function reference(type: JoinType, d: [number, number], a: Row[], b: Row[]) {
  const order = mergedOrder(a, b, d);
  const out: string[] = [];
  let late = 0;
  order.forEach(({ s, i, w }, p) => {
    if (s !== 0) return;
    const l = a[i]!;
    const t = l['ts'] as number;
    if (t < w) {
      late++;
      return;
    }
    // It goes out at its own arrival if the watermark is already at its time, else before the first row that brings it there.
    let at = p;
    if (w < t) {
      at = order.findIndex((x, q) => q > p && x.w >= t);
      if (at < 0) at = order.length;
    }
    let version: Row | null = null;
    for (const x of order.slice(0, at)) {
      if (x.s !== 1) continue;
      const r = b[x.i]!;
      if (l['k'] === null || r['k'] !== l['k'] || (r['ts'] as number) > t) continue;
      if (version === null || (r['ts'] as number) >= (version['ts'] as number)) version = r;
    }
    if (version !== null) out.push(rowText('+I', l, version));
    else if (type === 'left') out.push(rowText('+I', l, null));
  });
  return { rows: out.sort(), late };
}

describe('temporal join', () => {
  it('matches its rules for INNER and LEFT, in every batch size and partitioning', () => {
    fc.assert(
      fc.property(
        stream('a'),
        stream('b'),
        fc.constantFrom<JoinType>('inner', 'left'),
        fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })),
        (a, b, type, d) => {
          const plan = joinPlan(type, { kind: 'temporal', leftTime: TS, rightTime: TS }, d);
          const want = reference(type, d, a, b);
          for (const opts of VARIANTS) expect(engineRun(plan, [a, b], opts)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});
