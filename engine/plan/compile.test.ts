import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScript } from './compile';
import type { PhysicalPlan } from './physical-plan';
import { SEED_QUERIES } from './seed-queries.test-data';

function ok(sql: string, opts?: Parameters<typeof compileScript>[1]): PhysicalPlan {
  const r = compileScript(sql, opts);
  expect(r.diagnostics).toEqual([]);
  expect(r.plan).not.toBeNull();
  return r.plan!;
}

const kinds = (p: PhysicalPlan): string[] => p.nodes.map((n) => n.op).map((o) => o.kind);
const names = (p: PhysicalPlan): string[] => p.output.map((f) => f.name);

describe('seed queries (dialect §7)', () => {
  it('S0: filter + project, only the columns it reads, stateless', () => {
    const p = ok(SEED_QUERIES.S0);
    expect(kinds(p)).toEqual(['filter', 'project']);
    expect(p.sources[0]!.columns.map((c) => c.name)).toEqual([
      'order_id',
      'customer_id',
      'total_amount',
      'ts',
    ]);
    expect(p.sources[0]!.streamSchema.map((c) => c.name)).toEqual([
      'order_id',
      'customer_id',
      'status',
      'total_amount',
      'ts',
    ]);
    expect(p.sources[0]!.timeColumn).toBe(3);
    expect(p.sources[0]!.keyColumn).toBe(1);
    expect(p.sources[0]!.generator).toBe('orders');
    expect(p.partitioning).toEqual({ kind: 'any' });
    expect(p.emit).toBe('append');
    expect(p.outputKey).toEqual([]);
    expect(p.nodes[0]!.op).toMatchObject({
      predicate: { kind: 'binary', op: '>', left: { kind: 'column', index: 2 } },
    });
  });

  it('S1: one OVER operator with three 99-preceding aggregates, hashed by symbol', () => {
    const p = ok(SEED_QUERIES.S1);
    expect(kinds(p)).toEqual(['overWindow', 'project']);
    const over = p.nodes[0]!.op;
    if (over.kind !== 'overWindow') throw new Error('expected overWindow');
    expect(over.functions.map((f) => (f.kind === 'aggregate' ? [f.call.fn, f.preceding] : f.kind))).toEqual([
      ['AVG', 99],
      ['MIN', 99],
      ['MAX', 99],
    ]);
    expect(over.partitionBy).toEqual([{ kind: 'column', index: 0, name: 'symbol', type: 'VARCHAR' }]);
    expect(p.sources[0]!.columns.map((c) => c.name)).toEqual(['symbol', 'price', 'ts']);
    expect(over.timeColumn).toBe(2);
    expect(names(p)).toEqual(['symbol', 'price', 'moving_avg', 'moving_min', 'moving_max']);
    expect(p.partitioning).toEqual({ kind: 'hash', columns: [[0]] });
    expect(p.emit).toBe('append');
    expect(p.outputKey).toEqual([0]);
  });

  it('S2: group aggregate emitting changes', () => {
    const p = ok(SEED_QUERIES.S2);
    expect(kinds(p)).toEqual(['groupAggregate', 'project']);
    const g = p.nodes[0]!.op;
    if (g.kind !== 'groupAggregate') throw new Error('expected groupAggregate');
    expect(g.emit).toBe('changes');
    expect(g.aggregates.map((a) => [a.fn, a.type])).toEqual([
      ['COUNT_STAR', 'BIGINT'],
      ['AVG', 'DOUBLE'],
      ['SUM', 'BIGINT'],
      ['SUM', 'DOUBLE'],
    ]);
    expect(g.schema.map((f) => f.name)).toEqual([
      'trader_id',
      'symbol',
      'count(*)',
      'avg(price)',
      'sum(quantity)',
      'sum(price * quantity)',
    ]);
    expect(names(p)).toEqual(['trader_id', 'symbol', 'trades', 'avg_price', 'volume', 'notional']);
    expect(p.partitioning).toEqual({ kind: 'hash', columns: [[0, 1]] });
    expect(p.emit).toBe('changes');
    expect(p.outputKey).toEqual([0, 1]);
  });

  for (const [id, emit, planEmit] of [
    ['S3a', 'final', 'append'],
    ['S3b', 'changes', 'changes'],
  ] as const) {
    it(`${id}: tumbling 1 minute window aggregate, EMIT ${emit.toUpperCase()}`, () => {
      const p = ok(SEED_QUERIES[id]);
      expect(kinds(p)).toEqual(['windowAggregate', 'project']);
      const w = p.nodes[0]!.op;
      if (w.kind !== 'windowAggregate') throw new Error('expected windowAggregate');
      expect(w.window).toEqual({ kind: 'tumbling', size: 60_000 });
      expect(w.emit).toBe(emit);
      expect(w.grace).toBe(0);
      expect(w.schema.slice(0, 4).map((f) => f.name)).toEqual([
        'trader_id',
        'symbol',
        'window_start',
        'window_end',
      ]);
      expect(names(p)).toEqual([
        'trader_id',
        'symbol',
        'window_start',
        'trades',
        'avg_price',
        'volume',
        'notional',
      ]);
      expect(p.output[2]).toEqual({ name: 'window_start', type: 'TIMESTAMP', nullable: false });
      expect(p.emit).toBe(planEmit);
      expect(p.outputKey).toEqual([0, 1, 2]);
      expect(p.partitioning).toEqual({ kind: 'hash', columns: [[0, 1]] });
    });
  }

  it('plans are plain JSON', () => {
    for (const sql of Object.values(SEED_QUERIES)) {
      const p = ok(sql);
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    }
  });
});

const CONFORMANCE_DIR = join(__dirname, '..', 'testdata', 'conformance');
const conformance = readdirSync(CONFORMANCE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    file: f,
    ...(JSON.parse(readFileSync(join(CONFORMANCE_DIR, f), 'utf8')) as {
      script: string;
      expected: Record<string, unknown>[];
    }),
  }));

describe('conformance scripts', () => {
  it('finds all seven', () => expect(conformance.length).toBe(7));
  for (const c of conformance) {
    it(`${c.file} compiles, with the expected output columns`, () => {
      const p = ok(c.script);
      const first = c.expected[0];
      if (first) expect(new Set(names(p))).toEqual(new Set(Object.keys(first).filter((k) => k !== 'op')));
      expect(p.sources[0]!.generator).toBeNull();
    });
  }

  const plan = (name: string): PhysicalPlan => ok(conformance.find((c) => c.file === `${name}.json`)!.script);

  it('tumble-late-rows: 5 s tumbling, delay 1 s, COUNT(DISTINCT)', () => {
    const p = plan('tumble-late-rows');
    expect(p.sources[0]!.watermarkDelay).toBe(1000);
    const w = p.nodes[0]!.op;
    expect(w).toMatchObject({
      kind: 'windowAggregate',
      window: { kind: 'tumbling', size: 5000 },
      emit: 'final',
    });
    if (w.kind === 'windowAggregate')
      expect(w.aggregates.map((a) => [a.fn, a.distinct])).toEqual([
        ['COUNT_STAR', false],
        ['SUM', false],
        ['COUNT', true],
      ]);
    expect(p.outputKey).toEqual([0, 1]);
  });

  it('the TVF form plans exactly like the WINDOW clause form', () => {
    expect(plan('tumble-flink-tvf-syntax')).toEqual(plan('tumble-late-rows'));
  });

  it('hop: size 10 s, advance 5 s', () => {
    expect(plan('hop-late-rows-per-window').nodes[0]!.op).toMatchObject({
      window: { kind: 'hopping', size: 10_000, advance: 5000 },
    });
  });

  it('session: gap 3 s', () => {
    expect(plan('session-gap').nodes[0]!.op).toMatchObject({
      window: { kind: 'session', gap: 3000 },
      emit: 'final',
    });
  });

  it('emit changes: plan emits changes, keyed by name and window_start', () => {
    const p = plan('tumble-emit-changes-sequence');
    expect(p.emit).toBe('changes');
    expect(p.outputKey.map((i) => p.output[i]!.name)).toEqual(['name', 'window_start']);
  });

  it('ROWS WINDOW BUFFER 6 ROWS is the same frame as ROWS BETWEEN 5 PRECEDING', () => {
    const a = plan('rows-over-buffer-syntax');
    const b = plan('rows-over-per-key-lateness');
    expect(a).toEqual(b);
    expect(a.nodes[0]!.op).toMatchObject({
      kind: 'overWindow',
      delay: 0,
      functions: [{ preceding: 5 }, { preceding: 5 }],
    });
  });
});

describe('compileScript: script handling', () => {
  const script = `CREATE STREAM ev (ts TIMESTAMP, a INT) WITH (seed = 3);
SELECT a FROM ev;
SELECT COUNT(*) FROM trades;
EXPLAIN SELECT symbol FROM trades`;

  it('compiles the last query by default and lists every query and stream', () => {
    const r = compileScript(script);
    expect(r.diagnostics).toEqual([]);
    expect(r.explain).toBe(true);
    expect(r.queries.map((q) => q.index)).toEqual([0, 1, 2]);
    expect(script.slice(r.queries[1]!.span.start, r.queries[1]!.span.end)).toBe(
      'SELECT COUNT(*) FROM trades',
    );
    expect(r.streams.map((s) => [s.name, s.options.map((o) => [o.key, o.value])])).toEqual([
      ['ev', [['seed', 3]]],
    ]);
    expect(r.logical?.kind).toBe('logical');
  });

  it('compiles by index or by cursor offset', () => {
    expect(compileScript(script, { queryIndex: 0 }).plan?.sources[0]?.stream).toBe('ev');
    const at = script.indexOf('COUNT');
    const r = compileScript(script, { offset: at });
    expect(r.plan?.nodes[0]?.op?.kind).toBe('groupAggregate');
    expect(r.plan?.partitioning.kind).toBe('single');
    expect(r.explain).toBe(false);
  });

  it('a syntax error in another query does not block this one', () => {
    const r = compileScript('SELECT FROM trades;\nSELECT symbol FROM trades', { queryIndex: 1 });
    expect(r.diagnostics).toEqual([]);
    expect(r.plan).not.toBeNull();
  });

  it('reports an empty script', () => {
    const r = compileScript('  -- nothing\n');
    expect(r.plan).toBeNull();
    expect(r.diagnostics[0]?.message).toContain('empty');
  });

  it('a DDL stream with no known generator compiles with generator null', () => {
    const p = ok(
      "CREATE STREAM mine (ts TIMESTAMP, v DOUBLE, WATERMARK FOR ts AS ts - 2s) WITH (start_time = '2024-01-01T00:00:00Z'); SELECT v FROM mine",
    );
    expect(p.sources[0]!.generator).toBeNull();
    expect(p.sources[0]!.watermarkDelay).toBe(2000);
    expect(p.sources[0]!.options).toEqual({ start_time: Date.UTC(2024, 0, 1) });
  });
});
