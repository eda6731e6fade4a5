/**
 * The window join against its rules (rows of one window and key meet once the
 * window completes; a row whose window had completed is late), for every join
 * type including SEMI and ANTI, in every feeding.
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
  VARIANTS,
  WE,
  WS,
} from './join-test-support';

function reference(type: JoinType, d: [number, number], a: Row[], b: Row[], byKey = true) {
  const rows = [a, b];
  const kept: Row[][] = [[], []];
  let late = 0;
  for (const { s, i, w } of mergedOrder(a, b, d)) {
    const x = rows[s]![i]!;
    if ((x['we'] as number) - 1 <= w) late++;
    else kept[s]!.push(x);
  }
  const meets = (x: Row, y: Row) =>
    (!byKey || (x['k'] !== null && x['k'] === y['k'])) && x['ws'] === y['ws'] && x['we'] === y['we'];
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

/** Every join type, batch size and partitioning against the rules. */
const byRules = fc.property(
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
);

describe('window join', () => {
  it('matches its rules in every join type, batch size and partitioning', () => {
    fc.assert(byRules, { numRuns: 200 });
  });

  it('gives the same rows when it forgets its unheld keys at every watermark', () => {
    compactingKeys(() => fc.assert(byRules, { numRuns: 100 }));
  });

  it('with no equality but the window, matches every pair of one window (unpartitioned feedings)', () => {
    fc.assert(
      fc.property(
        stream('a', 500),
        stream('b', 500),
        fc.constantFrom<JoinType>('inner', 'full', 'semi', 'anti'),
        fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })),
        (a, b, type, d) => {
          const plan = joinPlan(
            type,
            { kind: 'window', leftStart: WS, leftEnd: WE, rightStart: WS, rightEnd: WE },
            d,
          );
          const node = plan.nodes[0]!;
          if (node.op.kind !== 'join') throw new Error('a join plan');
          const unkeyed = { ...plan, nodes: [{ ...node, op: { ...node.op, leftKeys: [], rightKeys: [] } }] };
          const want = reference(type, d, a, b, false);
          for (const opts of VARIANTS.filter((v) => v.variant !== 'partitioned'))
            expect(engineRun(unkeyed, [a, b], opts)).toEqual(want);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('meets only rows of the same window: the same start with another end is another window', () => {
    // CUMULATE-like windows: [0, 1000) and [0, 2000) share a start.
    const row = (tag: 'a' | 'b', n: number, k: number, ts: number, we: number): Row => ({
      k,
      [tag]: `${tag}${n}`,
      ts,
      ws: 0,
      we,
    });
    const a = [row('a', 0, 1, 100, 1000), row('a', 1, 1, 150, 2000)];
    const b = [row('b', 0, 1, 120, 2000), row('b', 1, 2, 130, 1000)];
    const plan = joinPlan(
      'inner',
      { kind: 'window', leftStart: WS, leftEnd: WE, rightStart: WS, rightEnd: WE },
      [0, 0],
    );
    const want = reference('inner', [0, 0], a, b);
    expect(want.rows).toEqual([rowText('+I', a[1]!, b[0]!)]);
    for (const opts of VARIANTS) expect(engineRun(plan, [a, b], opts)).toEqual(want);
  });
});
