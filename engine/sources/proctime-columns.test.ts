/**
 * PROCTIME() columns: each row's arrival on the replay clock, filled by the
 * source after the data columns, the same whatever the batch size or split.
 */
import { describe, expect, it } from 'vitest';
import { batchToRows } from '../core/batch-rows';
import type { Row } from '../core/types';
import { compileScript } from '../plan/compile';
import { explainPlan } from '../plan/explain';
import type { PhysicalPlan } from '../plan/physical-plan';
import { createFileSource } from './file-source';
import { createGeneratorSource, type GeneratorSourceOptions } from './generators';
import type { BatchSource } from './batch-source';
import { createRowsSource } from './rows-source';

function planOf(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

function drain(src: BatchSource, plan: PhysicalPlan, maxRows = 7): Row[] {
  const out: Row[] = [];
  for (let b = src.next(maxRows); b; b = src.next(maxRows))
    out.push(...batchToRows(b, plan.sources[0]!.columns));
  return out;
}

const TRADES = `CREATE TABLE trades (symbol VARCHAR, price DOUBLE, ts TIMESTAMP, pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH (total = 200, event_step = 10ms, start_time = 1000, out_of_order = 0.5, max_out_of_order = 2s);
  SELECT symbol, ts, pt FROM trades WHERE price > 0;`;

describe('PROCTIME() in a generated stream', () => {
  const plan = planOf(TRADES);
  const spec = plan.sources[0]!;
  const rows = (opts?: GeneratorSourceOptions, size?: number): Row[] =>
    drain(createGeneratorSource(spec, opts), plan, size);

  it('is the row’s base time: when it happens, before disorder moves ts back', () => {
    const all = rows();
    expect(all).toHaveLength(200);
    all.forEach((r, i) => expect(r['pt']).toBe(1000 + 10 * i));
    expect(all.some((r) => (r['ts'] as number) < (r['pt'] as number))).toBe(true);
    expect(all.every((r) => (r['ts'] as number) <= (r['pt'] as number))).toBe(true);
  });

  it('is the same at any batch size and in any partition', () => {
    const byPt = (rs: Row[]): Row[] => [...rs].sort((a, b) => (a['pt'] as number) - (b['pt'] as number));
    const symbol = spec.columns.findIndex((f) => f.name === 'symbol');
    const parts = [0, 1].flatMap((partition) =>
      rows({ partition, partitions: 2, partitionColumns: [symbol] }, 3),
    );
    expect(byPt(parts)).toEqual(rows(undefined, 64));
  });

  it('is not a column the generator is asked to make', () => {
    expect(spec.columns.find((f) => f.name === 'pt')).toMatchObject({
      type: 'TIMESTAMP',
      nullable: false,
      proctime: true,
    });
  });
});

describe('PROCTIME() in a file or fixture', () => {
  const plan =
    planOf(`CREATE TABLE orders (id BIGINT, pt AS PROCTIME(), ts TIMESTAMP, WATERMARK FOR ts AS ts);
    SELECT id, pt, ts FROM orders;`);
  const spec = plan.sources[0]!;
  const expected = [
    { id: 1, pt: 5000, ts: null },
    { id: 2, pt: 5000, ts: 5000 },
    { id: 3, pt: 5000, ts: 2000 },
    { id: 4, pt: 9000, ts: 9000 },
  ];

  it('in a CSV file is the running max of event time (rows before the first time arrive with it); the file has no such column', () => {
    const csv = 'id,ts\n1,\n2,1970-01-01 00:00:05\n3,1970-01-01 00:00:02\n4,1970-01-01 00:00:09\n';
    const f = createFileSource(spec, csv, 'csv');
    expect(f.errors()).toEqual([]);
    expect(drain(f.source, plan, 2)).toEqual(expected);
  });

  it('in rows given as arrays, which list the data columns only', () => {
    const src = createRowsSource(spec, [
      [1, null],
      [2, 5000],
      [3, 2000],
      [4, 9000],
    ]);
    expect(drain(src, plan, 3)).toEqual(expected);
  });
});

describe('PROCTIME() in the plan', () => {
  it('cannot carry a WATERMARK: that is declared on event time', () => {
    const wm = compileScript(
      'CREATE TABLE t (a BIGINT, pt AS PROCTIME(), WATERMARK FOR pt AS pt); SELECT a FROM t;',
    );
    expect(wm.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/`pt` is a PROCTIME\(\) column: a WATERMARK is declared on an event-time column/),
    ]);
  });

  it('is named for what it is in EXPLAIN', () => {
    const plan = planOf(
      "CREATE TABLE t (a BIGINT, pt AS PROCTIME()) WITH (generator = 'datagen'); SELECT a, pt FROM t;",
    );
    expect(explainPlan(plan).text).toMatch(
      /reads: a, pt \(PROCTIME\(\): each row's arrival on the replay clock\)/,
    );
  });
});
