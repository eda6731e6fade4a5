import { describe, expect, it } from 'vitest';
import { compileScript } from './compile';
import type { Expr, PhysicalOperator, PhysicalPlan } from './physical-plan';

function plan(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  expect(r.diagnostics).toEqual([]);
  return r.plan!;
}

function op<K extends PhysicalOperator['kind']>(
  p: PhysicalPlan,
  kind: K,
): Extract<PhysicalOperator, { kind: K }> {
  const o = p.nodes.map((n) => n.op).find((x) => x.kind === kind);
  if (!o)
    throw new Error(
      `no ${kind} in ${p.nodes
        .map((n) => n.op)
        .map((x) => x.kind)
        .join(',')}`,
    );
  return o as Extract<PhysicalOperator, { kind: K }>;
}

const projected = (p: PhysicalPlan): readonly Expr[] => op(p, 'project').exprs;

describe('types', () => {
  it('maps declared types onto engine types', () => {
    const p = plan(
      'CREATE STREAM s (a INT, b INTEGER, c FLOAT, d REAL, e STRING, f TEXT, g BOOLEAN, ts TIMESTAMP); SELECT * FROM s',
    );
    expect(p.sources[0]!.streamSchema.map((f) => f.type)).toEqual([
      'BIGINT',
      'BIGINT',
      'DOUBLE',
      'DOUBLE',
      'VARCHAR',
      'VARCHAR',
      'BOOLEAN',
      'TIMESTAMP',
    ]);
  });
  it('infers arithmetic types; BIGINT / BIGINT stays BIGINT as in Flink', () => {
    const p = plan(
      'SELECT quantity / 2, quantity / 2.0, price * quantity, quantity % 3, -quantity FROM trades',
    );
    expect(projected(p).map((e) => e.type)).toEqual(['BIGINT', 'DOUBLE', 'DOUBLE', 'BIGINT', 'BIGINT']);
  });
  it('types aggregates: COUNT BIGINT, AVG DOUBLE, SUM follows its argument, MIN/MAX keep the type', () => {
    const p = plan(
      'SELECT COUNT(price), AVG(quantity), SUM(quantity), SUM(price), MIN(symbol), MAX(ts), STDDEV(price), FIRST_VALUE(side) FROM trades',
    );
    expect(op(p, 'groupAggregate').aggregates.map((a) => [a.fn, a.type])).toEqual([
      ['COUNT', 'BIGINT'],
      ['AVG', 'DOUBLE'],
      ['SUM', 'BIGINT'],
      ['SUM', 'DOUBLE'],
      ['MIN', 'VARCHAR'],
      ['MAX', 'TIMESTAMP'],
      ['STDDEV_SAMP', 'DOUBLE'],
      ['FIRST_VALUE', 'VARCHAR'],
    ]);
  });
  it('aliases VARIANCE and STDDEV to the sample variants', () => {
    const p = plan('SELECT VARIANCE(price), VAR_POP(price), STDDEV_POP(price) FROM trades');
    expect(op(p, 'groupAggregate').aggregates.map((a) => a.fn)).toEqual([
      'VAR_SAMP',
      'VAR_POP',
      'STDDEV_POP',
    ]);
  });
  it('casts non-strings for || and CONCAT, and types scalar functions', () => {
    const p = plan(
      'SELECT symbol || quantity, CONCAT(symbol, price), ROUND(price, 2), SQRT(quantity), LENGTH(symbol), COALESCE(price, 0), CAST(quantity AS VARCHAR) FROM trades',
    );
    const e = projected(p);
    expect(e[0]).toMatchObject({
      kind: 'binary',
      op: '||',
      right: { kind: 'cast', type: 'VARCHAR' },
      type: 'VARCHAR',
    });
    expect(e.map((x) => x.type)).toEqual([
      'VARCHAR',
      'VARCHAR',
      'DOUBLE',
      'DOUBLE',
      'BIGINT',
      'DOUBLE',
      'VARCHAR',
    ]);
  });
  it('intervals are milliseconds, TIMESTAMP ± interval is a TIMESTAMP', () => {
    const p = plan("SELECT ts + INTERVAL '2' SECOND, ts - 1m, ts - ts FROM trades");
    expect(projected(p)[0]).toMatchObject({ right: { kind: 'literal', value: 2000 }, type: 'TIMESTAMP' });
    expect(projected(p).map((x) => x.type)).toEqual(['TIMESTAMP', 'TIMESTAMP', 'BIGINT']);
  });
  it('binds predicates and CASE', () => {
    const p = plan(
      "SELECT CASE side WHEN 'BUY' THEN 1 ELSE -1 END FROM trades WHERE price BETWEEN 1 AND 2 AND side IN ('BUY', 'SELL') AND symbol LIKE 'A%' AND trader_id IS NOT NULL",
    );
    expect(projected(p)[0]).toMatchObject({ kind: 'case', operand: { kind: 'column' }, type: 'BIGINT' });
    expect(op(p, 'filter').predicate.type).toBe('BOOLEAN');
  });
});

describe('output names', () => {
  it('uses the text as written, lower-cased with whitespace collapsed', () => {
    const p = plan(
      'SELECT COUNT(*), AVG( price ), SUM(price   *  quantity), symbol FROM trades GROUP BY symbol',
    );
    expect(p.output.map((f) => f.name)).toEqual([
      'count(*)',
      'avg(price)',
      'sum(price * quantity)',
      'symbol',
    ]);
  });
  it('disambiguates duplicates with _1, _2', () => {
    const p = plan('SELECT price, price, price AS p, price FROM trades');
    expect(p.output.map((f) => f.name)).toEqual(['price', 'price_1', 'p', 'price_2']);
  });
  it('accepts qualified columns and names them by the column', () => {
    const p = plan('SELECT t.price FROM trades t');
    expect(p.output.map((f) => f.name)).toEqual(['price']);
  });
});

describe('aggregation', () => {
  it('a global aggregate is a keyless group aggregate on a single partition', () => {
    const p = plan('SELECT COUNT(*) AS n FROM trades');
    expect(op(p, 'groupAggregate')).toMatchObject({ groupKeys: [], emit: 'changes' });
    expect(p.partitioning).toMatchObject({ kind: 'single' });
    expect(p.outputKey).toEqual([]);
  });
  it('EMIT FINAL without a window is a final group aggregate', () => {
    const p = plan('SELECT symbol, COUNT(*) FROM trades GROUP BY symbol EMIT FINAL');
    expect(op(p, 'groupAggregate').emit).toBe('final');
    expect(p.emit).toBe('append');
  });
  it('matches select expressions to GROUP BY expressions', () => {
    const p = plan('SELECT UPPER(symbol) AS s, COUNT(*) FROM trades GROUP BY UPPER(symbol)');
    expect(projected(p)[0]).toMatchObject({ kind: 'column', index: 0 });
    expect(p.partitioning).toEqual({ kind: 'hash', columns: [[0]] });
  });
  it('HAVING may use aggregates that are not selected', () => {
    const p = plan('SELECT symbol FROM trades GROUP BY symbol HAVING MAX(price) > 10');
    expect(op(p, 'groupAggregate').aggregates.map((a) => a.fn)).toEqual(['MAX']);
    expect(p.nodes.map((n) => n.op).map((o) => o.kind)).toEqual(['groupAggregate', 'filter', 'project']);
  });
  it('deduplicates identical aggregates', () => {
    expect(op(plan('SELECT COUNT(*), COUNT(*) + 1 FROM trades'), 'groupAggregate').aggregates).toHaveLength(
      1,
    );
  });
  it('WHERE comes before the aggregate and reads only its columns', () => {
    const p = plan("SELECT symbol, SUM(quantity) FROM trades WHERE side = 'BUY' GROUP BY symbol");
    expect(p.nodes.map((n) => n.op).map((o) => o.kind)).toEqual(['filter', 'groupAggregate', 'project']);
    expect(p.sources[0]!.columns.map((c) => c.name)).toEqual(['symbol', 'quantity', 'side', 'ts']);
  });
});

describe('windows', () => {
  it('grace makes a final window emit changes', () => {
    const p = plan('SELECT COUNT(*) FROM trades WINDOW TUMBLING (ts, 5s) GRACE PERIOD 2s');
    expect(op(p, 'windowAggregate')).toMatchObject({ grace: 2000, emit: 'final' });
    expect(p.emit).toBe('changes');
  });
  it('session windows in changes mode emit changes', () => {
    expect(
      plan('SELECT symbol, COUNT(*) FROM trades GROUP BY symbol WINDOW SESSION (10s) EMIT CHANGES').emit,
    ).toBe('changes');
  });
  it('SLIDING is HOPPING; HOP TVF takes the slide first', () => {
    const a = plan('SELECT COUNT(*) FROM trades WINDOW SLIDING (10s, 5s)');
    const b = plan(
      'SELECT COUNT(*) FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), 5s, 10s)) GROUP BY window_start, window_end',
    );
    expect(op(a, 'windowAggregate').window).toEqual({ kind: 'hopping', size: 10_000, advance: 5000 });
    expect(op(b, 'windowAggregate').window).toEqual(op(a, 'windowAggregate').window);
  });
  it('SESSION TVF PARTITION BY adds a group key', () => {
    const p = plan(
      'SELECT symbol, window_start, COUNT(*) FROM TABLE(SESSION(TABLE trades PARTITION BY symbol, DESCRIPTOR(ts), 30s)) GROUP BY window_start, window_end',
    );
    expect(op(p, 'windowAggregate').groupKeys).toHaveLength(1);
    expect(p.partitioning).toEqual({ kind: 'hash', columns: [[0]] });
    expect(p.outputKey).toEqual([0, 1]);
  });
  it('accepts _window_start / _window_end as synonyms', () => {
    const p = plan('SELECT _window_start, _window_end, COUNT(*) FROM trades WINDOW TUMBLING (1m)');
    expect(projected(p).slice(0, 2)).toMatchObject([{ index: 0, type: 'TIMESTAMP' }, { index: 1 }]);
    expect(p.partitioning.kind).toBe('single');
  });
  it('uses the WATERMARK column as the time column', () => {
    const p = plan(
      "CREATE STREAM e (event_time TIMESTAMP, v DOUBLE, WATERMARK FOR event_time AS event_time - INTERVAL '3' SECOND); SELECT SUM(v) FROM e WINDOW TUMBLING (10s)",
    );
    expect(p.sources[0]!.columns.map((c) => c.name)).toEqual(['event_time', 'v']);
    expect(p.sources[0]!.timeColumn).toBe(0);
    expect(p.sources[0]!.watermarkDelay).toBe(3000);
  });
});

describe('row windows', () => {
  it('stacks one operator per distinct PARTITION BY, and LAG/ROW_NUMBER work', () => {
    const p = plan(
      'SELECT symbol, LAG(price) OVER (PARTITION BY symbol ORDER BY ts) AS prev, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY ts) AS n, COUNT(*) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total FROM trades',
    );
    const overs = p.nodes.map((n) => n.op).filter((o) => o.kind === 'overWindow');
    expect(overs).toHaveLength(2);
    expect(overs[0]).toMatchObject({ functions: [{ kind: 'lag', offset: 1 }, { kind: 'rowNumber' }] });
    expect(overs[1]).toMatchObject({
      partitionBy: [],
      functions: [{ kind: 'aggregate', preceding: Number.MAX_SAFE_INTEGER }],
    });
    expect(projected(p).map((e) => (e.kind === 'column' ? e.index : -1))).toEqual([0, 3, 4, 5]);
    expect(p.partitioning).toMatchObject({ kind: 'single' });
  });
  it('carries the stream watermark delay', () => {
    const p = plan(
      "CREATE STREAM s (ts TIMESTAMP, k VARCHAR, v DOUBLE, WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND); SELECT SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING) FROM s",
    );
    expect(op(p, 'overWindow')).toMatchObject({ delay: 500, functions: [{ preceding: 3 }] });
  });
});

describe('sources and partitioning', () => {
  it('normalises WITH options', () => {
    const p = plan(
      "CREATE STREAM trades (symbol VARCHAR, ts TIMESTAMP) WITH (rows_per_second = '1000', max_out_of_order = '1s', event_step = 5ms, generator = trades, start_time = 100, skew = 1.5); SELECT symbol FROM trades",
    );
    expect(p.sources[0]!.options).toEqual({
      rows_per_second: 1000,
      max_out_of_order: 1000,
      event_step: 5,
      generator: 'trades',
      start_time: 100,
      skew: 1.5,
    });
    expect(p.sources[0]!.generator).toBe('trades');
    expect(p.sources[0]!.keyColumn).toBe(0);
  });
  it('a DDL stream may take another generator by option', () => {
    const p = plan(
      "CREATE STREAM mine (symbol VARCHAR, ts TIMESTAMP) WITH (generator = 'trades'); SELECT symbol FROM mine",
    );
    expect(p.sources[0]!).toMatchObject({ stream: 'mine', generator: 'trades' });
  });
  it('DISTINCT over plain columns hashes on them; LIMIT is single', () => {
    expect(plan('SELECT DISTINCT symbol FROM trades').partitioning).toEqual({ kind: 'hash', columns: [[0]] });
    expect(plan('SELECT DISTINCT UPPER(symbol) FROM trades').partitioning.kind).toBe('single');
    expect(plan('SELECT symbol FROM trades LIMIT 5').partitioning).toMatchObject({
      kind: 'single',
      reason: expect.stringContaining('LIMIT'),
    });
  });
  it('quoted identifiers keep their case', () => {
    const p = plan('CREATE STREAM "Mixed" ("Price" DOUBLE, ts TIMESTAMP); SELECT "Price" FROM "Mixed"');
    expect(p.sources[0]!.stream).toBe('Mixed');
    expect(p.output[0]!.name).toBe('Price');
  });
});
