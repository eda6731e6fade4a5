-- input: events
-- WHERE with three-valued logic, arithmetic, CASE, string functions, CAST, COALESCE, IN, BETWEEN, LIKE
CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, x DOUBLE, s VARCHAR,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT k, v * 2 AS v2, x / 2 AS half, UPPER(s) AS up, CASE WHEN v > 10 THEN 'big' ELSE 'small' END AS size,
  COALESCE(k, '?') AS k2, CAST(v AS VARCHAR) || '!' AS vs, LENGTH(s) AS len, SUBSTRING(s, 2, 3) AS mid
FROM ev WHERE (v BETWEEN 2 AND 12 OR k IS NULL) AND s NOT LIKE 'bl%' AND k NOT IN ('c');
