-- A regular inner join of two bounded generators: append-only, every matching pair.
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP) WITH (total = 200, keys = 15, seed = 5);
CREATE STREAM clicks (user_id BIGINT, page VARCHAR, referrer VARCHAR, latency_ms DOUBLE, ts TIMESTAMP) WITH (total = 150, keys = 25, seed = 9);
SELECT o.order_id, c.page, o.total_amount + c.latency_ms AS x FROM orders o JOIN clicks c ON o.customer_id = c.user_id;
