-- An interval join of out-of-order orders with clicks 50 ms before to 20 ms after each order.
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 30, seed = 5, out_of_order = 0.1, max_out_of_order = '500ms');
CREATE STREAM clicks (user_id BIGINT, page VARCHAR, referrer VARCHAR, latency_ms DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 30, seed = 9);
SELECT o.order_id, c.page, o.total_amount FROM orders o JOIN clicks c ON o.customer_id = c.user_id AND c.ts BETWEEN o.ts - INTERVAL '50' MILLISECOND AND o.ts + INTERVAL '20' MILLISECOND;
