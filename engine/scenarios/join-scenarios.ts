/**
 * The join benchmark scenarios (issue #15): two seeded 1M-row order streams
 * (the orders generator with two seeds) on ~10k customers, 10 ms of event
 * time apart, so each customer has about one row per side in any minute.
 *
 * - S4 interval join, ±30 s: a row waits 30 s of event time for its partners,
 *   so state stays near 2 × 3,000 rows whatever the input size.
 * - S5 tumbling window join, 10 s windows: rows of one window meet when it closes.
 *
 * The streams are in order with a 1 s watermark delay: nothing is late, and
 * the answers equal a batch join's (DuckDB computes them in the benchmark).
 */
import { SCENARIO_ROWS } from './seed-scenarios';

export type JoinScenarioId = 'S4' | 'S5';

export interface JoinScenario {
  readonly id: JoinScenarioId;
  readonly title: string;
  readonly about: string;
  readonly sql: string;
  /** The same answer as a batch query over tables `l` and `r` (ts as epoch ms), for DuckDB. */
  readonly batchSql: string;
}

const stream = (name: string, seed: number): string => `CREATE STREAM ${name} (
  order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'orders', rows_per_second = 50000, total = ${SCENARIO_ROWS},
        keys = 10000, event_step = 10, seed = ${seed});`;

const DDL = `${stream('l', 42)}\n${stream('r', 43)}`;

export const JOIN_SCENARIOS: readonly JoinScenario[] = [
  {
    id: 'S4',
    title: 'S4 · interval join ±30 s',
    about:
      'Two order streams joined on customer_id within ±30 s of event time: state is bounded by the bounds, not by the input.',
    sql: `${DDL}

-- S4  interval join: rows of the two streams for one customer within 30 s of each other
SELECT l.order_id, r.order_id AS other_order, l.customer_id, l.total_amount, r.total_amount AS other_amount, l.ts
FROM l JOIN r ON l.customer_id = r.customer_id
  AND l.ts BETWEEN r.ts - INTERVAL '30' SECOND AND r.ts + INTERVAL '30' SECOND;
`,
    batchSql: `SELECT l.order_id, r.order_id AS other_order, l.customer_id, l.total_amount, r.total_amount AS other_amount, l.ts
FROM l JOIN r ON l.customer_id = r.customer_id AND l.ts BETWEEN r.ts - 30000 AND r.ts + 30000`,
  },
  {
    id: 'S5',
    title: 'S5 · tumbling window join',
    about: 'The same streams joined per customer within 10 s tumbling windows, emitted once per window.',
    sql: `${DDL}

-- S5  window join: one customer's orders of the two streams in the same 10 s window
SELECT L.customer_id, L.window_start, L.order_id, R.order_id AS other_order
FROM (SELECT * FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '10' SECOND))) L
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), INTERVAL '10' SECOND))) R
  ON L.customer_id = R.customer_id AND L.window_start = R.window_start AND L.window_end = R.window_end;
`,
    batchSql: `SELECT l.customer_id, CAST(floor(l.ts / 10000) * 10000 AS BIGINT) AS window_start, l.order_id, r.order_id AS other_order
FROM l JOIN r ON l.customer_id = r.customer_id AND floor(l.ts / 10000) = floor(r.ts / 10000)`,
  },
];
