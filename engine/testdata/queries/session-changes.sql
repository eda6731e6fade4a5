-- input: events
-- SESSION gap 2s EMIT CHANGES: a merge retracts the absorbed session with -D
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS sv
FROM ev GROUP BY k WINDOW SESSION (ts, INTERVAL '2' SECOND) EMIT CHANGES;
