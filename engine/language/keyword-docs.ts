/** One-line docs for the keywords a hover explains. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  select: 'SELECT [DISTINCT] item, … FROM source … — a continuous query over a stream.',
  from: 'FROM stream [AS alias], or FROM TABLE(TUMBLE|HOP|CUMULATE|SESSION(…)) — the stream to read.',
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
  cumulate:
    'CUMULATE(TABLE t, DESCRIPTOR(ts), step, size) — Flink window TVF: windows [start, start + k·step) for k = 1 … size/step, start aligned on size; each fires when the watermark passes its end, so a running total comes out at every step. size must be a whole multiple of step.',
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
  table:
    "CREATE TABLE — Flink's spelling of CREATE STREAM; TABLE(TUMBLE(TABLE t, …)) — a window TVF over stream t.",
  primary:
    'PRIMARY KEY (col, …) NOT ENFORCED — the key of a versioned stream (the right side of a temporal join); declared, not checked, as in Flink.',
  enforced: 'NOT ENFORCED — Flink does not check keys it is told about, and neither does Windtunnel.',
  proctime:
    "PROCTIME() — Flink's processing-time column. A playground replays streams faster than real time, so a wall clock would make every run differ: here it is the row's arrival on the replay clock (a generated row's time before disorder delays it; a file row's running max of event time). A value you can select and compare; windows, joins and OVER run on the WATERMARK column.",
  // Types: what each is stored as (dialect §2); Flink's names are accepted as written.
  bigint: 'BIGINT — a 64-bit integer (stored as a double: exact up to 2^53).',
  int: 'INT — an integer; stored as BIGINT here.',
  integer: 'INTEGER — an integer; stored as BIGINT here.',
  smallint: 'SMALLINT — an integer; stored as BIGINT here (no 16-bit overflow).',
  tinyint: 'TINYINT — an integer; stored as BIGINT here (no 8-bit overflow).',
  double: 'DOUBLE — a 64-bit floating-point number.',
  decimal:
    "DECIMAL(p, s) — read as DOUBLE here: binary floating point, not exact decimal, so sums of money can differ from Flink's in the last digits.",
  numeric: 'NUMERIC(p, s) — a synonym of DECIMAL; read as DOUBLE here.',
  varchar: 'VARCHAR(n) — a string; the length is accepted and not enforced.',
  string: "STRING — Flink's name for VARCHAR.",
  boolean: 'BOOLEAN — TRUE, FALSE or NULL.',
  timestamp:
    'TIMESTAMP(p) — an event time, stored as epoch milliseconds (precision above 3 is accepted and truncated to ms).',
  timestamp_ltz:
    "TIMESTAMP_LTZ(p) — Flink's instant type; stored like TIMESTAMP (epoch ms, shown in UTC) since a playground has no session time zone.",
  window_start: "window_start TIMESTAMP — start of the row's window (inclusive).",
  window_end: "window_end TIMESTAMP — end of the row's window (exclusive).",
  exists:
    'EXISTS (SELECT … FROM r WHERE l.k = r.k AND …) — in WHERE, a SEMI join (left rows with a match); NOT EXISTS an ANTI join (rows without). Here both sides are read through the same window TVF with equal window_start and window_end, and the join emits once per window. Hover it in a query that compiles to see the join found.',
  join: "a JOIN b ON … — the planner picks by the condition: interval (bounds on both time attributes: state kept only as long as the bounds), window (equal window_start and window_end of the same window TVF: once per window), temporal (FOR SYSTEM_TIME AS OF on a PRIMARY KEY stream: the version valid at the row's time) or regular (state of both sides kept; an updating changelog). It runs at the lower of its inputs' watermarks. Hover a JOIN of a query that compiles to see which was found.",
  left: 'LEFT [OUTER] JOIN — every left row comes out; one without a partner beside NULLs (an interval join emits it once the watermark passes its bound; a regular join first emits it padded, then retracts that when a partner comes).',
  right: 'RIGHT [OUTER] JOIN — every right row comes out, those without a partner beside NULLs.',
  full: 'FULL [OUTER] JOIN — every row of both sides comes out, those without a partner beside NULLs.',
  system_time:
    "FOR SYSTEM_TIME AS OF left.time — a temporal join: each left row meets the right stream's version (by its PRIMARY KEY) valid at the left row's event time, emitted once the watermark reaches that time.",
  idle_timeout:
    "idle_timeout — after this long (arrival time) without a row, a stream stops holding a join's combined watermark back (Flink's table.exec.source.idle-timeout).",
};
