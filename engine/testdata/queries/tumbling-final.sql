-- input: events
-- TUMBLING 5s EMIT FINAL: late rows dropped, NULL key is a group, NULL values ignored
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, window_start, window_end, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, AVG(x) AS ax, MIN(x) AS mn, MAX(s) AS mx
FROM ev GROUP BY k WINDOW TUMBLING (ts, INTERVAL '5' SECOND) EMIT FINAL;
