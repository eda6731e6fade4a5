-- Regular Top-N (updating): the 3 largest trades per symbol by quantity, ties by price then arrival; the final states must agree.
CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP) WITH (total = 5000, keys = 20, seed = 11);
SELECT symbol, trader_id, quantity, price, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY quantity DESC, price) AS rn FROM trades
) WHERE rn <= 3;
