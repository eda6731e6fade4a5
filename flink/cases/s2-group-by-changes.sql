-- Seed scenario S2 (non-windowed GROUP BY, an updating changelog) over 5,000 trades.
CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP) WITH (total = 5000, keys = 20, seed = 7);
SELECT trader_id, symbol, COUNT(*) AS trades, AVG(price) AS avg_price, SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol;
