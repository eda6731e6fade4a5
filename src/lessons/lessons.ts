/**
 * The lessons gallery: the five seed scenarios and short teaching scripts. Each lesson is a
 * whole script (its stream declared, bounded and seeded, so it finishes and replays the same)
 * plus the run settings it needs and where the app scrolls when it opens.
 */
// The seed scenarios are the playground's examples too (engine/scenarios says so); engine/index.ts
// does not re-export them yet, so this one import reaches past it.
import { SEED_SCENARIOS } from '../../engine/index';
import type { Settings } from '../state/settings';

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** Two or three sentences on what to watch. */
  readonly watch: string;
  readonly script: string;
  readonly settings?: Partial<Settings>;
  /** Where the app scrolls when the lesson opens. */
  readonly focus: 'timeline' | 'results' | 'compare';
}

/** Rows a seed lesson plays: at the scenarios' 50,000 rows/s that is 10 seconds of live charts. */
export const SEED_LESSON_ROWS = 500_000;

const SEED_WATCH: Record<string, string> = {
  S0: 'A stateless filter: every order above 100 comes straight out, so rows out follow rows in at about 29 %. Press Compare below to race the variants on it — with no key, partitions split the stream freely.',
  S1: 'One output row per trade, carrying the moving average, min and max of the last 100 trades of its symbol. Each row waits for its symbol’s watermark (1 s of event time, about 20 ms here) so that out-of-order trades are still evaluated in time order.',
  S2: 'A running total per (trader, symbol): each trade updates one group, so the changelog fills with +I then +U rows and the latest-value view holds one row per group. Press Compare to see partitions by key share the work.',
  S3a: 'One-minute tumbling windows, EMIT FINAL: nothing comes out until the watermark passes a window’s end, then one row per group arrives at once. The stream covers 50 seconds of event time per wall-clock second, so a window closes about every 1.2 seconds.',
  S3b: 'The same windows with EMIT CHANGES: every trade updates its (trader, symbol, window) row at once (+I, then +U). Compare with S3a — same windows, many more rows out, and no waiting for the watermark.',
};

const seedLessons: Lesson[] = SEED_SCENARIOS.map((s) => ({
  id: s.id.toLowerCase(),
  title: s.title,
  watch: SEED_WATCH[s.id] ?? s.about,
  script: s.sql.replace(/total = \d+/, `total = ${SEED_LESSON_ROWS}`),
  settings: { variant: 'batched', batchSize: 16384 },
  focus: 'results',
}));

/** Teaching lessons run one worker at a watchable rate: every row can be followed by eye. */
const TEACHING: Partial<Settings> = { variant: 'direct', batchSize: 4096 };

const teachingLessons: Lesson[] = [
  {
    id: 'tumbling-hopping',
    title: 'Tumbling vs hopping windows',
    watch:
      'The query that runs uses hopping windows: 4 seconds long, starting every 2 seconds, so each reading lands in two windows and each device gets a row every 2 seconds. Put the cursor in the first SELECT and press Ctrl/⌘+Enter to see tumbling windows: no overlap, each reading counted once, a row per device every 4 seconds.',
    script: `-- Tumbling vs hopping: the same readings, windowed two ways.
-- 10 readings a second, 100 ms of event time apart: event time moves as fast as the clock.
CREATE STREAM sensors (
  device_id VARCHAR, temperature DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND
) WITH (generator = 'sensors', rows_per_second = 10, total = 300, keys = 3,
        event_step = '100ms', seed = 7);

-- Tumbling: back-to-back 4-second windows, each reading in exactly one.
SELECT device_id, window_start, window_end, COUNT(*) AS readings, AVG(temperature) AS avg_temp
FROM sensors GROUP BY device_id WINDOW TUMBLING (ts, INTERVAL '4' SECOND);

-- Hopping: 4-second windows that start every 2 seconds, each reading in two.
SELECT device_id, window_start, window_end, COUNT(*) AS readings, AVG(temperature) AS avg_temp
FROM sensors GROUP BY device_id WINDOW HOPPING (ts, INTERVAL '4' SECOND, INTERVAL '2' SECOND);
`,
    settings: TEACHING,
    focus: 'timeline',
  },
  {
    id: 'sessions',
    title: 'Session windows',
    watch:
      'A session per user lasts while clicks come less than 1 second apart; a quiet second closes it. Busy users keep one long session open while rare ones make many short ones. A click that arrives out of order can bridge two sessions: they merge, and EMIT CHANGES retracts the absorbed one with a -D row.',
    script: `-- Sessions: a user's clicks at most 1 second apart belong together.
CREATE STREAM clicks (
  user_id BIGINT, page VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'clicks', rows_per_second = 10, total = 300, keys = 4, skew = 1.2,
        event_step = '200ms', out_of_order = 0.2, max_out_of_order = '800ms', seed = 3);

SELECT user_id, window_start, window_end, COUNT(*) AS clicks, COUNT(DISTINCT page) AS pages
FROM clicks GROUP BY user_id WINDOW SESSION (ts, INTERVAL '1' SECOND) EMIT CHANGES;
`,
    settings: TEACHING,
    focus: 'timeline',
  },
  {
    id: 'late-rows',
    title: 'Watermarks and late rows',
    watch:
      'The watermark trails the newest reading by 200 ms; a 1-second window fires once the watermark passes its end. One reading in ten arrives too far behind the watermark: if its window has already fired, the row is late — dropped from that window, drawn in red and listed with its reason, never lost silently.',
    script: `-- Watermarks and late rows: the watermark says "no earlier rows are coming"; some do anyway.
CREATE STREAM sensors (
  device_id VARCHAR, temperature DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '200' MILLISECOND
) WITH (generator = 'sensors', rows_per_second = 10, total = 300, keys = 3,
        event_step = '100ms', out_of_order = 0.2, max_out_of_order = '150ms', late = 0.1, seed = 5);

SELECT device_id, window_start, COUNT(*) AS readings, MAX(temperature) AS max_temp
FROM sensors GROUP BY device_id WINDOW TUMBLING (ts, INTERVAL '1' SECOND) EMIT FINAL;
`,
    settings: TEACHING,
    focus: 'timeline',
  },
  {
    id: 'grace',
    title: 'Grace periods',
    watch:
      'The same late readings as the previous lesson, but each window keeps accepting stragglers for 500 ms after it fires. A late row within the grace period is added and its window fires again with a corrected +U row; only the few rows later than that are dropped — results that can change after they appear, in exchange for fewer drops.',
    script: `-- Grace periods: accept late rows for a while, and correct the window's result.
CREATE STREAM sensors (
  device_id VARCHAR, temperature DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '200' MILLISECOND
) WITH (generator = 'sensors', rows_per_second = 10, total = 300, keys = 3,
        event_step = '100ms', out_of_order = 0.2, max_out_of_order = '150ms', late = 0.1, seed = 5);

SELECT device_id, window_start, COUNT(*) AS readings, MAX(temperature) AS max_temp
FROM sensors GROUP BY device_id
WINDOW TUMBLING (ts, INTERVAL '1' SECOND) GRACE PERIOD INTERVAL '500' MILLISECOND EMIT FINAL;
`,
    settings: TEACHING,
    focus: 'timeline',
  },
  {
    id: 'emit',
    title: 'EMIT FINAL vs EMIT CHANGES',
    watch:
      'EMIT CHANGES (the query that runs) answers at once: every trade updates its symbol’s window and emits it, +I the first time, +U after. Run the first SELECT (cursor in it, Ctrl/⌘+Enter) for EMIT FINAL: silence until the watermark closes a 3-second window, then exactly one row per symbol.',
    script: `-- EMIT FINAL vs EMIT CHANGES: when does a window's result come out?
CREATE STREAM trades (
  symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND
) WITH (generator = 'trades', rows_per_second = 8, total = 240, keys = 3,
        event_step = '125ms', seed = 11);

-- EMIT FINAL: one row per symbol and window, once the window is complete.
SELECT symbol, window_start, COUNT(*) AS trades, SUM(quantity) AS volume
FROM trades GROUP BY symbol WINDOW TUMBLING (ts, INTERVAL '3' SECOND) EMIT FINAL;

-- EMIT CHANGES: a new version of the row after every trade.
SELECT symbol, window_start, COUNT(*) AS trades, SUM(quantity) AS volume
FROM trades GROUP BY symbol WINDOW TUMBLING (ts, INTERVAL '3' SECOND) EMIT CHANGES;
`,
    settings: TEACHING,
    focus: 'results',
  },
  {
    id: 'top-n',
    title: 'Top 3 symbols by volume per window',
    watch:
      'A window aggregate sums each symbol’s volume per 5-second window; the ranking around it keeps the three largest of each window and numbers them. Nothing comes out until the watermark closes a window, then exactly its top three at once, in rank order — a window Top-N never revises what it emitted.',
    script: `-- Window Top-N: the three symbols with the largest volume in each 5-second window.
CREATE STREAM trades (
  symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND
) WITH (generator = 'trades', rows_per_second = 20, total = 600, keys = 6,
        event_step = '50ms', seed = 13);

SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY volume DESC) AS rownum
  FROM (
    SELECT window_start, window_end, symbol, SUM(quantity) AS volume, COUNT(*) AS trades
    FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '5' SECOND))
    GROUP BY window_start, window_end, symbol
  )
) WHERE rownum <= 3;
`,
    settings: TEACHING,
    focus: 'results',
  },
  {
    id: 'cumulate',
    title: 'Cumulative revenue within the hour',
    watch:
      'CUMULATE windows all start at the top of the hour and grow by 10 minutes: [09:00, 09:10), [09:00, 09:20) … [09:00, 10:00), and each fires as the watermark passes its end, so the hour’s running revenue comes out every 10 minutes of event time. On the timeline the windows of an hour are a staircase, one row down per step, that fills and fires step by step; at 10:00 a new one starts. The last step of each hour equals the 1-hour TUMBLE of the first SELECT (Ctrl/⌘+Enter with the cursor in it), which says nothing until the hour is over.',
    script: `-- CUMULATE: a running total for each hour, one row every 10 minutes of event time.
-- 10 orders a second, 20 s of event time apart: an hour of orders every 18 seconds.
CREATE STREAM orders (
  order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH (generator = 'orders', rows_per_second = 10, total = 360, keys = 4,
        event_step = '20s', start_time = '2024-03-01T09:01:00Z', out_of_order = 0.2,
        max_out_of_order = '50s', seed = 8);

-- The same hours as one TUMBLE: a single row per hour, at its end.
SELECT window_start, window_end, COUNT(*) AS orders, ROUND(SUM(total_amount), 2) AS revenue
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;

-- Revenue since the top of the hour, at every 10-minute step.
SELECT window_start, window_end, COUNT(*) AS orders, ROUND(SUM(total_amount), 2) AS revenue
FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
`,
    settings: TEACHING,
    focus: 'timeline',
  },
  {
    id: 'with-pipeline',
    title: 'A pipeline in three WITH steps',
    watch:
      'Each WITH step is a named query that the next one reads like a stream: keep the buys, sum them per 5-second window and symbol, rank the symbols of each window. The plan graph (and EXPLAIN) shows the three steps compiled into one pipeline — Filter, WindowAggregate, window Top-N — with no step materialised in between. Rows come out only as windows close, the top 2 of each at once, in rank order.',
    script: `-- A pipeline in three WITH steps: filter, aggregate per window, rank; the last SELECT keeps the top 2.
CREATE STREAM trades (
  symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND
) WITH (generator = 'trades', rows_per_second = 20, total = 600, keys = 4,
        event_step = '50ms', seed = 17);

WITH
  -- 1. Keep the buys and price each one.
  buys AS (
    SELECT symbol, price * quantity AS notional, ts FROM trades WHERE side = 'BUY'
  ),
  -- 2. Per 5-second window and symbol: how much was bought.
  per_window AS (
    SELECT window_start, window_end, symbol, ROUND(SUM(notional), 2) AS bought, COUNT(*) AS buys
    FROM TABLE(TUMBLE(TABLE buys, DESCRIPTOR(ts), INTERVAL '5' SECOND))
    GROUP BY window_start, window_end, symbol
  ),
  -- 3. Rank the symbols of each window by it.
  ranked AS (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bought DESC) AS rownum
    FROM per_window
  )
SELECT * FROM ranked WHERE rownum <= 2;
`,
    settings: TEACHING,
    focus: 'results',
  },
  {
    id: 'dedup',
    title: 'Deduplicate a retrying sensor',
    watch:
      'Every fifth report repeats the reading number before it (a retry), and ROW_NUMBER() = 1 per reading keeps one copy: the query that runs keeps the first, so 300 reports give 241 rows, each emitted once and never revised. Put the cursor in the first SELECT to keep the last copy instead (ORDER BY ts DESC): the changelog view shows each retry retracting the copy emitted before it (-D) and inserting itself (+I), and the latest-value view holds 241 rows again.',
    script: `-- Deduplication: a sensor resends a reading (with a fresh measurement) when no acknowledgement
-- comes back, so some reading numbers arrive twice; here every fifth report repeats the one before.
CREATE STREAM reports (
  report_no BIGINT, temperature DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts
) WITH (generator = 'datagen', rows_per_second = 10, total = 300, event_step = '100ms', seed = 21,
        fields.report_no.kind = 'sequence', fields.temperature.min = 18, fields.temperature.max = 24);

-- Keep the last copy (ORDER BY ts DESC): updating, a retry replaces the row emitted before it.
SELECT reading, temperature, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY reading ORDER BY ts DESC) AS rn
  FROM (SELECT CAST(FLOOR(report_no * 0.8) AS BIGINT) AS reading, temperature, ts FROM reports)
) WHERE rn = 1;

-- Keep the first copy (ORDER BY ts): append-only, one row per reading.
SELECT reading, temperature, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY reading ORDER BY ts) AS rn
  FROM (SELECT CAST(FLOOR(report_no * 0.8) AS BIGINT) AS reading, temperature, ts FROM reports)
) WHERE rn = 1;
`,
    settings: TEACHING,
    focus: 'results',
  },
  {
    id: 'architectures',
    title: 'Per-record vs batched vs partitioned',
    watch:
      'The same query and seed, run as fast as possible. Press Compare (tick per-record too): one awaited call per row is orders of magnitude slower than columnar batches, partitions by key add workers without a lock, and “where the time went” shows what each run waited on and how two workers split the rows (even here; group by symbol alone and the skewed symbols give one worker 63 %). Every row of the table must show the same checksum — a fast wrong answer does not count.',
    script: `-- Per-record vs batched vs partitioned: how rows move between threads decides the speed.
CREATE STREAM trades (
  trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'trades', rows_per_second = 0, total = 1000000, keys = 50, skew = 1.1,
        out_of_order = 0.05, max_out_of_order = '200ms', seed = 42);

SELECT trader_id, symbol, window_start, COUNT(*) AS trades, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL;
`,
    settings: { variant: 'batched', batchSize: 16384, partitions: 2, source: 'local' },
    focus: 'compare',
  },
];

/** Orders 10 a second, 100 ms apart; their payments 8 a second (8 per 10 orders), 1–5 s after each order. */
const ORDERS_AND_PAYMENTS = `CREATE STREAM orders (
  order_id BIGINT, customer_id BIGINT, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'orders', rows_per_second = 10, total = 300, keys = 4,
        event_step = '100ms', seed = 21);
-- Same seed, keys and event_step as orders: each payment names one of these orders.
CREATE STREAM payments (
  payment_id BIGINT, order_id BIGINT, amount DOUBLE, method VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (generator = 'payments', rows_per_second = 8, total = 240, keys = 4,
        event_step = '100ms', seed = 21);`;

/** Payments 8 a second from 20 s of event time on; rates of 4 currencies, one new rate every few seconds. */
const paymentsAndRates = (step: string, total: number, extra = ''): string => `CREATE STREAM payments (
  payment_id BIGINT, amount DOUBLE, currency VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND
) WITH (generator = 'payments', rows_per_second = 8, total = 240, keys = 4,
        event_step = '100ms', start_time = 17000, seed = 5);
-- A versioned table: its primary key and event time say which rate is valid when.
-- rows_per_second = 0: each rate is ready when its time comes; only event time spaces them.
CREATE STREAM rates (
  currency VARCHAR, rate DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts, PRIMARY KEY (currency) NOT ENFORCED
) WITH (generator = 'rates', rows_per_second = 0, total = ${total}, keys = 4, event_step = '${step}', seed = 5);${extra}`;

const joinLessons: Lesson[] = [
  {
    id: 'interval-join',
    title: 'Interval join: orders and their payments',
    watch:
      'Each payment meets its order if it comes within 10 s of it, so a row needs to stay in state only until the watermark is 10 s past it: state stays at about 10 s of orders however long the stream runs. Most orders are paid 1–5 s later and come out then; one in ten is paid over 20 s late and two in ten never, which the first SELECT (a LEFT JOIN: run it with the cursor in it and Ctrl/⌘+Enter) shows as NULL payments once their 10 s are over.',
    script: `-- Interval join: an order and its payment, at most 10 seconds apart.
${ORDERS_AND_PAYMENTS}

-- LEFT: every order comes out; unpaid (or too late) ones with NULLs, once their 10 s have passed.
SELECT o.order_id, o.total_amount, p.payment_id, p.method, p.ts AS paid_at
FROM orders o LEFT JOIN payments p
  ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;

-- INNER: a row as soon as a payment finds its order.
SELECT o.order_id, o.total_amount, p.payment_id, p.method, o.ts AS ordered_at, p.ts AS paid_at
FROM orders o JOIN payments p
  ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;
`,
    settings: TEACHING,
    focus: 'results',
  },
  {
    id: 'window-join',
    title: 'Tumbling window join',
    watch:
      'Both streams are cut into the same 5-second windows and joined per window: nothing comes out until the combined watermark (the lower of the two) passes a window’s end, then all its pairs at once. A payment that falls into the next window than its order finds no partner — window joins trade such misses at the edges for state that is dropped window by window.',
    script: `-- Window join: orders and payments of the same 5-second window.
${ORDERS_AND_PAYMENTS}

SELECT O.window_start, O.window_end, O.order_id, O.total_amount, P.payment_id, P.method
FROM (SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND))) O
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '5' SECOND))) P
  ON O.order_id = P.order_id AND O.window_start = P.window_start AND O.window_end = P.window_end;
`,
    settings: TEACHING,
    focus: 'results',
  },
  {
    id: 'slow-input',
    title: 'The slow input holds the watermark back',
    watch:
      'Payments come 8 a second but a new rate only every 5 s, and a join’s watermark is the lower of its inputs’: each payment waits for the next rate before it can be joined, so results arrive in bursts every 5 seconds. Run the first SELECT (cursor in it, Ctrl/⌘+Enter): there the rates stream has idle_timeout = 1s, so after a second without a rate it stops holding the watermark back and payments come out steadily. On the timeline, each input has its own dotted watermark line; the solid one, the join’s, sits on the lower of them.',
    script: `-- The slow input: a join waits for the input that sends least often.
${paymentsAndRates(
  '5s',
  12,
  `
-- The same rates, but idle after 1 s without a row: the watermark then follows the payments alone.
CREATE STREAM idle_rates (
  currency VARCHAR, rate DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts, PRIMARY KEY (currency) NOT ENFORCED
) WITH (generator = 'rates', rows_per_second = 0, total = 12, keys = 4, event_step = '5s', seed = 5,
        idle_timeout = '1s');`,
)}

-- With idle_timeout: steady output.
SELECT p.payment_id, p.currency, p.amount, r.rate, ROUND(p.amount * r.rate, 2) AS amount_eur, p.ts
FROM payments p JOIN idle_rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency;

-- Without: bursts every 5 s, when a rate comes.
SELECT p.payment_id, p.currency, p.amount, r.rate, ROUND(p.amount * r.rate, 2) AS amount_eur, p.ts
FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency;
`,
    settings: TEACHING,
    focus: 'timeline',
  },
  {
    id: 'temporal-join',
    title: 'Temporal join vs regular join',
    watch:
      'The temporal join (the query that runs) gives each payment the rate its currency had at the payment’s time: one row per payment, emitted once the watermark passes it, never revised. Run the first SELECT for a regular join on currency: every payment pairs with every rate of its currency, earlier and later ones, so the result keeps growing as rates change and its state never shrinks.',
    script: `-- Temporal vs regular join against a table that changes: exchange rates.
${paymentsAndRates('1s', 60)}

-- Regular join: all versions, past and future, and state that only grows.
SELECT p.payment_id, p.currency, p.amount, r.rate, r.ts AS rate_time, p.ts
FROM payments p JOIN rates r ON p.currency = r.currency;

-- Temporal join: the version valid at the payment's time.
SELECT p.payment_id, p.currency, p.amount, r.rate, ROUND(p.amount * r.rate, 2) AS amount_eur, p.ts
FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency;
`,
    settings: TEACHING,
    focus: 'results',
  },
];

export const LESSONS: readonly Lesson[] = [...seedLessons, ...teachingLessons, ...joinLessons];
