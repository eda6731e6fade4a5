-- Deduplication keeping the last reading per device (ORDER BY ts DESC, rn = 1): updating, out-of-order rows included.
CREATE STREAM sensors (device_id VARCHAR, site VARCHAR, temperature DOUBLE, humidity DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 5000, keys = 50, out_of_order = 0.2, max_out_of_order = '500ms', seed = 3);
SELECT device_id, temperature, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY ts DESC) AS rn FROM sensors
) WHERE rn = 1;
