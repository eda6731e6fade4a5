-- input: events
-- DISTINCT keeps first occurrences; LIMIT stops after n rows
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT DISTINCT k, s FROM ev LIMIT 6;
