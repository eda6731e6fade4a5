-- input: events
-- SESSION gap 2s EMIT FINAL: sessions that merge; a complete session is not reopened
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS sv, FIRST_VALUE(s) AS fs, LAST_VALUE(s) AS ls
FROM ev GROUP BY k WINDOW SESSION (ts, INTERVAL '2' SECOND) EMIT FINAL;
