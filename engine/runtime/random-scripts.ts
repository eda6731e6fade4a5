/**
 * Seeded random scripts and their input rows, shared by the differential
 * suites: DuckDB judges them in the unit tests, Apache Flink in
 * `npm run test:flink`. Everything is a pure function of the seed, so the
 * same scripts run every time.
 */
import type { Row } from '../core/types';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random script over named streams, the equivalent DuckDB query, and the streams' rows. */
export interface RandomScript {
  readonly name: string;
  /** The whole Windtunnel script: DDL, then the query. */
  readonly script: string;
  /** The same question for DuckDB over tables of the same names (TIMESTAMPs as BIGINT epoch ms). */
  readonly duck: string;
  readonly input: Readonly<Record<string, readonly Row[]>>;
}

// ---- windowed and grouped aggregates over one stream -------------------------------------------

/** Strictly increasing times (so no row is late), NULL keys and values, 1,500 rows by default. */
export function randomAggregateStream(seed: number, n: number): Row[] {
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

/** `watermark`: the delay of a WATERMARK clause, or null for none (windows then close at the end). */
export const aggregateDdl = (watermark: number | null): string =>
  `CREATE STREAM t (ts TIMESTAMP, k VARCHAR, k2 BIGINT, v BIGINT, x DOUBLE${
    watermark === null ? '' : `, WATERMARK FOR ts AS ts - INTERVAL '${watermark}' MILLISECOND`
  });`;

const AGGS = `COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, AVG(x) AS ax, MIN(x) AS mn, MAX(v) AS mx,
  COUNT(DISTINCT k2) AS dk, STDDEV_POP(x) AS sp, VAR_SAMP(x) AS vs`;

export type AggregateShape = 'tumbling' | 'hopping' | 'group-by';
export const AGGREGATE_SHAPES: readonly AggregateShape[] = ['tumbling', 'hopping', 'group-by'];

/** One aggregate query (Windtunnel and DuckDB) over `rows` of stream/table t. */
export function aggregateScript(
  shape: AggregateShape,
  rows: readonly Row[],
  watermark: number | null,
): RandomScript {
  const input = { t: rows };
  const ddl = aggregateDdl(watermark);
  switch (shape) {
    case 'tumbling':
      return {
        name: 'tumbling 1s',
        script: `${ddl}\nSELECT k, window_start, window_end, ${AGGS} FROM t GROUP BY k WINDOW TUMBLING (ts, INTERVAL '1' SECOND);`,
        duck: `SELECT k, CAST(floor(ts / 1000) * 1000 AS BIGINT) AS window_start, CAST(floor(ts / 1000) * 1000 + 1000 AS BIGINT) AS window_end, ${AGGS}
         FROM t GROUP BY k, floor(ts / 1000)`,
        input,
      };
    case 'hopping':
      return {
        name: 'hopping 3s every 1s',
        script: `${ddl}\nSELECT k, window_start, window_end, ${AGGS} FROM t GROUP BY k WINDOW HOPPING (ts, INTERVAL '3' SECOND, INTERVAL '1' SECOND);`,
        duck: `SELECT k, w.s AS window_start, w.s + 3000 AS window_end, ${AGGS}
         FROM t JOIN (SELECT range * 1000 AS s FROM range(-10, 200)) w ON t.ts >= w.s AND t.ts < w.s + 3000
         GROUP BY k, w.s`,
        input,
      };
    case 'group-by':
      return {
        name: 'GROUP BY two keys, EMIT FINAL',
        script: `${ddl}\nSELECT k, k2, ${AGGS} FROM t GROUP BY k, k2 EMIT FINAL;`,
        duck: `SELECT k, k2, ${AGGS} FROM t GROUP BY k, k2`,
        input,
      };
  }
}

// ---- joins of two streams ----------------------------------------------------------------------

/** Strictly increasing times: with watermarks at the max time, nothing is late. */
function joinStream(r: () => number, n: number, keys: number, valueName: string): Row[] {
  const rows: Row[] = [];
  let ts = Math.floor(r() * 1000);
  for (let i = 0; i < n; i++) {
    ts += 1 + Math.floor(r() * 30);
    rows.push({ ts, k: r() < 0.05 ? null : Math.floor(r() * keys), [valueName]: Math.floor(r() * 1000) });
  }
  return rows;
}

/**
 * b is a versioned table (a primary key) only for temporal joins: b's keys repeat, and Flink
 * trusts a PRIMARY KEY … NOT ENFORCED in a regular join too, keeping one row per key
 * (flink/cases/regular-join-violated-key.sql shows it).
 */
const joinDdl = (
  temporal: boolean,
): string => `CREATE TABLE a (ts TIMESTAMP(3), k BIGINT, x BIGINT, WATERMARK FOR ts AS ts);
CREATE TABLE b (ts TIMESTAMP(3), k BIGINT, y BIGINT, WATERMARK FOR ts AS ts${temporal ? ', PRIMARY KEY (k) NOT ENFORCED' : ''});
`;

function joinQuery(r: () => number): { name: string; engine: string; duck: string } {
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

/** Random join `seed`: two streams of 300–600 rows over 3, 20 or 200 keys, and a random join of them. */
export function randomJoinScript(seed: number): RandomScript & { readonly keys: number } {
  const r = prng(seed * 7919);
  const keys = [3, 20, 200][seed % 3]!;
  const a = joinStream(r, 300 + Math.floor(r() * 300), keys, 'x');
  const b = joinStream(r, 300 + Math.floor(r() * 300), keys, 'y');
  const q = joinQuery(r);
  return {
    name: `${q.name}, ${keys} keys`,
    script: joinDdl(q.name.startsWith('temporal')) + q.engine,
    duck: q.duck,
    input: { a, b },
    keys,
  };
}

/**
 * Random window SEMI / ANTI join `seed`, written as Flink's docs write them — `IN`, `NOT IN`,
 * `EXISTS`, `NOT EXISTS` over a TUMBLE of each side — on keys that are sometimes NULL, so
 * NOT IN's three-valued logic is exercised. NOT IN gets no extra condition (with a nullable
 * key that is refused here: NOT EXISTS says it without a NULL case).
 */
export function randomSubqueryJoinScript(seed: number): RandomScript & { readonly keys: number } {
  const r = prng(seed * 104_729 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const keys = [3, 20, 200][seed % 3]!;
  const a = joinStream(r, 200 + Math.floor(r() * 300), keys, 'x');
  const b = joinStream(r, 100 + Math.floor(r() * 300), keys, 'y');
  const size = pick([50, 200, 1000]);
  const form = pick(['IN', 'NOT IN', 'EXISTS', 'NOT EXISTS'] as const);
  const filter =
    form === 'NOT IN' || r() < 0.5 ? '' : ` AND R.y ${pick(['<', '>'])} ${Math.floor(r() * 1000)}`;
  const w = (t: string): string =>
    `(SELECT * FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(ts), INTERVAL '${size}' MILLISECOND)))`;
  const dw = (t: string): string =>
    `(SELECT *, CAST(floor(ts / ${size}) * ${size} AS BIGINT) AS ws FROM ${t})`;
  const test = (inner: string, win: string): string =>
    form.endsWith('IN')
      ? `L.k ${form} (SELECT k FROM ${inner} R WHERE ${win}${filter})`
      : `${form} (SELECT * FROM ${inner} R WHERE L.k = R.k AND ${win}${filter})`;
  return {
    name: `window ${form} ${size} ms${filter ? ' + filter' : ''}, ${keys} keys`,
    script:
      joinDdl(false) +
      `SELECT L.k AS lk, L.x, L.window_start AS ws FROM ${w('a')} L WHERE ${test(
        w('b'),
        'L.window_start = R.window_start AND L.window_end = R.window_end',
      )};`,
    duck: `SELECT L.k AS lk, L.x, L.ws AS ws FROM ${dw('a')} L WHERE ${test(dw('b'), 'L.ws = R.ws')}`,
    input: { a, b },
    keys,
  };
}
