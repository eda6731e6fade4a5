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
    id: 'architectures',
    title: 'Per-record vs batched vs partitioned',
    watch:
      'The same query and seed, run as fast as possible. Press Compare (tick per-record too): one awaited call per row is orders of magnitude slower than columnar batches, and partitions by key add workers without a lock. Every row of the table must show the same checksum — a fast wrong answer does not count.',
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

export const LESSONS: readonly Lesson[] = [...seedLessons, ...teachingLessons];
