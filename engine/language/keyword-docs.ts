/** One-line docs for the keywords a hover explains. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  select: 'SELECT [DISTINCT] item, … FROM source … — a continuous query over a stream.',
  from: 'FROM stream [AS alias], or FROM TABLE(TUMBLE|HOP|SESSION(…)) — the stream to read.',
  where: 'WHERE predicate — keeps the rows for which it is TRUE (before any aggregation).',
  group: 'GROUP BY expr, … — one result per distinct key (per window, if windowed).',
  having: 'HAVING predicate — filters aggregated results.',
  window: 'WINDOW TUMBLING|HOPPING|SESSION (…) — groups rows into event-time windows.',
  tumbling:
    "TUMBLING ([col,] size) — fixed, non-overlapping windows [k·size, (k+1)·size). Example: TUMBLING (ts, INTERVAL '1' MINUTE).",
  hopping: 'HOPPING ([col,] size, advance) — overlapping windows of `size` starting every `advance`.',
  sliding: 'SLIDING ([col,] size, advance) — a synonym of HOPPING.',
  session:
    'SESSION ([col,] gap) — per key, rows at most `gap` apart chain into one session [first, last + gap).',
  tumble: 'TUMBLE(TABLE t, DESCRIPTOR(ts), size) — Flink window TVF, same as WINDOW TUMBLING.',
  hop: 'HOP(TABLE t, DESCRIPTOR(ts), slide, size) — Flink window TVF; note the slide comes before the size.',
  descriptor: 'DESCRIPTOR(col) — names the time column of a window TVF.',
  grace:
    'GRACE PERIOD interval — allowed lateness: late rows within it still update their window (re-emitted as +U).',
  emit: 'EMIT CHANGES (a row per update) or EMIT FINAL (one row per window when it completes).',
  changes: 'EMIT CHANGES — every accepted row emits the updated result of its group (+I first, then +U).',
  final: 'EMIT FINAL — one row per group and window, when the watermark passes its end.',
  limit: 'LIMIT n — stop after n result rows.',
  over: 'f(…) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN n PRECEDING AND CURRENT ROW) — a row window.',
  partition: 'PARTITION BY — the key of a row window (or of a SESSION TVF).',
  rows: 'ROWS BETWEEN n PRECEDING AND CURRENT ROW — the last n+1 rows of the partition. ROWS WINDOW BUFFER n ROWS is the same as n-1 PRECEDING.',
  buffer: 'ROWS WINDOW BUFFER n ROWS — the last n rows (= ROWS BETWEEN n-1 PRECEDING AND CURRENT ROW).',
  interval:
    "INTERVAL '5' SECOND — a duration (MILLISECOND, SECOND, MINUTE, HOUR, DAY); shorthand 500ms, 5s, 1m, 1h, 1d.",
  watermark:
    'WATERMARK FOR ts AS ts - INTERVAL … — the event-time column and how long to wait for late rows.',
  create: 'CREATE STREAM name (col TYPE, …, WATERMARK FOR …) WITH (option = value, …) — declares a source.',
  stream: 'CREATE STREAM — declares a source stream.',
  explain: 'EXPLAIN SELECT … — shows the plan instead of running it.',
  distinct: 'DISTINCT — each distinct row once (or distinct values inside an aggregate).',
  cast: 'CAST(value AS type) — converts between BIGINT, DOUBLE, VARCHAR, BOOLEAN and TIMESTAMP.',
  case: 'CASE WHEN cond THEN value … [ELSE value] END.',
  window_start: "window_start TIMESTAMP — start of the row's window (inclusive).",
  window_end: "window_end TIMESTAMP — end of the row's window (exclusive).",
};
