/**
 * Column pruning over composed plans (joins, window TVFs, WITH steps, unions): each source
 * reads only what some operator above it uses, and the answer is the one the unpruned plan
 * gives, row for row, in every variant.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { compareMultiset } from '../runtime/compare-results';
import type { RunOptions } from '../runtime/run-in-process';
import { runPlanOnRows } from '../runtime/sql-run-support';
import { JOIN_SCENARIOS } from '../scenarios/join-scenarios';
import { RANKING_SCENARIOS } from '../scenarios/ranking-scenarios';
import { compileScript } from './compile';
import { composePlan } from './compose-plan';
import type { PhysicalPlan } from './physical-plan';

const DDL = `CREATE TABLE a (k BIGINT, note STRING, x DOUBLE, ts TIMESTAMP(3), junk BIGINT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE b (tag STRING, k BIGINT, y DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE v (k BIGINT, label STRING, rate DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts, PRIMARY KEY (k) NOT ENFORCED);
`;

const TUMBLE = (t: string, alias: string): string =>
  `(SELECT * FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(ts), INTERVAL '2' SECOND))) ${alias}`;
const INTERVAL = `a JOIN b ON a.k = b.k AND a.ts BETWEEN b.ts - INTERVAL '1' SECOND AND b.ts + INTERVAL '1' SECOND`;

/** Each query, and the columns each of its sources reads once pruned. */
const CASES: readonly { name: string; sql: string; reads: Record<string, string[]> }[] = [
  {
    name: 'interval join',
    sql: `SELECT a.x, b.y, a.ts FROM ${INTERVAL};`,
    reads: { a: ['k', 'x', 'ts'], b: ['k', 'y', 'ts'] },
  },
  {
    name: 'regular LEFT join with a condition over both sides',
    sql: `SELECT a.note, b.tag FROM a LEFT JOIN b ON a.k = b.k AND a.x > b.y;`,
    reads: { a: ['k', 'note', 'x', 'ts'], b: ['tag', 'k', 'y', 'ts'] },
  },
  {
    name: 'window join over two TVFs',
    sql: `SELECT L.k, L.window_start, L.x, R.y FROM ${TUMBLE('a', 'L')} FULL JOIN ${TUMBLE('b', 'R')}
      ON L.k = R.k AND L.window_start = R.window_start AND L.window_end = R.window_end;`,
    reads: { a: ['k', 'x', 'ts'], b: ['k', 'y', 'ts'] },
  },
  {
    name: 'window semi join (IN)',
    sql: `SELECT L.note, L.window_start FROM ${TUMBLE('a', 'L')} WHERE L.k IN (SELECT k FROM ${TUMBLE('b', 'R')}
      WHERE L.window_start = R.window_start AND L.window_end = R.window_end);`,
    reads: { a: ['k', 'note', 'ts'], b: ['k', 'ts'] },
  },
  {
    name: 'self join: one source, the columns of both sides',
    sql: `SELECT p.note, q.x FROM a p JOIN a q ON p.k = q.k AND p.ts BETWEEN q.ts - INTERVAL '1' SECOND AND q.ts;`,
    reads: { a: ['k', 'note', 'x', 'ts'] },
  },
  {
    name: 'a window aggregate over a join (WITH)',
    sql: `WITH j AS (SELECT a.k, a.ts, b.y FROM ${INTERVAL})
      SELECT k, window_start, SUM(y) AS s, COUNT(*) AS n
      FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(ts), INTERVAL '2' SECOND)) GROUP BY k, window_start, window_end;`,
    reads: { a: ['k', 'ts'], b: ['k', 'y', 'ts'] },
  },
  {
    name: 'temporal join against a versioned stream',
    sql: `SELECT a.x, v.rate FROM a JOIN v FOR SYSTEM_TIME AS OF a.ts ON a.k = v.k;`,
    reads: { a: ['k', 'x', 'ts'], v: ['k', 'rate', 'ts'] },
  },
  {
    name: 'UNION ALL of two projections',
    sql: `SELECT k, x AS n, ts FROM a UNION ALL SELECT k, y AS n, ts FROM b;`,
    reads: { a: ['k', 'x', 'ts'], b: ['k', 'y', 'ts'] },
  },
  {
    name: 'a Top-N over a join reads every joined column',
    sql: `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY x DESC) AS rn
      FROM (SELECT a.k, a.x, b.y FROM ${INTERVAL})) WHERE rn <= 2;`,
    reads: { a: ['k', 'x', 'ts'], b: ['k', 'y', 'ts'] },
  },
  {
    name: 'a DISTINCT step tells rows apart by all it selects',
    sql: `SELECT k FROM (SELECT DISTINCT a.k, b.tag FROM ${INTERVAL});`,
    reads: { a: ['k', 'ts'], b: ['tag', 'k', 'ts'] },
  },
];

function compiled(sql: string): { pruned: PhysicalPlan; whole: PhysicalPlan } {
  const r = compileScript(DDL + sql);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { pruned: r.plan!, whole: composePlan(r.logical!.root, false) };
}

const reads = (p: PhysicalPlan): Record<string, string[]> =>
  Object.fromEntries(p.sources.map((s) => [s.stream, s.columns.map((f) => f.name)]));

/** Seeded rows with keys that meet, NULLs, and times a little out of order (some late). */
function rows(seed: number, n: number, shape: (i: number, r: () => number) => Row): Row[] {
  let s = seed;
  const r = (): number => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => shape(i, r));
}
const INPUT: Record<string, Row[]> = {
  a: rows(1, 400, (i, r) => ({
    k: r() < 0.05 ? null : Math.floor(r() * 12),
    note: `n${i % 7}`,
    x: Math.round(r() * 100) / 10,
    ts: i * 40 + Math.floor(r() * 900),
    junk: i,
  })),
  b: rows(2, 300, (i, r) => ({
    tag: r() < 0.1 ? null : `t${i % 5}`,
    k: Math.floor(r() * 12),
    y: Math.round(r() * 100) / 10,
    ts: i * 55 + Math.floor(r() * 600),
  })),
  v: rows(3, 60, (i, r) => ({ k: i % 12, label: `l${i}`, rate: Math.round(r() * 50) / 10, ts: i * 250 })),
};

const VARIANTS: readonly RunOptions[] = [
  { variant: 'direct' },
  { variant: 'batched', batchSize: 7 },
  { variant: 'partitioned', partitions: 3, batchSize: 16 },
];

describe('column pruning over composed plans', () => {
  for (const c of CASES)
    it(`${c.name}: reads only what it uses, and answers as the whole rows do`, () => {
      const { pruned, whole } = compiled(c.sql);
      expect(reads(pruned)).toEqual(c.reads);
      expect(pruned.output).toEqual(whole.output);
      expect(JSON.parse(JSON.stringify(pruned))).toEqual(pruned);
      const input = Object.fromEntries(pruned.sources.map((s) => [s.stream, INPUT[s.stream]!]));
      for (const opts of VARIANTS) {
        const got = runPlanOnRows(pruned, input, opts);
        const want = runPlanOnRows(whole, input, opts);
        expect(want.rows.length).toBeGreaterThan(0);
        if (opts.variant === 'partitioned') expect(compareMultiset(got.rows, want.rows)).toBeNull();
        else expect(got.rows).toEqual(want.rows);
        expect(got.late).toBe(want.late);
      }
    });

  it('the join and ranking scenarios leave out the columns they never read', () => {
    const reading = (sql: string): Record<string, string[]> => {
      const r = compileScript(sql);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return reads(r.plan!);
    };
    const [s4, s5] = JOIN_SCENARIOS;
    const orders = (...cols: string[]): string[] => ['order_id', 'customer_id', ...cols, 'ts'];
    expect(reading(s4!.sql)).toEqual({ l: orders('total_amount'), r: orders('total_amount') });
    expect(reading(s5!.sql)).toEqual({ l: orders(), r: orders() });
    const s6 = RANKING_SCENARIOS.find((s) => s.id === 'S6')!;
    expect(reading(s6.sql).trades).not.toContain('side');
  });
});
