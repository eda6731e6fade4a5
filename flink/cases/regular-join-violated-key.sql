-- A regular join whose right side declares PRIMARY KEY (user_id) NOT ENFORCED while its rows repeat user_id.
-- Windtunnel uses a primary key only to version a temporal join's table, so it joins every click; Flink trusts
-- the key and keeps one click per user_id in the join's state (see known-differences.json).
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP) WITH (total = 200, keys = 15, seed = 5);
CREATE STREAM clicks (user_id BIGINT, page VARCHAR, referrer VARCHAR, latency_ms DOUBLE, ts TIMESTAMP, PRIMARY KEY (user_id) NOT ENFORCED) WITH (total = 150, keys = 25, seed = 9);
SELECT o.order_id, c.page FROM orders o JOIN clicks c ON o.customer_id = c.user_id;
