-- A tumbling count over an interval join's rows: the join's output watermark is held back by its bounds (as Flink holds it), so payments arriving seconds after their orders are not late for the window.
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 50, seed = 5);
CREATE STREAM payments (payment_id BIGINT, order_id BIGINT, customer_id BIGINT, amount DOUBLE, method VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 50, seed = 5);
WITH paid AS (
  SELECT o.order_id, o.ts FROM orders o JOIN payments p
  ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND)
SELECT window_start, COUNT(*) AS paid
FROM TABLE(TUMBLE(TABLE paid, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;
