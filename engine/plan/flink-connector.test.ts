/** Flink connector options in pasted DDL (issue #17): what maps, what warns (located), what fails. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/diagnostic';
import { compileScript } from './compile';
import { explainPlan } from './explain';
import { unfedSourceMessage } from './unfed-source';

const compile = (sql: string) => compileScript(sql);

/** The diagnostic of `severity` whose span is `text` in `sql` (by its first occurrence). */
function at(sql: string, ds: readonly Diagnostic[], text: string): Diagnostic {
  const offset = sql.indexOf(text);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = sql.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  const d = ds.find((x) => x.line === line && x.column === column);
  expect(d, `no diagnostic at ${text}: ${JSON.stringify(ds)}`).toBeDefined();
  expect(d!.length).toBe(text.length);
  return d!;
}

const ORDERS = `CREATE TABLE Orders (
  order_number BIGINT,
  price        DECIMAL(32,2),
  buyer        STRING,
  order_time   TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'number-of-rows' = '100',
  'fields.order_number.kind' = 'sequence',
  'fields.order_number.start' = '1',
  'fields.order_number.end' = '50',
  'fields.price.min' = '1',
  'fields.price.max' = '10',
  'fields.buyer.length' = '4'
);
SELECT * FROM Orders;`;

describe("'connector' = 'datagen'", () => {
  it('maps rate, size and fields.* onto a datagen generator made from the columns', () => {
    const r = compile(ORDERS);
    expect(r.diagnostics).toEqual([]);
    const s = r.plan!.sources[0]!;
    expect(s.generator).toBe('datagen');
    expect(s.keyColumn).toBeNull();
    // number-of-rows = 100, but the sequence 1..50 runs out first, as in Flink.
    expect(s.options).toMatchObject({
      rows_per_second: 10,
      total: 50,
      connector: 'datagen',
      'fields.order_number.kind': 'sequence',
      'fields.order_number.start': 1,
      'fields.order_number.end': 50,
      'fields.price.min': 1,
      'fields.price.max': 10,
      'fields.buyer.length': 4,
    });
    expect(explainPlan(r.plan!).text).toContain('generator: datagen');
  });

  it('uses the built-in generator of the same name when its columns fit and no fields.* are given', () => {
    const r = compile(
      "CREATE TABLE trades (symbol STRING, price DOUBLE, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'number-of-rows' = '10'); SELECT * FROM trades",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.sources[0]).toMatchObject({ generator: 'trades', options: { total: 10 } });
    const own = compile(
      "CREATE TABLE trades (symbol STRING, price DOUBLE, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'fields.price.min' = '5'); SELECT * FROM trades",
    );
    expect(own.plan!.sources[0]!.generator).toBe('datagen');
    const named = compile(
      "CREATE TABLE t (symbol STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', generator = 'trades'); SELECT * FROM t",
    );
    expect(named.plan!.sources[0]!.generator).toBe('trades');
  });

  it('puts event time out of order by max-past on the time column, as Flink datagen does', () => {
    const r = compile(
      "CREATE TABLE t (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'fields.ts.max-past' = '5s'); SELECT * FROM t",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.sources[0]!.options).toMatchObject({ max_out_of_order: 5000, out_of_order: 1 });
  });

  it('warns, located, about options that mean nothing here, and still compiles', () => {
    const sql =
      "CREATE TABLE t (id BIGINT, name STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'fields.id.null-rate' = '0.1', 'scan.parallelism' = '2', 'fields.name.min' = '3', 'fields.ts.kind' = 'random'); SELECT * FROM t";
    const r = compile(sql);
    expect(r.plan).not.toBeNull();
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(r.diagnostics).toHaveLength(4);
    expect(at(sql, r.diagnostics, "'fields.id.null-rate'").message).toMatch(/null-rate.*null_rate/);
    expect(at(sql, r.diagnostics, "'scan.parallelism'").message).toMatch(/no meaning in the playground/);
    expect(at(sql, r.diagnostics, "'fields.name.min'").message).toMatch(/no meaning for the VARCHAR column/);
    expect(at(sql, r.diagnostics, "'fields.ts.kind'").message).toMatch(/event-time column/);
  });

  it('fails, located, on a field of no column and on values of the wrong kind', () => {
    const sql =
      "CREATE TABLE t (id BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'fields.idd.kind' = 'sequence', 'fields.id.kind' = 'seq', 'fields.id.max' = 'ten', 'rows-per-second' = '-1'); SELECT * FROM t";
    const r = compile(sql);
    expect(r.plan).toBeNull();
    expect(at(sql, r.diagnostics, "'fields.idd.kind'").message).toMatch(
      /unknown column `idd`.*did you mean `id`/,
    );
    expect(at(sql, r.diagnostics, "'seq'").message).toMatch(/'sequence' or 'random'/);
    expect(at(sql, r.diagnostics, "'ten'").message).toMatch(/expects a number/);
    expect(at(sql, r.diagnostics, "'-1'").message).toMatch(/rows_per_second/);
  });

  it('warns that fields.* are ignored when another generator fills the stream', () => {
    const sql =
      "CREATE TABLE t (symbol STRING, ts TIMESTAMP(3)) WITH (generator = 'trades', 'fields.symbol.length' = '3'); SELECT * FROM t";
    const r = compile(sql);
    expect(r.plan!.sources[0]!.options['fields.symbol.length']).toBeUndefined();
    const d = at(sql, r.diagnostics, "'fields.symbol.length'");
    expect(d).toMatchObject({ severity: 'warning' });
    expect(d.message).toMatch(/the `trades` generator fills this stream/);
  });
});

describe("'connector' = 'filesystem'", () => {
  const sql = `CREATE TABLE logs (msg STRING, ts TIMESTAMP(3)) WITH (
  'connector' = 'filesystem', 'path' = '/data/logs.csv', 'format' = 'csv', 'csv.ignore-parse-errors' = 'true');
SELECT * FROM logs;`;

  it('needs the file its path names: EXPLAIN and the run say to upload it', () => {
    const r = compile(sql);
    expect(r.diagnostics).toHaveLength(1);
    expect(at(sql, r.diagnostics, "'csv.ignore-parse-errors'").severity).toBe('warning');
    const s = r.plan!.sources[0]!;
    expect(s).toMatchObject({ generator: null, options: { path: '/data/logs.csv', format: 'csv' } });
    expect(explainPlan(r.plan!).text).toContain(
      "generator: none, reads a file (upload '/data/logs.csv' to run)",
    );
    expect(unfedSourceMessage(s, 'upload it')).toBe(
      "stream 'logs' reads the file '/data/logs.csv' ('connector' = 'filesystem'), which the playground cannot open by its path: upload it",
    );
  });

  it('never fills a file stream from the built-in generator of the same name', () => {
    const r = compile(
      "CREATE TABLE trades (symbol STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 't.json', 'format' = 'json'); SELECT * FROM trades",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.sources[0]!.generator).toBeNull();
  });

  it('fails, located, on a format it cannot read', () => {
    const bad =
      "CREATE TABLE t (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'x', 'format' = 'parquet'); SELECT * FROM t";
    const r = compile(bad);
    expect(r.plan).toBeNull();
    const d = at(bad, r.diagnostics, "'parquet'");
    expect(d).toMatchObject({ severity: 'error' });
    expect(d.message).toMatch(/'csv' or 'json'/);
  });
});

describe('other connectors', () => {
  const sql = `CREATE TABLE KafkaTable (user_id BIGINT, item_id BIGINT, behavior STRING, ts TIMESTAMP(3)) WITH (
  'connector' = 'kafka',
  'topic' = 'user_behavior',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);
SELECT * FROM KafkaTable;`;

  it('kafka: every option is a located warning, never an error', () => {
    const r = compile(sql);
    expect(r.plan).not.toBeNull();
    expect(r.diagnostics.map((d) => d.severity)).toEqual(Array(5).fill('warning'));
    expect(at(sql, r.diagnostics, "'kafka'").message).toMatch(
      /reads no Kafka here: give it a file or a generator/,
    );
    for (const k of ["'topic'", "'properties.bootstrap.servers'", "'scan.startup.mode'", "'format'"])
      expect(at(sql, r.diagnostics, k).message).toMatch(/no meaning in the playground/);
    expect(r.plan!.sources[0]!.generator).toBeNull();
  });

  it('an unknown connector and sink options warn too', () => {
    const s2 =
      "CREATE TABLE t (a BIGINT) WITH ('connector' = 'jdbc', 'sink.buffer-flush.max-rows' = '10'); SELECT * FROM t";
    const r = compile(s2);
    expect(r.plan).not.toBeNull();
    expect(at(s2, r.diagnostics, "'jdbc'").message).toMatch(/has no meaning in the playground/);
    expect(at(s2, r.diagnostics, "'sink.buffer-flush.max-rows'").severity).toBe('warning');
  });

  it('without a connector, an unknown option is still an error', () => {
    const s3 = "CREATE TABLE t (a BIGINT) WITH ('topic' = 'x'); SELECT * FROM t";
    const r = compile(s3);
    expect(r.plan).toBeNull();
    expect(at(s3, r.diagnostics, "'topic'").severity).toBe('error');
  });
});
