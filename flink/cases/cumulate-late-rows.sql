-- CUMULATE (step 2 s, size 10 s) over 20,000 out-of-order trades with 2 % late rows, 5 ms apart, from 2024: a late row is dropped from the windows of its start that have fired and still counts in those that have not (Flink adds it to the cumulating state of the unfired ones).
CREATE STREAM trades (
  trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '300' MILLISECOND
) WITH (generator = 'trades', rows_per_second = 50000, total = 20000, event_step = '5ms',
        keys = 8, out_of_order = 0.1, max_out_of_order = '250ms', late = 0.02, seed = 9,
        start_time = '2024-01-01T00:00:00Z');
SELECT symbol, window_start, window_end, COUNT(*) AS trades, SUM(quantity) AS volume, MAX(price) AS high
FROM TABLE(CUMULATE(TABLE trades, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY symbol, window_start, window_end;
