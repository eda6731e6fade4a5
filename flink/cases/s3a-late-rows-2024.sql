-- Seed scenario S3a over 20,000 out-of-order trades with 1 % late rows and a 200 ms watermark delay, event time from 2024-01-01: the same late rows, all far from epoch 0.
CREATE STREAM trades (
  trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '200' MILLISECOND
) WITH (generator = 'trades', rows_per_second = 50000, total = 20000,
        keys = 50, skew = 1.1, out_of_order = 0.05, max_out_of_order = '200ms', late = 0.01, seed = 42,
        start_time = '2024-01-01T00:00:00Z');
SELECT trader_id, symbol, window_start, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL;
