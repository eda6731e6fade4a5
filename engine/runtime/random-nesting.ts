/**
 * Seeded random nested queries over one in-order stream, for the DuckDB differential fuzz:
 * a window TVF (TUMBLE, HOP or CUMULATE, random sizes) under a filter and a projection (a WITH
 * step or a subquery of the TVF's rows), an aggregate per window, then a filter on the aggregate
 * or a window Top-N; or two filtered halves of the stream joined per window (a window join). DuckDB answers the same question with the windows spelled out as a table
 * of bounds joined on `s ≤ ts < e`. Times strictly increase, so no row is late and the streaming
 * answer must be the batch one.
 */
import type { Row } from '../core/types';
import { aggregateDdl, prng, randomAggregateStream, type RandomScript } from './random-scripts';

type Pick = <T>(xs: readonly T[]) => T;

interface Windowing {
  readonly name: string;
  /** The TVF over `table`, Windtunnel's (Flink's) spelling. */
  readonly tvf: (table: string) => string;
  /** DuckDB: one row (s, e) per window that any row of the stream can fall in. */
  readonly bounds: string;
}

const ms = (n: number): string => `INTERVAL '${n}' MILLISECOND`;

function windowing(pick: Pick, rows: readonly Row[]): Windowing {
  const ts = rows.map((r) => r['ts'] as number);
  const lo = Math.min(...ts);
  const hi = Math.max(...ts);
  switch (pick(['tumble', 'hop', 'cumulate'] as const)) {
    case 'tumble': {
      const size = pick([500, 1000, 2000]);
      return {
        name: `TUMBLE ${size}`,
        tvf: (t) => `TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(ts), ${ms(size)}))`,
        bounds: `SELECT i * ${size} AS s, i * ${size} + ${size} AS e FROM range(${Math.floor(lo / size)}, ${Math.floor(hi / size) + 1}) gi(i)`,
      };
    }
    case 'hop': {
      const slide = pick([250, 500, 1000]);
      const size = slide * pick([2, 3, 4]);
      return {
        name: `HOP ${slide}/${size}`,
        tvf: (t) => `TABLE(HOP(TABLE ${t}, DESCRIPTOR(ts), ${ms(slide)}, ${ms(size)}))`,
        bounds: `SELECT i * ${slide} AS s, i * ${slide} + ${size} AS e FROM range(${Math.floor((lo - size) / slide)}, ${Math.floor(hi / slide) + 1}) gi(i)`,
      };
    }
    case 'cumulate': {
      const step = pick([250, 500, 1000]);
      const steps = pick([2, 3, 4, 6]);
      const size = step * steps;
      return {
        name: `CUMULATE ${step}/${size}`,
        tvf: (t) => `TABLE(CUMULATE(TABLE ${t}, DESCRIPTOR(ts), ${ms(step)}, ${ms(size)}))`,
        bounds: `SELECT i * ${size} AS s, i * ${size} + j * ${step} AS e
          FROM range(${Math.floor(lo / size)}, ${Math.floor(hi / size) + 1}) gi(i), range(1, ${steps + 1}) gj(j)`,
      };
    }
  }
}

/** A projection both sides compute alike (NULL in, NULL out). */
const DERIVED = ['v + k2', 'v * 2', 'CASE WHEN v > 40 THEN v ELSE k2 END'];
const AGGS = 'COUNT(*) AS n, SUM(w) AS s, MIN(x) AS mn, MAX(v) AS mx, AVG(x) AS ax, COUNT(DISTINCT k2) AS dk';

function rowFilter(r: () => number, pick: Pick): string {
  return pick([
    `v > ${Math.floor(r() * 60)}`,
    `x < ${Math.floor(r() * 1000)}`,
    'k IS NOT NULL',
    `k2 <> ${Math.floor(r() * 3)}`,
    `v > ${Math.floor(r() * 30)} OR x > ${Math.floor(r() * 900)}`,
  ]);
}

function aggFilter(r: () => number, pick: Pick): string {
  return pick([
    `n >= ${2 + Math.floor(r() * 4)}`,
    `s > ${Math.floor(r() * 400)}`,
    'mx IS NOT NULL AND dk > 1',
  ]);
}

/** One random nested query (seeded); `rows` of stream t. */
export function randomNestingScript(seed: number): RandomScript {
  const r = prng(seed * 7919 + 17);
  const pick: Pick = (xs) => xs[Math.floor(r() * xs.length)]!;
  const rows = randomAggregateStream(1000 + seed, 1200);
  const w = windowing(pick, rows);
  const derived = pick(DERIVED);
  const where = rowFilter(r, pick);
  const ddl = aggregateDdl(pick([0, 0, 50]));
  const dWin = `(${w.bounds}) wb`;
  const perWindow = (from: string): string =>
    `SELECT window_start, window_end, k, ${AGGS} FROM ${from} GROUP BY window_start, window_end, k`;
  const duckPerWindow = (from: string): string =>
    `SELECT wb.s AS window_start, wb.e AS window_end, k, ${AGGS} FROM ${from} JOIN ${dWin} ON ts >= wb.s AND ts < wb.e GROUP BY wb.s, wb.e, k`;
  const step = `f AS (SELECT ts, k, k2, v, x, ${derived} AS w FROM t WHERE ${where})`;
  const input = { t: rows };
  switch (pick(['with-steps', 'tvf-subquery', 'top-n-aggregate', 'top-n-rows', 'window-join'] as const)) {
    case 'with-steps': {
      // Three steps: filter and project, aggregate per window, filter the windows' rows.
      const post = aggFilter(r, pick);
      return {
        name: `WITH filter → ${w.name} aggregate → WHERE ${post}`,
        script: `${ddl}\nWITH ${step},\n  a AS (${perWindow(w.tvf('f'))})\nSELECT * FROM a WHERE ${post};`,
        duck: `WITH ${step}, a AS (${duckPerWindow('f')}) SELECT * FROM a WHERE ${post}`,
        input,
      };
    }
    case 'tvf-subquery': {
      // The TVF's rows filtered in a subquery, then grouped by their window (an updating aggregate here).
      return {
        name: `${w.name} rows WHERE ${where} → GROUP BY window`,
        script: `${ddl}\n${perWindow(`(SELECT k, k2, v, x, ${derived} AS w, window_start, window_end FROM ${w.tvf('t')} WHERE ${where}) AS sub`)};`,
        duck: `${duckPerWindow(`(SELECT ts, k, k2, v, x, ${derived} AS w FROM t WHERE ${where}) AS sub`)}`,
        input,
      };
    }
    case 'top-n-aggregate': {
      // Ranked by an aggregate, ties by the key: a total order, so both sides keep the same rows.
      const n = 1 + Math.floor(r() * 3);
      const desc = r() < 0.7;
      const by = pick(['s', 'n', 'mn']);
      return {
        name: `WITH filter → ${w.name} aggregate → top ${n} by ${by}${desc ? ' DESC' : ''}`,
        script: `${ddl}\nWITH ${step}\nSELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY ${by}${desc ? ' DESC' : ''}, k) AS rn
  FROM (${perWindow(w.tvf('f'))})) WHERE rn <= ${n};`,
        duck: `WITH ${step} SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY ${by} ${desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, k ASC NULLS FIRST) AS rn
          FROM (${duckPerWindow('f')}) QUALIFY rn <= ${n}`,
        input,
      };
    }
    case 'window-join': {
      // t's rows meet those of a second stream u (same columns, its own seed) of the same key and window.
      const type = pick(['JOIN', 'LEFT JOIN']);
      const keep = rowFilter(r, pick);
      const side = (x: string): string => `SELECT * FROM ${w.tvf(x)} WHERE ${keep}`;
      const duckSide = (x: string): string =>
        `SELECT ${x}.*, wb.s, wb.e FROM ${x} JOIN ${dWin} ON ts >= wb.s AND ts < wb.e WHERE ${keep}`;
      const lw = derived.replace(/\b(v|k2)\b/g, 'l.$1');
      return {
        name: `${w.name} window ${type} of two filtered streams`,
        script: `${ddl}\n${ddl.replace('CREATE STREAM t ', 'CREATE STREAM u ')}\nWITH l AS (${side('t')}),\n  r AS (${side('u')})
SELECT l.k, l.k2, l.window_start, l.window_end, l.ts AS lts, r.ts AS rts, ${lw} AS lw
FROM l ${type} r ON l.k = r.k AND l.k2 = r.k2 AND l.window_start = r.window_start AND l.window_end = r.window_end;`,
        duck: `WITH l AS (${duckSide('t')}), r AS (${duckSide('u')})
          SELECT l.k, l.k2, l.s AS window_start, l.e AS window_end, l.ts AS lts, r.ts AS rts, ${lw} AS lw
          FROM l ${type} r ON l.k = r.k AND l.k2 = r.k2 AND l.s = r.s AND l.e = r.e`,
        input: { t: rows, u: randomAggregateStream(2000 + seed, 1200) },
      };
    }
    case 'top-n-rows': {
      // The TVF's rows ranked per window and key; ties by ts (strictly increasing: unique).
      const n = 1 + Math.floor(r() * 3);
      return {
        name: `${w.name} rows → top ${n} per key by v DESC`,
        script: `${ddl}\nWITH ${step}\nSELECT * FROM (SELECT ts, k, w, window_start, window_end,
  ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY v DESC, ts) AS rn FROM ${w.tvf('f')})
WHERE rn <= ${n};`,
        duck: `WITH ${step} SELECT ts, k, w, wb.s AS window_start, wb.e AS window_end,
          ROW_NUMBER() OVER (PARTITION BY wb.s, wb.e, k ORDER BY v DESC NULLS LAST, ts) AS rn
          FROM f JOIN ${dWin} ON ts >= wb.s AND ts < wb.e QUALIFY rn <= ${n}`,
        input,
      };
    }
  }
}
