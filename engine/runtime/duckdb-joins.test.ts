// DuckDB as the judge of joins: random pairs of in-order streams (so no row is
// ever late and the streaming answer must equal the batch one), random join
// kinds, bounds, key cardinalities and projections; the engine's final result
// (its changelog applied, for updating joins) must equal DuckDB's in every
// variant. Interval joins are DuckDB's range joins, temporal joins its ASOF
// joins, window joins an equi-join on the window start.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row, Value } from '../core/types';
import { compareMultiset, type ResultRow } from './compare-results';
import type { RunOptions } from './run-in-process';
import { duckRows } from './duckdb-test-support';
import { randomJoinScript, randomSubqueryJoinScript } from './random-scripts';
import { compileOk, runPlanOnRows } from './sql-run-support';

/** The final table a changelog describes: +I/+U add a row, -D/-U take one away. */
function finalState(rows: readonly Row[]): ResultRow[] {
  const live = new Map<string, { row: ResultRow; n: number }>();
  for (const { op, ...r } of rows) {
    const key = JSON.stringify(Object.entries(r).sort());
    const e = live.get(key) ?? { row: r, n: 0 };
    e.n += op === '-D' || op === '-U' ? -1 : 1;
    live.set(key, e);
  }
  return [...live.values()].flatMap((e) => Array.from({ length: e.n }, () => e.row));
}

let con: DuckDBConnection;
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  con = await db.connect();
});
afterAll(() => con?.closeSync());

async function load(name: string, value: string, rows: readonly Row[]): Promise<void> {
  await con.run(`DROP TABLE IF EXISTS ${name}`);
  await con.run(`CREATE TABLE ${name} (ts BIGINT, k BIGINT, ${value} BIGINT)`);
  const lit = (v: Value): string => (v === null ? 'NULL' : String(v));
  for (let i = 0; i < rows.length; i += 500)
    await con.run(
      `INSERT INTO ${name} VALUES ${rows
        .slice(i, i + 500)
        .map((r) => `(${lit(r['ts']!)}, ${lit(r['k']!)}, ${lit(r[value]!)})`)
        .join(', ')}`,
    );
}

const duck = (sql: string): Promise<ResultRow[]> => duckRows(con, sql);

const VARIANTS: readonly RunOptions[] = [
  { variant: 'direct' },
  { variant: 'batched', batchSize: 17 },
  { variant: 'partitioned', partitions: 2, batchSize: 64 },
];

describe('random joins agree with DuckDB', () => {
  const cases = [
    ...Array.from({ length: 24 }, (_, k) => ({ seed: k + 1, c: randomJoinScript(k + 1) })),
    ...Array.from({ length: 16 }, (_, k) => ({ seed: k + 1, c: randomSubqueryJoinScript(k + 1) })),
  ];
  for (const { seed, c } of cases) {
    it(`seed ${seed}: ${c.name}`, async () => {
      await load('a', 'x', c.input['a']!);
      await load('b', 'y', c.input['b']!);
      const theirs = await duck(c.duck);
      const plan = compileOk(c.script);
      for (const v of VARIANTS) {
        const run = runPlanOnRows(plan, c.input, v);
        expect(run.late, v.variant).toBe(0);
        expect(compareMultiset(finalState(run.rows), theirs), `${v.variant}: ${c.script}`).toBeNull();
      }
    });
  }
});
