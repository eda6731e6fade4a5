-- A FULL JOIN with USING: order_id once, COALESCE of both sides (as in SQL and Flink); each side's own key by its name.
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 2000, keys = 30, seed = 5);
CREATE STREAM payments (payment_id BIGINT, order_id BIGINT, customer_id BIGINT, amount DOUBLE, method VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 1500, keys = 30, seed = 5);
SELECT order_id, o.order_id AS ordered, p.order_id AS paid, o.total_amount, p.amount
FROM orders o FULL JOIN payments p USING (order_id);
