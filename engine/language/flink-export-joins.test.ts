import { describe, expect, it } from 'vitest';
import { exportFlinkSql, flinkExport } from './flink-export';

const TWO = `CREATE STREAM a (k BIGINT, v DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE STREAM b (k BIGINT, w DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts);
`;

describe('Export as Flink SQL of scripts with several streams', () => {
  it('declares every stream an interval join reads and keeps the join as written', () => {
    const out = exportFlinkSql(
      `${TWO}SELECT a.k, a.v, b.w FROM a JOIN b ON a.k = b.k AND a.ts BETWEEN b.ts - INTERVAL '1' MINUTE AND b.ts + INTERVAL '10' SECOND`,
    );
    expect(out).toContain('CREATE TABLE `a` (');
    expect(out).toContain('CREATE TABLE `b` (');
    expect(out).toContain(
      "`a`.`ts` BETWEEN `b`.`ts` - INTERVAL '1' MINUTE AND `b`.`ts` + INTERVAL '10' SECOND",
    );
    expect(out.match(/'connector' = 'datagen'/g)).toHaveLength(2);
  });

  it('gives a temporal join its versioned table: PRIMARY KEY … NOT ENFORCED', () => {
    const out = exportFlinkSql(
      `CREATE STREAM rates (currency VARCHAR, rate DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts, PRIMARY KEY (currency) NOT ENFORCED);
       CREATE STREAM o (currency VARCHAR, amount BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
       SELECT o.amount * r.rate AS x FROM o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON r.currency = o.currency`,
    );
    expect(out).toMatch(/CREATE TABLE `rates` \([^;]*PRIMARY KEY \(`currency`\) NOT ENFORCED\n\)/);
    expect(out).not.toMatch(/CREATE TABLE `o` \([^;]*PRIMARY KEY/);
    expect(out).toContain('JOIN `rates` FOR SYSTEM_TIME AS OF `o`.`ts` AS `r`');
  });

  it('names the stream in notes when there are several', () => {
    const out = exportFlinkSql(
      `CREATE STREAM a (k BIGINT, ts TIMESTAMP) WITH (skew = 1.1);
       CREATE STREAM b (k BIGINT, ts TIMESTAMP) WITH (seed = 3);
       SELECT * FROM a LEFT JOIN b ON a.k = b.k`,
    );
    expect(out).toContain('No datagen equivalent for a: skew.');
    expect(out).toContain('No datagen equivalent for b: seed.');
    expect(out).toContain('LEFT JOIN `b`');
  });

  it('never prints EMIT, which Flink does not have', () => {
    expect(
      exportFlinkSql(
        'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol WINDOW TUMBLING (ts, 1s) EMIT FINAL',
      ),
    ).not.toMatch(/EMIT/);
    expect(exportFlinkSql('SELECT symbol, COUNT(*) FROM trades GROUP BY symbol EMIT CHANGES')).not.toMatch(
      /EMIT/,
    );
  });
});

describe('the runnable export over files', () => {
  it('reads each stream from its file with the exact watermark delay and no datagen', () => {
    const r = flinkExport(`${TWO}SELECT a.k, COUNT(*), SUM(b.w) FROM a JOIN b ON a.k = b.k GROUP BY a.k`, {
      files: {
        a: { path: '/tmp/x/a.jsonl', format: 'json' },
        b: { path: "/tmp/it's/b.jsonl", format: 'json' },
      },
    });
    expect(r.ok).toBe(true);
    expect(r.text).toContain("'connector' = 'filesystem'");
    expect(r.text).toContain("'path' = '/tmp/x/a.jsonl'");
    expect(r.text).toContain("'path' = '/tmp/it''s/b.jsonl'");
    expect(r.text).toContain("'format' = 'json'");
    expect(r.text).not.toContain('datagen');
    expect(r.text).toContain("WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND");
    expect(r.text).toContain("WATERMARK FOR `ts` AS `ts` - INTERVAL '0' SECOND");
    // Flink would call them EXPR$1 and EXPR$2.
    expect(r.text).toContain('COUNT(*) AS `count(*)`, SUM(`b`.`w`) AS `sum(b.w)`');
  });

  it('says which stream has no file', () => {
    const r = flinkExport(`${TWO}SELECT * FROM a JOIN b ON a.k = b.k`, {
      files: { a: { path: '/a.jsonl', format: 'json' } },
    });
    expect(r).toEqual({ ok: false, text: '-- No file for stream b.' });
  });

  it('keeps the in-app export unchanged when no files are given', () => {
    const sql = 'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol WINDOW TUMBLING (ts, 1s)';
    expect(exportFlinkSql(sql)).toBe(exportFlinkSql(sql, 0 + sql.length));
    expect(exportFlinkSql(sql)).toContain('COUNT(*)\nFROM');
  });
});

describe('intervals in expressions', () => {
  it('are written as Flink reads them: no MILLISECOND unit, no shorthand', () => {
    const out = exportFlinkSql(
      `${TWO}SELECT a.k FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '50' MILLISECOND AND a.ts + 2s`,
    );
    expect(out).toContain(
      "`b`.`ts` BETWEEN `a`.`ts` - INTERVAL '0.05' SECOND AND `a`.`ts` + INTERVAL '2' SECOND",
    );
    expect(out).not.toMatch(/MILLISECOND|2s/);
  });
});
