import { describe, expect, it } from 'vitest';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { Row } from '../core/types';
import { createRowsSource } from '../sources/rows-source';
import { checksumBatches } from './checksum';
import { compileGolden } from './golden-support';
import { QueryEngine, StateLimitError, type WindowEvent } from './query-engine';
import { runInProcess } from './run-in-process';

const DDL =
  "CREATE STREAM ev (ts TIMESTAMP, k VARCHAR, v BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);";
const rows: Row[] = [
  { ts: 1000, k: 'a', v: 1 },
  { ts: 2000, k: 'b', v: 2 },
  { ts: 7000, k: 'a', v: 3 },
  { ts: 3000, k: 'a', v: 4 },
  { ts: null, k: 'a', v: 5 },
  { ts: 12000, k: 'c', v: 6 },
];

function engineFor(query: string, opts: ConstructorParameters<typeof QueryEngine>[1] = {}): QueryEngine {
  const plan = compileGolden(`${DDL}\n${query}`);
  const e = new QueryEngine(plan, opts);
  const src = createRowsSource(plan.sources[0]!, rows);
  for (let b = src.next(2); b; b = src.next(2)) e.push(b);
  e.end();
  return e;
}

describe('QueryEngine', () => {
  it('reports late and invalid rows as side output, with a readable reason', () => {
    const e = engineFor(
      "SELECT k, COUNT(*) AS n FROM ev GROUP BY k WINDOW TUMBLING (ts, INTERVAL '5' SECOND);",
    );
    const rejected = e.drainRejected();
    expect(rejected.map((r) => [r.seq, r.reason])).toEqual([
      [3, 'late'],
      [4, 'invalid'],
    ]);
    expect(rejected[0]!.detail).toBe(
      'late for window [1970-01-01 00:00:00.000, 1970-01-01 00:00:05.000): watermark 1970-01-01 00:00:06.000 ≥ end−1',
    );
    // Only the columns the query reads are carried.
    expect(rejected[0]!.row).toEqual({ ts: 3000, k: 'a' });
    expect(e.stats()).toMatchObject({ rowsIn: 6, late: 1, invalid: 1, stateSize: 0 });
  });

  it('stops with a StateLimitError when state outgrows the limit', () => {
    expect(() => engineFor('SELECT v, COUNT(*) AS n FROM ev GROUP BY v;', { stateLimit: 3 })).toThrow(
      StateLimitError,
    );
    expect(() => engineFor('SELECT v, COUNT(*) AS n FROM ev GROUP BY v;', { stateLimit: 3 })).toThrow(
      /state limit of 3 groups reached/,
    );
    expect(() => engineFor('SELECT v, COUNT(*) AS n FROM ev GROUP BY v;', { stateLimit: 6 })).not.toThrow();
  });

  it('calls the timeline hooks', () => {
    const events: string[] = [];
    const log = (kind: string) => (e: WindowEvent) => events.push(`${kind} ${String(e.key[0])} ${e.start}`);
    engineFor("SELECT k, COUNT(*) AS n FROM ev GROUP BY k WINDOW TUMBLING (ts, INTERVAL '5' SECOND);", {
      events: {
        windowOpened: log('open'),
        windowUpdated: log('update'),
        windowFired: log('fire'),
        lateRow: log('late'),
      },
    });
    expect(events).toEqual([
      'open a 0',
      'update a 0',
      'open b 0',
      'update b 0',
      'open a 5000',
      'update a 5000',
      'fire a 0',
      'fire b 0',
      'late a 0',
      'open c 10000',
      'update c 10000',
      'fire a 5000',
      'fire c 10000',
    ]);
  });

  it('LIMIT finishes the engine early', () => {
    const e = engineFor('SELECT k FROM ev LIMIT 2;');
    expect(e.finished).toBe(true);
    expect(e.drainOutput().reduce((n, b) => n + b.length, 0)).toBe(2);
  });

  it('checksum ignores row order and batch boundaries but not values', () => {
    const schema = [
      { name: 'k', type: 'VARCHAR' as const, nullable: true },
      { name: 'x', type: 'DOUBLE' as const, nullable: true },
    ];
    const a = buildBatch(
      [
        { k: 'a', x: 0.1 + 0.2 },
        { k: null, x: 1 },
        { k: 'b', x: null },
      ],
      schema,
    );
    const b1 = buildBatch([{ k: 'b', x: null }], schema);
    const b2 = buildBatch(
      [
        { k: null, x: 1 },
        { k: 'a', x: 0.3 },
      ],
      schema,
    );
    expect(checksumBatches([a])).toBe(checksumBatches([b1, b2]));
    expect(checksumBatches([a])).not.toBe(checksumBatches([b1]));
    expect(checksumBatches([a])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('runs a projection per record and batched alike', () => {
    const plan = compileGolden(`${DDL}\nSELECT k, v * 10 AS v10 FROM ev WHERE v > 1;`);
    const per = runInProcess(plan, createRowsSource(plan.sources[0]!, rows), { variant: 'per-record' });
    const all = per.batches.flatMap((b) => batchToRows(b, per.schema));
    expect(all).toEqual([
      { k: 'b', v10: 20 },
      { k: 'a', v10: 30 },
      { k: 'a', v10: 40 },
      { k: 'a', v10: 50 },
      { k: 'c', v10: 60 },
    ]);
  });
});
