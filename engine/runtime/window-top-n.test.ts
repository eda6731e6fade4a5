/**
 * Window Top-N over a disordered stream (so some rows are late) gives the same rows, row
 * numbers and late count in every variant, hashed by the key beside the window or on one
 * partition.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { compareMultiset } from './compare-results';
import { aggregateDdl, randomAggregateStream } from './random-scripts';
import type { RunOptions } from './run-in-process';
import { compileOk, runPlanOnRows } from './sql-run-support';

/** In-order rows with every 7th row held back 3 places, late for a window that has completed by then. */
function disordered(seed: number): Row[] {
  const rows = randomAggregateStream(seed, 1200);
  for (let i = 7; i + 3 < rows.length; i += 7) rows.splice(i + 3, 0, rows.splice(i, 1)[0]!);
  return rows;
}

const TVF = `TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '500' MILLISECOND, INTERVAL '1' SECOND))`;
const QUERIES: [string, string, 'hash' | 'single'][] = [
  [
    'per key, over hopping TVF rows',
    `SELECT ts, k, v, window_start, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY v DESC) AS rn FROM ${TVF}) WHERE rn <= 2`,
    'hash',
  ],
  [
    'per window, after an aggregate',
    `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY n DESC, k) AS rn FROM (SELECT window_start, window_end, k, COUNT(*) AS n FROM ${TVF} GROUP BY window_start, window_end, k)) WHERE rn = 1`,
    'single',
  ],
];

const VARIANTS: [string, RunOptions][] = [
  ['per-record', { variant: 'per-record' }],
  ['batched 1', { variant: 'batched', batchSize: 1 }],
  ['batched 97', { variant: 'batched', batchSize: 97 }],
  ['partitioned 2', { variant: 'partitioned', partitions: 2, batchSize: 50 }],
  ['partitioned 3', { variant: 'partitioned', partitions: 3, batchSize: 7 }],
];

describe('window Top-N: one answer in every variant', () => {
  for (const [name, query, partitioning] of QUERIES)
    it(name, () => {
      const plan = compileOk(`${aggregateDdl(0)}\n${query};`);
      expect(plan.partitioning.kind).toBe(partitioning);
      const input = { t: disordered(4) };
      const want = runPlanOnRows(plan, input, { variant: 'direct' });
      expect(want.rows.length).toBeGreaterThan(40);
      for (const [v, opts] of VARIANTS) {
        const got = runPlanOnRows(plan, input, opts);
        expect(compareMultiset(got.rows, want.rows), v).toBeNull();
        expect(got.late, v).toBe(want.late);
      }
      expect(want.late).toBeGreaterThan(0);
    });
});
