/**
 * `npm run bench:language`: how long the editor's language services take on a
 * 30-line script (median over many calls, after warm-up). Goal: well under 1 ms
 * per call, so checking on every keystroke is free.
 */
import { compileScript } from '../../engine/plan/compile';
import { completionsAt, diagnose, hoverAt } from '../../engine/language/index';

const SCRIPT = `-- a typical playground script: one source, three queries
CREATE STREAM trades (
  trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (generator = 'trades', rows_per_second = 200000, keys = 50, skew = 1.1,
        out_of_order = 0.2, max_out_of_order = '1s', late = 0.01, seed = 7);

/* moving statistics per symbol */
SELECT symbol, price,
  AVG(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_avg,
  MIN(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_min,
  MAX(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_max
FROM trades
WHERE side = 'BUY' AND price > 10;

-- per-minute volume
SELECT trader_id, symbol, window_start,
       COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional,
       CASE WHEN SUM(quantity) > 1000 THEN 'big' ELSE 'small' END AS size
FROM trades
WHERE quantity BETWEEN 1 AND 10000
GROUP BY trader_id, symbol
WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) GRACE PERIOD 5s
HAVING COUNT(*) > 2
EMIT FINAL;

SELECT symbol, COUNT(DISTINCT trader_id) AS traders, STDDEV(price) AS vol
FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
GROUP BY symbol, window_start, window_end;
`;

function medianMicros(runs: number, f: () => unknown): number {
  for (let i = 0; i < 200; i++) f();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

const lines = SCRIPT.split('\n').length;
const cursor = SCRIPT.indexOf('SUM(quantity) AS volume');
const cases: [string, () => unknown][] = [
  ['diagnose (whole script)', () => diagnose(SCRIPT)],
  ['completionsAt (select list)', () => completionsAt(SCRIPT, cursor)],
  ['completionsAt (after FROM)', () => completionsAt(SCRIPT, SCRIPT.indexOf('FROM trades') + 5)],
  ['hoverAt (function)', () => hoverAt(SCRIPT, cursor + 1)],
  ['compileScript (last query)', () => compileScript(SCRIPT)],
];
console.log(`language services on a ${lines}-line script (median of 2000 calls)`);
for (const [name, f] of cases) {
  const us = medianMicros(2000, f);
  console.log(
    `${name.padEnd(30)} ${us.toFixed(1).padStart(8)} µs/call ${us < 1000 ? '' : '  (over the 1 ms goal)'}`,
  );
}
