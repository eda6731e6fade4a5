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
import { compileOk, runPlanOnRows } from './sql-run-support';

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

/** Strictly increasing times: with watermarks at the max time, nothing is late. */
function stream(r: () => number, n: number, keys: number, valueName: string): Row[] {
  const rows: Row[] = [];
  let ts = Math.floor(r() * 1000);
  for (let i = 0; i < n; i++) {
    ts += 1 + Math.floor(r() * 30);
    rows.push({ ts, k: r() < 0.05 ? null : Math.floor(r() * keys), [valueName]: Math.floor(r() * 1000) });
  }
  return rows;
}

interface Case {
  readonly name: string;
  readonly engine: string;
  readonly duck: string;
}

const DDL = `CREATE TABLE a (ts TIMESTAMP(3), k BIGINT, x BIGINT, WATERMARK FOR ts AS ts);
CREATE TABLE b (ts TIMESTAMP(3), k BIGINT, y BIGINT, WATERMARK FOR ts AS ts, PRIMARY KEY (k) NOT ENFORCED);
`;

function randomCase(r: () => number): Case {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const filter = r() < 0.5 ? '' : ` AND a.x ${pick(['<', '>'])} ${Math.floor(r() * 1000)}`;
  switch (pick(['interval', 'interval', 'regular', 'window', 'temporal'] as const)) {
    case 'interval': {
      const lo = -Math.floor(r() * 200);
      const hi = Math.floor(r() * 200);
      const type = pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN']);
      return {
        name: `interval ${type} [${lo}, ${hi}]${filter ? ' + filter' : ''}`,
        engine: `SELECT a.ts AS ats, a.k AS ak, a.x, b.ts AS bts, b.y FROM a ${type} b ON a.k = b.k
          AND a.ts BETWEEN b.ts - INTERVAL '${-lo}' MILLISECOND AND b.ts + INTERVAL '${hi}' MILLISECOND${filter};`,
        duck: `SELECT a.ts AS ats, a.k AS ak, a.x, b.ts AS bts, b.y FROM a ${type} b ON a.k = b.k
          AND a.ts - b.ts BETWEEN ${lo} AND ${hi}${filter}`,
      };
    }
    case 'regular': {
      const type = pick(['JOIN', 'LEFT JOIN', 'FULL JOIN']);
      return {
        name: `regular ${type}${filter ? ' + filter' : ''}`,
        engine: `SELECT a.k AS ak, a.x, b.y FROM a ${type} b ON a.k = b.k${filter};`,
        duck: `SELECT a.k AS ak, a.x, b.y FROM a ${type} b ON a.k = b.k${filter}`,
      };
    }
    case 'window': {
      const size = pick([50, 200, 1000]);
      const type = pick(['JOIN', 'LEFT JOIN', 'FULL JOIN']);
      const w = (t: string): string =>
        `(SELECT * FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(ts), INTERVAL '${size}' MILLISECOND)))`;
      const dw = (t: string): string =>
        `(SELECT *, CAST(floor(ts / ${size}) * ${size} AS BIGINT) AS ws FROM ${t})`;
      return {
        name: `window ${type} ${size} ms`,
        engine: `SELECT L.k AS lk, L.x, R.y, COALESCE(L.window_start, R.window_start) AS ws FROM ${w('a')} L ${type} ${w('b')} R
          ON L.k = R.k AND L.window_start = R.window_start AND L.window_end = R.window_end;`,
        duck: `SELECT L.k AS lk, L.x, R.y, COALESCE(L.ws, R.ws) AS ws FROM ${dw('a')} L ${type} ${dw('b')} R
          ON L.k = R.k AND L.ws = R.ws`,
      };
    }
    case 'temporal': {
      const type = pick(['JOIN', 'LEFT JOIN']);
      return {
        name: `temporal ${type}`,
        engine: `SELECT a.ts AS ats, a.k AS ak, a.x, r.y FROM a ${type} b FOR SYSTEM_TIME AS OF a.ts AS r ON a.k = r.k;`,
        duck: `SELECT a.ts AS ats, a.k AS ak, a.x, b.y FROM a ASOF ${type} b ON a.k = b.k AND a.ts >= b.ts`,
      };
    }
  }
}

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

async function duck(sql: string): Promise<ResultRow[]> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((vals) => {
    const o: Record<string, Value> = {};
    names.forEach((n, c) => {
      const v = vals[c];
      o[n] = typeof v === 'bigint' ? Number(v) : v === null || v === undefined ? null : (v as Value);
    });
    return o;
  });
}

const VARIANTS: readonly RunOptions[] = [
  { variant: 'direct' },
  { variant: 'batched', batchSize: 17 },
  { variant: 'partitioned', partitions: 2, batchSize: 64 },
];

describe('random joins agree with DuckDB', () => {
  for (let seed = 1; seed <= 24; seed++) {
    const r = prng(seed * 7919);
    const keys = [3, 20, 200][seed % 3]!;
    const a = stream(r, 300 + Math.floor(r() * 300), keys, 'x');
    const b = stream(r, 300 + Math.floor(r() * 300), keys, 'y');
    const c = randomCase(r);
    it(`seed ${seed}: ${c.name}, ${keys} keys`, async () => {
      await load('a', 'x', a);
      await load('b', 'y', b);
      const theirs = await duck(c.duck);
      const plan = compileOk(DDL + c.engine);
      for (const v of VARIANTS) {
        const run = runPlanOnRows(plan, { a, b }, v);
        expect(run.late, v.variant).toBe(0);
        expect(compareMultiset(finalState(run.rows), theirs), `${v.variant}: ${c.engine}`).toBeNull();
      }
    });
  }
});
