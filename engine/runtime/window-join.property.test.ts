/**
 * The window join against its rules (rows of one window and key meet once the
 * window completes; a row whose window had completed is late), for every join
 * type including SEMI and ANTI, in every feeding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import type { JoinType } from '../plan/physical-plan';
import { engineRun, joinPlan, mergedOrder, rowText, stream, VARIANTS, WE, WS } from './join-test-support';

function reference(type: JoinType, d: [number, number], a: Row[], b: Row[]) {
  const rows = [a, b];
  const kept: Row[][] = [[], []];
  let late = 0;
  for (const { s, i, w } of mergedOrder(a, b, d)) {
    const x = rows[s]![i]!;
    if ((x['we'] as number) - 1 <= w) late++;
    else kept[s]!.push(x);
  }
  const meets = (x: Row, y: Row) => x['k'] !== null && x['k'] === y['k'] && x['ws'] === y['ws'];
  const out: string[] = [];
  const [ls, rs] = kept as [Row[], Row[]];
  for (const l of ls) {
    const m = rs.filter((r) => meets(l, r));
    if (type === 'semi') {
      if (m.length) out.push(rowText('+I', l, null));
    } else if (type === 'anti') {
      if (!m.length) out.push(rowText('+I', l, null));
    } else {
      for (const r of m) out.push(rowText('+I', l, r));
      if (!m.length && (type === 'left' || type === 'full')) out.push(rowText('+I', l, null));
    }
  }
  if (type === 'right' || type === 'full')
    for (const r of rs) if (!ls.some((l) => meets(l, r))) out.push(rowText('+I', null, r));
  return { rows: out.sort(), late };
}

describe('window join', () => {
  it('matches its rules in every join type, batch size and partitioning', () => {
    fc.assert(
      fc.property(
        stream('a', 500),
        stream('b', 500),
        fc.constantFrom<JoinType>('inner', 'left', 'right', 'full', 'semi', 'anti'),
        fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })),
        (a, b, type, d) => {
          const plan = joinPlan(
            type,
            { kind: 'window', leftStart: WS, leftEnd: WE, rightStart: WS, rightEnd: WE },
            d,
          );
          const want = reference(type, d, a, b);
          for (const opts of VARIANTS) expect(engineRun(plan, [a, b], opts)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});
