/**
 * The five seed scenarios of dialect §7 as runnable scripts: the playground's
 * examples and the engine benchmark's workloads. Query text is exactly §7;
 * each script declares its stream so it is bounded, seeded and reproducible.
 *
 * The trades stream is mildly disordered (5 % of rows up to 200 ms back) with
 * a 1 s watermark delay, so no row is ever late: the scenarios measure the
 * steady-state path, and their answers have simple independent definitions.
 */

export type ScenarioId = 'S0' | 'S1' | 'S2' | 'S3a' | 'S3b';

export interface SeedScenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly about: string;
  /** Full script: CREATE STREAM … WITH (…) then the §7 query. */
  readonly sql: string;
  /** The generated stream the script reads. */
  readonly stream: 'orders' | 'trades';
}

/** Rows each scenario stream holds (the benchmark overrides `total`). */
export const SCENARIO_ROWS = 1_000_000;

const ORDERS_DDL = `CREATE STREAM orders (
  order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'orders', rows_per_second = 50000, total = ${SCENARIO_ROWS},
        keys = 10000, skew = 0.8, seed = 42);`;

export const TRADES_DDL = `CREATE STREAM trades (
  trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'trades', rows_per_second = 50000, total = ${SCENARIO_ROWS},
        keys = 50, skew = 1.1, out_of_order = 0.05, max_out_of_order = '200ms', seed = 42);`;

const S0 = `-- S0  pure SELECT (filter + projection)
SELECT order_id, customer_id, total_amount FROM orders WHERE total_amount > 100;`;

const S1 = `-- S1  ROWS window: moving stats over the last 100 trades per symbol
SELECT symbol, price,
  AVG(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_avg,
  MIN(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_min,
  MAX(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_max
FROM trades;`;

const S2 = `-- S2  pure GROUP BY (non-windowed, EMIT CHANGES)
SELECT trader_id, symbol, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol;`;

const S3A = `-- S3a TUMBLING + GROUP BY, final results
SELECT trader_id, symbol, window_start, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL;`;

const S3B = `-- S3b the same with EMIT CHANGES
SELECT trader_id, symbol, window_start, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT CHANGES;`;

export const SEED_SCENARIOS: readonly SeedScenario[] = [
  {
    id: 'S0',
    title: 'S0 · pure SELECT',
    about: 'Filter + projection over orders: stateless, one output row per order above 100 (about 29 %).',
    sql: `${ORDERS_DDL}\n\n${S0}\n`,
    stream: 'orders',
  },
  {
    id: 'S1',
    title: 'S1 · ROWS window',
    about: 'Moving average, min and max over the last 100 trades per symbol: one output row per trade.',
    sql: `${TRADES_DDL}\n\n${S1}\n`,
    stream: 'trades',
  },
  {
    id: 'S2',
    title: 'S2 · pure GROUP BY',
    about: 'Running aggregates per (trader, symbol), EMIT CHANGES: one +I/+U row per trade.',
    sql: `${TRADES_DDL}\n\n${S2}\n`,
    stream: 'trades',
  },
  {
    id: 'S3a',
    title: 'S3a · TUMBLING, final',
    about:
      'One-minute tumbling windows per (trader, symbol), EMIT FINAL: one row per group and window when it closes.',
    sql: `${TRADES_DDL}\n\n${S3A}\n`,
    stream: 'trades',
  },
  {
    id: 'S3b',
    title: 'S3b · TUMBLING, changes',
    about: 'The same windows with EMIT CHANGES: one +I/+U row per trade (the seed engine emitted 20× more).',
    sql: `${TRADES_DDL}\n\n${S3B}\n`,
    stream: 'trades',
  },
];

export function findScenario(id: ScenarioId): SeedScenario {
  const s = SEED_SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no seed scenario ${id}`);
  return s;
}
