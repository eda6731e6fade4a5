-- input: events
-- non-windowed EMIT FINAL: every aggregate once per group at the end of the stream
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, COUNT(*) AS n, COUNT(x) AS cx, COUNT(DISTINCT s) AS ds, SUM(v) AS sv, AVG(v) AS av, MIN(s) AS mns, MAX(x) AS mxx,
  STDDEV(x) AS sd, STDDEV_POP(x) AS sdp, VARIANCE(x) AS va, VAR_POP(x) AS vp, FIRST_VALUE(s) AS fv, LAST_VALUE(s) AS lv
FROM ev GROUP BY k EMIT FINAL;
