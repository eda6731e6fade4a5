-- input: events
-- GRACE PERIOD 2s: late rows within grace re-fire the window with +U; later ones are dropped
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, window_start, COUNT(*) AS n, SUM(v) AS sv
FROM ev GROUP BY k WINDOW TUMBLING (ts, INTERVAL '5' SECOND) GRACE PERIOD INTERVAL '2' SECOND EMIT FINAL;
