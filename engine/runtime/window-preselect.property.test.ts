/**
 * A window Top-N over a window aggregate: the aggregate drops the rows the Top-N could never rank
 * (WindowPreselect). The same query with a no-op filter between the two (which keeps the
 * aggregate from preselecting) is the reference: the same rows and row numbers, and the same
 * rows counted out of the aggregate, for random data built to tie, random limits, directions,
 * partitions (none, one key, two keys) and a second ORDER BY column.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { preselectSpec } from '../plan/preselect-spec';
import type { PhysicalPlan } from '../plan/physical-plan';
import { compareMultiset } from './compare-results';
import { aggregateDdl } from './random-scripts';
import { compileOk, runPlanOnRows } from './sql-run-support';

interface Case {
  readonly rows: Row[];
  readonly limit: number;
  readonly order: string;
  readonly partition: string;
  readonly variant: 'direct' | 'partitioned';
}

const row = fc.record({
  ts: fc.integer({ min: 0, max: 4000 }),
  k: fc.constantFrom('a', 'b', 'c', null),
  k2: fc.integer({ min: 0, max: 4 }),
  v: fc.constantFrom(null, -1, 0, 1, 2),
  x: fc.constantFrom(null, -0.5, 0, 0.5, 1.5, NaN),
});
const testCase: fc.Arbitrary<Case> = fc.record({
  rows: fc.array(row, { maxLength: 120 }).map((rs) => [...rs].sort((a, b) => a.ts - b.ts)),
  limit: fc.integer({ min: 1, max: 4 }),
  order: fc.constantFrom('s DESC', 's', 'n DESC', 'hi DESC, k2', 'hi, s DESC'),
  partition: fc.constantFrom('', ', k', ', k2', ', k, k2'),
  variant: fc.constantFrom('direct', 'partitioned'),
});

const AGGREGATE = `SELECT k, k2, window_start, window_end, SUM(v) AS s, COUNT(*) AS n, MAX(x) AS hi
  FROM t GROUP BY k, k2 WINDOW TUMBLING (ts, INTERVAL '1' SECOND) EMIT FINAL`;

function topN(c: Case, input: string): string {
  return `${aggregateDdl(100)}
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end${c.partition} ORDER BY ${c.order}) AS rn
  FROM ${input}
) WHERE rn <= ${c.limit};`;
}

const preselects = (plan: PhysicalPlan): boolean => {
  const ops = plan.nodes.map((n) => n.op);
  const at = ops.findIndex((o) => o.kind === 'windowAggregate');
  const agg = ops[at]!;
  return agg.kind === 'windowAggregate' && preselectSpec(agg, ops.slice(at + 1)) !== null;
};

describe('window Top-N over a window aggregate: preselected rows', () => {
  it('are the ones the Top-N ranks, with the aggregate rows counted', () => {
    fc.assert(
      fc.property(testCase, (c) => {
        const fused = compileOk(topN(c, `(${AGGREGATE})`));
        const reference = compileOk(topN(c, `(SELECT * FROM (${AGGREGATE}) WHERE n > 0)`));
        expect(preselects(fused)).toBe(true);
        expect(preselects(reference)).toBe(false);
        const opts = { variant: c.variant, partitions: 2, batchSize: 16 } as const;
        const got = runPlanOnRows(fused, { t: c.rows }, opts);
        const want = runPlanOnRows(reference, { t: c.rows }, opts);
        expect(compareMultiset(got.rows, want.rows)).toBeNull();
        expect(got.stats.nodeRowsOut[0]).toBe(want.stats.nodeRowsOut[0]);
      }),
      { numRuns: 300 },
    );
  });
});
