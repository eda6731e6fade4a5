-- input: events
-- HOPPING 6s every 3s: a late row counts in one window and is dropped from another
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS sv, COUNT(DISTINCT s) AS ds
FROM ev GROUP BY k WINDOW HOPPING (ts, INTERVAL '6' SECOND, INTERVAL '3' SECOND);
