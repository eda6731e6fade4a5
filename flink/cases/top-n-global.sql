-- Regular Top-N without PARTITION BY (one partition): the 5 cheapest trades of the stream, rn not selected.
CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP) WITH (total = 5000, keys = 20, seed = 12);
SELECT trader_id, symbol, price FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY price ASC) AS rn FROM trades
) WHERE rn < 6 AND side = 'BUY';
