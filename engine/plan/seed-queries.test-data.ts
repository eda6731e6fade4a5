/** The five seed queries of dialect §7, verbatim (test data). */
export const SEED_QUERIES = {
  S0: 'SELECT order_id, customer_id, total_amount FROM orders WHERE total_amount > 100;',
  S1: `SELECT symbol, price,
  AVG(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_avg,
  MIN(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_min,
  MAX(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS moving_max
FROM trades;`,
  S2: `SELECT trader_id, symbol, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol;`,
  S3a: `SELECT trader_id, symbol, window_start, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL;`,
  S3b: `SELECT trader_id, symbol, window_start, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT CHANGES;`,
} as const;
