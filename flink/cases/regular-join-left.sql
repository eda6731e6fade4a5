-- LEFT JOIN: a null-padded row is retracted when its first match arrives; the final states must agree.
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP) WITH (total = 200, keys = 40, seed = 5);
CREATE STREAM clicks (user_id BIGINT, page VARCHAR, referrer VARCHAR, latency_ms DOUBLE, ts TIMESTAMP) WITH (total = 60, keys = 40, seed = 9);
SELECT o.order_id, o.customer_id, c.page FROM orders o LEFT JOIN clicks c ON o.customer_id = c.user_id;
