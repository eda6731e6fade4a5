-- Flink docs' comma form over three streams: each interval join takes the part of WHERE about its own relations.
CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 50, seed = 5);
CREATE STREAM payments (payment_id BIGINT, order_id BIGINT, customer_id BIGINT, amount DOUBLE, method VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 50, seed = 5);
CREATE STREAM impressions (impression_id BIGINT, user_id BIGINT, ad_id BIGINT, placement VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = 3000, keys = 50, seed = 9);
SELECT o.order_id, p.payment_id, i.impression_id, p.amount
FROM orders o, payments p, impressions i
WHERE o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND
  AND i.user_id = o.customer_id AND i.ts BETWEEN o.ts - INTERVAL '20' MILLISECOND AND o.ts
  AND p.amount > 20;
