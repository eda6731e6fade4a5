// An independent oracle: DuckDB computes tumbling and hopping window aggregates
// and GROUP BY over random in-order streams (strictly increasing times, so no
// row is late), and the engine must agree with it.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchToRows } from '../core/batch-rows';
import type { Row } from '../core/types';
import { createRowsSource } from '../sources/rows-source';
import { compareMultiset, type ResultRow } from './compare-results';
import { duckOverT } from './duckdb-test-support';
import { compileGolden } from './golden-support';
import { aggregateDdl, aggregateScript, randomAggregateStream } from './random-scripts';
import { runInProcess } from './run-in-process';

let con: DuckDBConnection;
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  con = await db.connect();
});
afterAll(() => con?.closeSync());

const duck = (rows: readonly Row[], sql: string): Promise<ResultRow[]> => duckOverT(con, rows, sql);

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

// Window Top-N against DuckDB's ROW_NUMBER … QUALIFY: NULL ranks lowest and ties go by arrival
// (ts, strictly increasing here), then by the row's values, as the engine orders them.
describe('window Top-N agrees with DuckDB', () => {
  const tvf = `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND))`;
  const win = 'CAST(floor(ts / 1000) * 1000 AS BIGINT)';
  for (const seed of [1, 2]) {
    const rows = randomAggregateStream(seed, 1500);
    it(`over a window TVF's rows, per key, by two columns (seed ${seed})`, async () => {
      const mine = engine(
        rows,
        `${aggregateDdl(0)}
        SELECT * FROM (SELECT ts, k, v, x, window_start, window_end,
          ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY v, x DESC) AS rn FROM ${tvf})
        WHERE rn <= 3;`,
      );
      const theirs = await duck(
        rows,
        `SELECT ts, k, v, x, ${win} AS window_start, ${win} + 1000 AS window_end,
          ROW_NUMBER() OVER (PARTITION BY floor(ts / 1000), k ORDER BY v ASC NULLS FIRST, x DESC NULLS LAST, ts) AS rn
         FROM t QUALIFY rn <= 3`,
      );
      expect(theirs.length).toBeGreaterThan(300);
      expect(compareMultiset(mine, theirs)).toBeNull();
    });
    it(`over a window aggregate, the top 2 keys per window (seed ${seed})`, async () => {
      const mine = engine(
        rows,
        `${aggregateDdl(0)}
        SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY s DESC) AS rn
          FROM (SELECT window_start, window_end, k, SUM(v) AS s FROM ${tvf} GROUP BY window_start, window_end, k))
        WHERE rn <= 2;`,
      );
      const theirs = await duck(
        rows,
        `SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY s DESC NULLS LAST, k ASC NULLS FIRST) AS rn
         FROM (SELECT ${win} AS window_start, ${win} + 1000 AS window_end, k, SUM(v) AS s FROM t GROUP BY ALL)
         QUALIFY rn <= 2`,
      );
      expect(theirs.length).toBeGreaterThan(50);
      expect(compareMultiset(mine, theirs)).toBeNull();
    });
  }
});
