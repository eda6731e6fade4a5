-- Seed scenario S1 (ROWS window per symbol) over 3,000 in-order trades. Event time starts in 2024: Flink's row-time OVER drops a row at epoch 0 (its last-triggered time starts at 0).
CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP) WITH (total = 3000, keys = 10, seed = 3, start_time = '2024-01-01T00:00:00Z');
SELECT symbol, ts, price,
  AVG(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_avg,
  MAX(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_max
FROM trades;
