/**
 * Property: whatever the text — token soup or a valid script with characters
 * deleted, inserted or swapped — the front end never throws and answers fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import { explainPlan } from '../plan/explain';
import { SEED_QUERIES } from '../plan/seed-queries.test-data';
import { completionsAt, diagnose, formatScript, hoverAt } from './index';

const VALID = [
  ...Object.values(SEED_QUERIES),
  "CREATE STREAM ev (ts TIMESTAMP, a_int INT, name VARCHAR, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (seed = 3, max_out_of_order = '1s');\nSELECT name, window_start, window_end, COUNT(*) AS cnt FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), 5s, 10s)) GROUP BY name, window_start, window_end;",
  'SELECT c.symbol, LAG(price, 2, 0) OVER (ROWS WINDOW BUFFER 6 ROWS PARTITION BY symbol ORDER BY ts), ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY ts) FROM trades AS c -- x\n/* y */',
  "SELECT DISTINCT CASE WHEN price BETWEEN 1 AND 2 THEN 'x' ELSE UPPER(side) END FROM trades WHERE side NOT IN ('BUY') AND trader_id LIKE 'a%' OR price IS NULL LIMIT 3",
];

const TOKENS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'WINDOW',
  'TUMBLING',
  'HOPPING',
  'SESSION',
  'GRACE',
  'PERIOD',
  'HAVING',
  'EMIT',
  'CHANGES',
  'FINAL',
  'LIMIT',
  'OVER',
  'PARTITION',
  'ORDER',
  'ROWS',
  'BETWEEN',
  'PRECEDING',
  'AND',
  'CURRENT',
  'ROW',
  'CREATE',
  'STREAM',
  'WITH',
  'WATERMARK',
  'FOR',
  'AS',
  'TABLE',
  'TUMBLE',
  'HOP',
  'DESCRIPTOR',
  'INTERVAL',
  'SECOND',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'CAST',
  'NOT',
  'NULL',
  'IS',
  'IN',
  'LIKE',
  'DISTINCT',
  'EXPLAIN',
  'BUFFER',
  'trades',
  'ts',
  'price',
  'symbol',
  'window_start',
  'COUNT',
  'AVG',
  'SUM',
  'LAG',
  'ROW_NUMBER',
  'UPPER',
  'x',
  '(',
  ')',
  ',',
  ';',
  '.',
  '*',
  '+',
  '-',
  '/',
  '%',
  '=',
  '<>',
  '<=',
  '||',
  "'5'",
  "'",
  '"',
  '"q"',
  '5s',
  '100',
  '1.5',
  '--',
  '/*',
  '*/',
  '\n',
  '@',
  '1x',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(' '));

type Edit = { kind: 'delete' | 'insert' | 'swap'; at: number; ch: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'swap'),
  at: fc.nat(),
  ch: fc.constantFrom('(', ')', "'", '"', ';', ',', '*', '-', '/', 'a', ' ', '\n', '.', '='),
});

function mutate(sql: string, edits: readonly Edit[]): string {
  let s = sql;
  for (const e of edits) {
    if (s.length === 0) break;
    const i = e.at % s.length;
    if (e.kind === 'delete') s = s.slice(0, i) + s.slice(i + 1);
    else if (e.kind === 'insert') s = s.slice(0, i) + e.ch + s.slice(i);
    else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
  return s;
}

const mutated = fc
  .tuple(fc.constantFrom(...VALID), fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([s, es]) => mutate(s, es));

/** Runs every entry point; each must return (not throw, not hang). */
function exercise(sql: string, offsetSeed: number): void {
  const t0 = performance.now();
  const r = compileScript(sql);
  expect(r.plan === null).toBe(r.diagnostics.some((d) => d.severity === 'error'));
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.length).toBeGreaterThanOrEqual(1);
  }
  if (r.plan) {
    expect(JSON.parse(JSON.stringify(r.plan))).toEqual(r.plan);
    explainPlan(r.plan);
  }
  diagnose(sql);
  const offset = sql.length === 0 ? 0 : offsetSeed % (sql.length + 1);
  completionsAt(sql, offset);
  hoverAt(sql, offset);
  const formatted = formatScript(sql);
  if (formatted !== null && r.diagnostics.length === 0) {
    // Formatting a compiling script keeps it compiling.
    expect(compileScript(formatted).diagnostics).toEqual([]);
  }
  // A hang detector, not a speed target (those live in the benches): an exponential blow-up on
  // some input runs for far longer than this, while a busy shared machine only slows every call.
  expect(performance.now() - t0).toBeLessThan(5000);
}

describe('front-end robustness', () => {
  it('never throws on token soup', () => {
    fc.assert(
      fc.property(tokenSoup, fc.nat(), (sql, o) => exercise(sql, o)),
      { numRuns: 400 },
    );
  });
  it('never throws on mutated valid scripts', () => {
    fc.assert(
      fc.property(mutated, fc.nat(), (sql, o) => exercise(sql, o)),
      { numRuns: 400 },
    );
  });
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.nat(), (sql, o) => exercise(sql, o)),
      { numRuns: 300 },
    );
  });
  it('valid scripts compile', () => {
    for (const s of VALID) expect(compileScript(s).diagnostics).toEqual([]);
  });
});
