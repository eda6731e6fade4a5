-- input: events
-- non-windowed GROUP BY (EMIT CHANGES by default) with HAVING
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, COUNT(*) AS n, SUM(v) AS sv, MAX(x) AS mx FROM ev GROUP BY k HAVING COUNT(*) >= 2;
