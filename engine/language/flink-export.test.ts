import { describe, expect, it } from 'vitest';
import { exportFlinkSql, flinkInterval } from './flink-export';

describe('Export as Flink SQL', () => {
  it('turns a WINDOW clause into a window TVF and the stream into datagen DDL, stating differences', () => {
    const out = exportFlinkSql(
      `CREATE STREAM trades (symbol VARCHAR, price DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
       WITH (rows_per_second = 500, total = 1000, skew = 1.2);
       SELECT symbol, window_start, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING (ts, 1m) GRACE PERIOD 5s`,
    );
    expect(out).toContain("'connector' = 'datagen'");
    expect(out).toContain("'rows-per-second' = '500'");
    expect(out).toContain("'number-of-rows' = '1000'");
    expect(out).toContain("WATERMARK FOR `ts` AS `ts` - INTERVAL '2' SECOND");
    expect(out).toContain("FROM TABLE(TUMBLE(TABLE `trades`, DESCRIPTOR(`ts`), INTERVAL '1' MINUTE))");
    expect(out).toContain('GROUP BY `symbol`, `window_start`, `window_end`');
    expect(out).toContain('No datagen equivalent for: skew');
    expect(out).toContain('GRACE PERIOD');
    expect(out).not.toMatch(/WINDOW TUMBLING/);
  });

  it('writes HOP with the slide before the size, and SESSION partitioned by the keys', () => {
    const hop = exportFlinkSql(
      'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol WINDOW HOPPING (ts, 10s, 5s)',
    );
    expect(hop).toContain("HOP(TABLE `trades`, DESCRIPTOR(`ts`), INTERVAL '5' SECOND, INTERVAL '10' SECOND)");
    const session = exportFlinkSql(
      'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol WINDOW SESSION (ts, 3s)',
    );
    expect(session).toContain(
      "SESSION(TABLE `trades` PARTITION BY `symbol`, DESCRIPTOR(`ts`), INTERVAL '3' SECOND)",
    );
  });

  it('keeps a CUMULATE TVF as written, its step before its size', () => {
    const out = exportFlinkSql(
      `SELECT window_start, window_end, SUM(total_amount) AS revenue
       FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))
       GROUP BY window_start, window_end`,
    );
    expect(out).toContain(
      "FROM TABLE(CUMULATE(TABLE `orders`, DESCRIPTOR(`ts`), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))",
    );
    expect(out).toContain('GROUP BY `window_start`, `window_end`');
  });

  it('spells the BUFFER row frame as ROWS BETWEEN', () => {
    const out = exportFlinkSql(
      'SELECT symbol, AVG(price) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY symbol ORDER BY ts) AS a FROM trades',
    );
    expect(out).toContain('ROWS BETWEEN 99 PRECEDING AND CURRENT ROW');
  });

  it('explains instead of exporting a broken script', () => {
    expect(exportFlinkSql('SELECT prise FROM trades')).toMatch(/^-- The script has errors[^]*did you mean/);
  });

  it('picks the largest exact interval unit', () => {
    expect(flinkInterval(60_000)).toBe("INTERVAL '1' MINUTE");
    expect(flinkInterval(1500)).toBe("INTERVAL '1.5' SECOND");
    expect(flinkInterval(7_200_000)).toBe("INTERVAL '2' HOUR");
  });
});

describe('Export of pasted Flink DDL (issue #17)', () => {
  it('a datagen-backed stream exports as datagen with its field options and the defaults written out', () => {
    const out = exportFlinkSql(
      `CREATE TABLE o (id BIGINT, price DOUBLE, buyer STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
       WITH ('connector' = 'datagen', 'rows-per-second' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100', 'fields.price.max' = '50');
       SELECT id, price, buyer FROM o`,
    );
    expect(out).toContain("'connector' = 'datagen'");
    expect(out).toContain("'rows-per-second' = '5'");
    expect(out).toContain("'number-of-rows' = '100'");
    expect(out).toContain("'fields.id.kind' = 'sequence'");
    expect(out).toContain("'fields.id.start' = '1'");
    expect(out).toContain("'fields.id.end' = '100'");
    expect(out).toContain("'fields.price.min' = '0'");
    expect(out).toContain("'fields.price.max' = '50'");
    expect(out).toContain("'fields.buyer.length' = '10'");
    expect(out).not.toContain("'connector' = 'connector'");
    expect(out).toContain('another PRNG');
  });

  it('a filesystem-backed stream exports with its path and format', () => {
    const out = exportFlinkSql(
      "CREATE TABLE logs (msg STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = '/data/logs.json', 'format' = 'json'); SELECT msg FROM logs",
    );
    expect(out).toContain("'connector' = 'filesystem'");
    expect(out).toContain("'path' = '/data/logs.json'");
    expect(out).toContain("'format' = 'json'");
    expect(out).not.toContain("'connector' = 'datagen'");
  });
});
