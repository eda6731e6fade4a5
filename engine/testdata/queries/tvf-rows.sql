-- input: events
-- A HOP TVF read as rows (Flink): each row once per window it falls in, with window_start,
-- window_end and window_time (end − 1 ms); nothing is aggregated, so nothing waits or is late.
CREATE TABLE `ev` (`ts` TIMESTAMP(3), `k` STRING, `v` BIGINT, `x` DOUBLE, `s` STRING,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND);
SELECT k, v, ts, window_start, window_end, window_time
FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '3' SECOND, INTERVAL '6' SECOND))
WHERE v < 4;
