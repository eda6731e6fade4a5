/**
 * The ranking benchmark scenarios (issue #16):
 *
 * - S6 window Top-N over S3a's aggregate: per symbol and minute, the 3 traders with the largest
 *   volume — S3a's stream and windows, ranked as each window completes (append-only).
 * - S7 deduplication of a stream with 10 % duplicates: orders whose event id is
 *   FLOOR(order_id × 0.9), so every tenth order repeats the one before it (a retried send);
 *   `rn = 1` ordered by ts keeps the first of each id. The watermark has no delay, so a first row
 *   goes out as it arrives.
 */
import { SCENARIO_ROWS, TRADES_DDL } from './seed-scenarios';

export type RankingScenarioId = 'S6' | 'S7';

export interface RankingScenario {
  readonly id: RankingScenarioId;
  readonly title: string;
  readonly about: string;
  readonly sql: string;
}

const S6 = `-- S6  window Top-N over S3a's aggregate: the top 3 traders by volume per symbol and minute
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, symbol ORDER BY volume DESC) AS rn
  FROM (SELECT trader_id, symbol, window_start, window_end, COUNT(*) AS trades, AVG(price) AS avg_price,
               SUM(quantity) AS volume, SUM(price * quantity) AS notional
        FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL)
) WHERE rn <= 3;`;

const ORDERS_DDL = `CREATE STREAM orders (
  order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts
) WITH (generator = 'orders', rows_per_second = 50000, total = ${SCENARIO_ROWS},
        keys = 10000, skew = 0.8, seed = 42);`;

const S7 = `-- S7  deduplication: every tenth order is sent twice; keep the first of each event id
SELECT event_id, customer_id, total_amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY ts) AS rn
  FROM (SELECT CAST(FLOOR(order_id * 0.9) AS BIGINT) AS event_id, customer_id, total_amount, ts FROM orders)
) WHERE rn = 1;`;

export const RANKING_SCENARIOS: readonly RankingScenario[] = [
  {
    id: 'S6',
    title: 'S6 · window Top-N per minute',
    about:
      "S3a's one-minute aggregate per (trader, symbol), then the top 3 traders by volume per symbol and window, emitted once as each window completes.",
    sql: `${TRADES_DDL}\n\n${S6}\n`,
  },
  {
    id: 'S7',
    title: 'S7 · deduplication, 10 % duplicates',
    about:
      'Orders where every tenth one repeats the previous event id; ROW_NUMBER() = 1 by time keeps the first of each (append-only).',
    sql: `${ORDERS_DDL}\n\n${S7}\n`,
  },
];
