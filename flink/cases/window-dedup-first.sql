-- Window deduplication: the first reading per device and 1-second tumbling window, emitted once per window.
CREATE STREAM sensors (device_id VARCHAR, site VARCHAR, temperature DOUBLE, humidity DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND) WITH (total = 5000, keys = 20, seed = 6);
SELECT device_id, temperature, ts, window_start, window_end FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, device_id ORDER BY ts ASC) AS rn
  FROM TABLE(TUMBLE(TABLE sensors, DESCRIPTOR(ts), INTERVAL '1' SECOND))
) WHERE rn <= 1;
