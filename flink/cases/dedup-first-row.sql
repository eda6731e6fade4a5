-- Deduplication keeping the first reading per device (ORDER BY ts ASC, rn = 1): append-only here; in order, so Flink's rows agree.
CREATE STREAM sensors (device_id VARCHAR, site VARCHAR, temperature DOUBLE, humidity DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 5000, keys = 50, seed = 4);
SELECT device_id, site, temperature, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY ts ASC) AS rn FROM sensors
) WHERE rn = 1;
