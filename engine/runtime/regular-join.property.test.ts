/**
 * The regular join's changelog against its rules, replayed in arrival order:
 * every pair once, an outer row without a partner padded (+I) and that padded
 * row retracted (−D) when its first partner comes — the same changelog in every
 * batch size and partitioning.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import type { JoinType } from '../plan/physical-plan';
import { engineRun, joinPlan, mergedOrder, rowText, stream, VARIANTS } from './join-test-support';

function reference(type: JoinType, a: Row[], b: Row[]) {
  const rows = [a, b];
  const outer = [type === 'left' || type === 'full', type === 'right' || type === 'full'];
  const held: { s: 0 | 1; row: Row; matches: number }[] = [];
  const out: string[] = [];
  const text = (op: string, s: 0 | 1, x: Row | null, y: Row | null) =>
    s === 0 ? rowText(op, x, y) : rowText(op, y, x);
  for (const { s, i } of mergedOrder(a, b, [0, 0])) {
    const x = rows[s]![i]!;
    const partners = x['k'] === null ? [] : held.filter((h) => h.s !== s && h.row['k'] === x['k']);
    for (const p of partners) {
      if (outer[p.s] && p.matches === 0) out.push(text('-D', p.s, p.row, null));
      p.matches++;
      out.push(text('+I', s, x, p.row));
    }
    if (partners.length === 0 && outer[s]) out.push(text('+I', s, x, null));
    if (x['k'] !== null) held.push({ s, row: x, matches: partners.length });
  }
  return { rows: out.sort(), late: 0 };
}

describe('regular join', () => {
  it('gives the same changelog as its rules in every join type, batch size and partitioning', () => {
    fc.assert(
      fc.property(
        stream('a'),
        stream('b'),
        fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'),
        (a, b, type) => {
          const plan = joinPlan(type, { kind: 'regular' }, [0, 0]);
          const want = reference(type, a, b);
          for (const opts of VARIANTS) expect(engineRun(plan, [a, b], opts)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});
