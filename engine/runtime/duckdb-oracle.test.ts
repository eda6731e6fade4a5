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
import { runInProcess } from './run-in-process';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomStream(seed: number, n: number): Row[] {
  const r = prng(seed);
  const rows: Row[] = [];
  let ts = Math.floor(r() * 5000) - 2500;
  for (let i = 0; i < n; i++) {
    ts += 1 + Math.floor(r() * 40);
    rows.push({
      ts,
      k: r() < 0.1 ? null : `key${Math.floor(r() * 7)}`,
      k2: Math.floor(r() * 3),
      v: r() < 0.15 ? null : Math.floor(r() * 100) - 20,
      x: r() < 0.15 ? null : Math.round(r() * 1e6) / 1e3,
    });
  }
  return rows;
}

const DDL = 'CREATE STREAM t (ts TIMESTAMP, k VARCHAR, k2 BIGINT, v BIGINT, x DOUBLE);';
const AGGS_ENGINE = `COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, AVG(x) AS ax, MIN(x) AS mn, MAX(v) AS mx,
  COUNT(DISTINCT k2) AS dk, STDDEV_POP(x) AS sp, VAR_SAMP(x) AS vs`;
const AGGS_DUCK = `COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, AVG(x) AS ax, MIN(x) AS mn, MAX(v) AS mx,
  COUNT(DISTINCT k2) AS dk, STDDEV_POP(x) AS sp, VAR_SAMP(x) AS vs`;

let con: DuckDBConnection;
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  con = await db.connect();
});
afterAll(() => con?.closeSync());

async function duck(rows: Row[], sql: string): Promise<ResultRow[]> {
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

function engine(rows: Row[], query: string): ResultRow[] {
  const plan = compileGolden(`${DDL}\n${query}`);
  const res = runInProcess(plan, createRowsSource(plan.sources[0]!, rows), {
    variant: 'batched',
    batchSize: 333,
  });
  expect(res.stats.late).toBe(0);
  return res.batches.flatMap((b) => batchToRows(b, res.schema));
}

describe('engine agrees with DuckDB', () => {
  for (const seed of [1, 2, 3]) {
    const rows = randomStream(seed, 1500);
    it(`tumbling 1s (seed ${seed})`, async () => {
      const mine = engine(
        rows,
        `SELECT k, window_start, window_end, ${AGGS_ENGINE} FROM t GROUP BY k WINDOW TUMBLING (ts, INTERVAL '1' SECOND);`,
      );
      const theirs = await duck(
        rows,
        `SELECT k, CAST(floor(ts / 1000) * 1000 AS BIGINT) AS window_start, CAST(floor(ts / 1000) * 1000 + 1000 AS BIGINT) AS window_end, ${AGGS_DUCK}
         FROM t GROUP BY k, floor(ts / 1000)`,
      );
      expect(theirs.length).toBeGreaterThan(50);
      expect(compareMultiset(mine, theirs)).toBeNull();
    });
    it(`hopping 3s every 1s (seed ${seed})`, async () => {
      const mine = engine(
        rows,
        `SELECT k, window_start, window_end, ${AGGS_ENGINE} FROM t GROUP BY k WINDOW HOPPING (ts, INTERVAL '3' SECOND, INTERVAL '1' SECOND);`,
      );
      const theirs = await duck(
        rows,
        `SELECT k, w.s AS window_start, w.s + 3000 AS window_end, ${AGGS_DUCK}
         FROM t JOIN (SELECT range * 1000 AS s FROM range(-10, 200)) w ON t.ts >= w.s AND t.ts < w.s + 3000
         GROUP BY k, w.s`,
      );
      expect(compareMultiset(mine, theirs)).toBeNull();
    });
    it(`GROUP BY two keys, EMIT FINAL (seed ${seed})`, async () => {
      const mine = engine(rows, `SELECT k, k2, ${AGGS_ENGINE} FROM t GROUP BY k, k2 EMIT FINAL;`);
      const theirs = await duck(rows, `SELECT k, k2, ${AGGS_DUCK} FROM t GROUP BY k, k2`);
      expect(compareMultiset(mine, theirs)).toBeNull();
    });
  }
});
