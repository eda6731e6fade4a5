-- A tumbling count over a temporal join's rows: the join emits each payment as the watermark passes it, before that watermark (as Flink does), so the window after it still counts every payment.
CREATE STREAM payments (payment_id BIGINT, order_id BIGINT, customer_id BIGINT, amount DOUBLE, currency VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, seed = 5);
CREATE STREAM rates (currency VARCHAR, rate DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts, PRIMARY KEY (currency) NOT ENFORCED) WITH (total = 300, seed = 5);
WITH conv AS (
  SELECT p.payment_id, p.amount * r.rate AS eur, p.ts
  FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency)
SELECT window_start, COUNT(*) AS n, ROUND(SUM(eur), 2) AS eur
FROM TABLE(TUMBLE(TABLE conv, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;
