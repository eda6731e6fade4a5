import { describe, expect, it } from 'vitest';
import { parseScript } from './parser';
import { formatScript, printStatement } from './printer';

const SPAN_KEYS = new Set(['span', 'keySpan', 'fnSpan', 'keywordSpan']);
function strip(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (SPAN_KEYS.has(k) ? undefined : v)));
}

function roundTrip(sql: string): void {
  const first = parseScript(sql);
  expect(first.errors).toEqual([]);
  const printed = first.script.statements.map((s) => printStatement(s)).join(';\n');
  const second = parseScript(printed);
  expect(second.errors, printed).toEqual([]);
  expect(strip(second.script)).toEqual(strip(first.script));
  // Printing is a fixed point after one round.
  expect(second.script.statements.map((s) => printStatement(s)).join(';\n')).toBe(printed);
}

const CASES: Record<string, string> = {
  'plain select': 'SELECT order_id, customer_id, total_amount FROM orders WHERE total_amount > 100',
  'star and qualified star': 'SELECT *, t.* FROM trades AS t',
  'implicit alias': 'SELECT price p, symbol AS s FROM trades t',
  distinct: 'SELECT DISTINCT symbol FROM trades LIMIT 10',
  explain: 'EXPLAIN SELECT symbol FROM trades',
  'arithmetic precedence': 'SELECT (a + b) * c - d / (e - f) % 2, a - (b - c), -(-a), - -a, -a * b FROM s',
  'boolean logic': 'SELECT * FROM s WHERE NOT (a OR b) AND c OR NOT d = 1 AND (e OR f)',
  predicates:
    "SELECT * FROM s WHERE a IS NULL OR b IS NOT NULL OR c BETWEEN 1 AND 2 + 3 OR d NOT BETWEEN 0 AND 1 OR e IN (1, 2, 3) OR f NOT IN ('x') OR g LIKE 'a%' OR h NOT LIKE '_b'",
  'comparison operators':
    'SELECT * FROM s WHERE a = 1 AND b <> 2 AND c != 3 AND d < 4 AND e <= 5 AND f > 6 AND g >= 7',
  'nested comparison': 'SELECT (a = b) = (c < d) FROM s',
  case: "SELECT CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END, CASE side WHEN 'BUY' THEN 1 ELSE -1 END FROM trades",
  cast: 'SELECT CAST(a AS DOUBLE), CAST(b AS varchar(20)), CAST(c AS TIMESTAMP) FROM s',
  concat: "SELECT a || '-' || b, CONCAT(a, b, 1) FROM s",
  functions:
    'SELECT COALESCE(a, b, 0), ABS(x), ROUND(x, 2), FLOOR(x), CEIL(x), SQRT(x), POWER(x, 2), LN(x), EXP(x) FROM s',
  'string functions':
    'SELECT UPPER(a), LOWER(a), LENGTH(a), SUBSTRING(a, 1, 2), SUBSTRING(a FROM 2 FOR 3), TRIM(a) FROM s',
  aggregates:
    'SELECT COUNT(*), COUNT(x), COUNT(DISTINCT x), SUM(x), AVG(x), MIN(x), MAX(x), STDDEV(x), STDDEV_POP(x), VARIANCE(x), VAR_POP(x), FIRST_VALUE(x), LAST_VALUE(x) FROM s',
  literals: "SELECT 1, 2.5, 1e3, 'it''s', TRUE, FALSE, NULL FROM s",
  intervals:
    "SELECT ts + INTERVAL '5' SECOND, ts - INTERVAL '2' MINUTES, ts - 500ms, ts + 1h, INTERVAL '3' DAY, INTERVAL '7' MILLISECOND FROM s",
  'quoted identifiers': 'SELECT "Price", "select" FROM "Trades" AS "T"',
  'group by having':
    'SELECT symbol, COUNT(*) AS n FROM trades WHERE price > 0 GROUP BY symbol HAVING COUNT(*) > 10 EMIT CHANGES',
  'tumbling window':
    "SELECT symbol, window_start, COUNT(*) FROM trades GROUP BY symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL",
  'tumbling no column': 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (5s)',
  hopping: "SELECT COUNT(*) FROM trades WINDOW HOPPING (ts, INTERVAL '10' SECOND, INTERVAL '5' SECOND)",
  sliding: 'SELECT COUNT(*) FROM trades WINDOW SLIDING (10s, 5s)',
  session: 'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol WINDOW SESSION (ts, 3s) GRACE PERIOD 1s',
  grace:
    "SELECT COUNT(*) FROM trades WINDOW TUMBLING (1m) GRACE PERIOD INTERVAL '10' SECOND EMIT CHANGES LIMIT 5",
  'tvf tumble':
    "SELECT name, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY name, window_start, window_end",
  'tvf hop':
    'SELECT COUNT(*) FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), 5s, 10s)) AS h GROUP BY window_start, window_end',
  'tvf session':
    'SELECT k, COUNT(*) FROM TABLE(SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), 3s)) GROUP BY k, window_start, window_end',
  'over between':
    'SELECT AVG(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS m FROM trades',
  'over buffer': 'SELECT SUM(a) OVER (ROWS WINDOW BUFFER 6 ROWS PARTITION BY c ORDER BY ts) FROM ov',
  'over unbounded':
    'SELECT COUNT(*) OVER (PARTITION BY a, b ORDER BY ts ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM s',
  'over no frame':
    'SELECT LAG(price) OVER (PARTITION BY symbol ORDER BY ts), LAG(price, 2, 0) OVER (ORDER BY ts), ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY ts DESC) FROM trades',
  'create stream': `CREATE STREAM trades (
    symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,
    WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
  ) WITH (generator = 'trades', rows_per_second = 200000, keys = 50, skew = 1.1,
          out_of_order = 0.2, max_out_of_order = '1s', late = 0.01, seed = 7, start_time = -5, 'x-y' = 1, a.b = 2)`,
  'create table no options': 'CREATE TABLE ev (ts TIMESTAMP, a INT, "Name" STRING)',
  'multi statement': 'CREATE STREAM a (ts TIMESTAMP); SELECT * FROM a; SELECT 1 FROM a;',
};

describe('printer round trips', () => {
  for (const [name, sql] of Object.entries(CASES)) it(name, () => roundTrip(sql));

  it('keywords are case-insensitive and identifiers lower-cased unless quoted', () => {
    const a = parseScript('select Price from TRADES where "Mixed" = 1');
    const b = parseScript('SELECT price FROM trades WHERE "Mixed" = 1');
    expect(strip(a.script)).toEqual(strip(b.script));
  });

  it('ignores comments', () => {
    const a = parseScript('-- hello\nSELECT /* inline */ price -- tail\nFROM trades');
    expect(a.errors).toEqual([]);
    expect(strip(a.script)).toEqual(strip(parseScript('SELECT price FROM trades').script));
  });
});

describe('formatScript', () => {
  it('formats one clause per line and ends statements with ;', () => {
    expect(formatScript('select a,b from s where a>1')).toBe('SELECT a, b\nFROM s\nWHERE a > 1;\n');
  });
  it('returns null on syntax errors', () => {
    expect(formatScript('SELECT FROM')).toBeNull();
  });
  it('leaves comment-only text alone', () => {
    expect(formatScript('-- nothing')).toBe('-- nothing');
  });
});
