// An independent oracle: DuckDB computes tumbling and hopping window aggregates
// and GROUP BY over random in-order streams (strictly increasing times, so no
// row is late), and the engine must agree with it.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchToRows } from '../core/batch-rows';
import type { Row, Value } from '../core/types';
import { createRowsSource } from '../sources/rows-source';
import { compareMultiset, type ResultRow } from './compare-results';
import { compileGolden } from './golden-support';
import { aggregateScript, randomAggregateStream } from './random-scripts';
import { runInProcess } from './run-in-process';

let con: DuckDBConnection;
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  con = await db.connect();
});
afterAll(() => con?.closeSync());

async function duck(rows: readonly Row[], sql: string): Promise<ResultRow[]> {
  await con.run('DROP TABLE IF EXISTS t');
  await con.run('CREATE TABLE t (ts BIGINT, k VARCHAR, k2 BIGINT, v BIGINT, x DOUBLE)');
  const lit = (v: Value): string =>
    v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows
      .slice(i, i + 500)
      .map((r) => `(${['ts', 'k', 'k2', 'v', 'x'].map((c) => lit(r[c] ?? null)).join(', ')})`);
    await con.run(`INSERT INTO t VALUES ${chunk.join(', ')}`);
  }
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((vals) => {
    const o: Record<string, Value> = {};
    names.forEach((n, c) => {
      const v = vals[c];
      o[n] =
        typeof v === 'bigint'
          ? Number(v)
          : v === null || v === undefined
            ? null
            : typeof v === 'number' || typeof v === 'string'
              ? v
              : Number(v);
    });
    return o;
  });
}

function engine(rows: readonly Row[], script: string): ResultRow[] {
  const plan = compileGolden(script);
  const res = runInProcess(plan, createRowsSource(plan.sources[0]!, rows), {
    variant: 'batched',
    batchSize: 333,
  });
  expect(res.stats.late).toBe(0);
  return res.batches.flatMap((b) => batchToRows(b, res.schema));
}

describe('engine agrees with DuckDB', () => {
  for (const seed of [1, 2, 3]) {
    const rows = randomAggregateStream(seed, 1500);
    for (const shape of ['tumbling', 'hopping', 'group-by'] as const) {
      const c = aggregateScript(shape, rows, null);
      it(`${c.name} (seed ${seed})`, async () => {
        const mine = engine(rows, c.script);
        const theirs = await duck(rows, c.duck);
        if (shape === 'tumbling') expect(theirs.length).toBeGreaterThan(50);
        expect(compareMultiset(mine, theirs)).toBeNull();
      });
    }
  }
});
