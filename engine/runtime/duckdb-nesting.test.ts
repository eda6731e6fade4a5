// DuckDB as the judge of nesting: random window TVFs (TUMBLE, HOP, CUMULATE) under WITH steps
// and subqueries with filters and projections, aggregated per window, then filtered or ranked
// (window Top-N), or joined per window (a window join of two filtered streams), on in-order streams (no late rows). Every variant's final result must be DuckDB's.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import type { PhysicalPlan } from '../plan/physical-plan';
import { compareMultiset, type ResultRow } from './compare-results';
import { duckOver } from './duckdb-test-support';
import { randomNestingScript } from './random-nesting';
import type { RunOptions } from './run-in-process';
import { compileOk, runPlanOnRows } from './sql-run-support';

let con: DuckDBConnection;
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  con = await db.connect();
});
afterAll(() => con?.closeSync());

/** The table a changelog leaves: +U replaces the row of the same output key, -D removes it. */
function finalState(plan: PhysicalPlan, rows: readonly Row[]): ResultRow[] {
  const names = plan.outputKey.map((i) => plan.output[i]!.name);
  if (names.length === 0) return rows.map(({ op: _op, ...r }) => r);
  const live = new Map<string, ResultRow>();
  for (const { op, ...r } of rows) {
    const key = JSON.stringify(names.map((n) => r[n] ?? null));
    if (op === '-D' || op === '-U') live.delete(key);
    else live.set(key, r);
  }
  return [...live.values()];
}

const VARIANTS: readonly RunOptions[] = [
  { variant: 'direct' },
  { variant: 'batched', batchSize: 37 },
  { variant: 'per-record' },
  { variant: 'partitioned', partitions: 2, batchSize: 64 },
];

describe('random nested window queries agree with DuckDB', () => {
  for (let seed = 1; seed <= 32; seed++) {
    const c = randomNestingScript(seed);
    it(`seed ${seed}: ${c.name}`, async () => {
      const theirs = await duckOver(con, c.input, c.duck);
      // A filter that keeps nothing would prove nothing.
      expect(theirs.length).toBeGreaterThan(5);
      const plan = compileOk(c.script);
      for (const v of VARIANTS) {
        const run = runPlanOnRows(plan, c.input, v);
        expect(run.late, v.variant).toBe(0);
        expect(compareMultiset(finalState(plan, run.rows), theirs), `${v.variant}: ${c.script}`).toBeNull();
      }
    });
  }
  it('cover every window kind and shape', () => {
    const names = Array.from({ length: 32 }, (_, k) => randomNestingScript(k + 1).name);
    for (const w of ['TUMBLE', 'HOP', 'CUMULATE'])
      expect(
        names.some((n) => n.includes(w)),
        w,
      ).toBe(true);
    for (const s of [
      'WITH filter',
      'rows WHERE',
      'aggregate → top',
      'rows → top',
      'window JOIN',
      'window LEFT JOIN',
    ])
      expect(
        names.some((n) => n.includes(s)),
        s,
      ).toBe(true);
  });
});
