import { describe, expect, it } from 'vitest';
import { buildBatch, type Schema } from '../../engine/index';
import { ResultsStore } from './results-store';

const schema: Schema = [
  { name: 'symbol', type: 'VARCHAR', nullable: true },
  { name: 'cnt', type: 'BIGINT', nullable: false },
];

describe('ResultsStore', () => {
  it('keeps only the last N rows but counts them all', () => {
    const store = new ResultsStore();
    store.reset(['symbol', 'cnt'], [], 3);
    const rows = Array.from({ length: 10 }, (_, i) => ({ symbol: `s${i}`, cnt: i }));
    store.appendBatch(buildBatch(rows, schema));
    const snap = store.getSnapshot();
    expect(snap.totalRows).toBe(10);
    expect(snap.rows.map((r) => r.values[1])).toEqual([7, 8, 9]);
    expect(snap.rows.map((r) => r.n)).toEqual([7, 8, 9]);
  });

  it('keeps the latest value per key, and forgets keys that were deleted', () => {
    const store = new ResultsStore();
    store.reset(['symbol', 'cnt'], [0], 100);
    const b = buildBatch(
      [
        { symbol: 'A', cnt: 1 },
        { symbol: 'B', cnt: 1 },
        { symbol: 'A', cnt: 2 },
        { symbol: null, cnt: 5 },
      ],
      schema,
      { ops: ['+I', '+I', '+U', '+I'] },
    );
    store.appendBatch(b);
    store.appendBatch(buildBatch([{ symbol: 'B', cnt: 1 }], schema, { ops: ['-D'] }));
    const latest = store.getSnapshot().latest;
    expect(latest.map((r) => [r.op, ...r.values]).sort()).toEqual([
      ['+I', null, 5],
      ['+U', 'A', 2],
    ]);
    expect(store.getSnapshot().opCounts).toEqual({ '+I': 3, '+U': 1, '-D': 1 });
  });

  it('gives the same snapshot object until something changes', () => {
    const store = new ResultsStore();
    store.reset(['symbol', 'cnt'], [], 10);
    const a = store.getSnapshot();
    expect(store.getSnapshot()).toBe(a);
    store.appendRejected([{ seq: 4, reason: 'late', detail: 'late for window', row: '{}' }]);
    expect(store.getSnapshot()).not.toBe(a);
    expect(store.getSnapshot().totalRejected).toBe(1);
  });
});

describe('ResultsStore at full speed', () => {
  it('decodes only the rows it keeps when many batches arrive at once', () => {
    const store = new ResultsStore();
    store.reset(['symbol', 'cnt'], [], 4);
    const batch = (from: number) =>
      buildBatch(
        Array.from({ length: 3 }, (_, i) => ({ symbol: 'x', cnt: from + i })),
        schema,
      );
    store.appendBatches([batch(0), batch(3), batch(6)]);
    const snap = store.getSnapshot();
    expect(snap.rows.map((r) => r.values[1])).toEqual([5, 6, 7, 8]);
    expect(snap.rows.map((r) => r.n)).toEqual([5, 6, 7, 8]);
    expect(snap.totalRows).toBe(9);
  });

  it('notifies listeners once per scheduled frame, not once per batch', () => {
    const frames: (() => void)[] = [];
    const store = new ResultsStore((fn) => frames.push(fn));
    let calls = 0;
    store.subscribe(() => calls++);
    store.reset(['symbol', 'cnt'], [], 10);
    store.appendBatch(buildBatch([{ symbol: 'a', cnt: 1 }], schema));
    store.appendBatch(buildBatch([{ symbol: 'b', cnt: 2 }], schema));
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(calls).toBe(1);
  });

  it('knows the type of each column from the output batches (TIMESTAMP stays TIMESTAMP whatever its value)', () => {
    const store = new ResultsStore();
    store.reset(['window_start', 'cnt'], [], 10);
    expect(store.getSnapshot().types).toEqual(['NULL', 'NULL']);
    const tsSchema: Schema = [
      { name: 'window_start', type: 'TIMESTAMP', nullable: false },
      { name: 'cnt', type: 'BIGINT', nullable: false },
    ];
    store.appendBatch(buildBatch([{ window_start: 60_000, cnt: 3 }], tsSchema));
    expect(store.getSnapshot().types).toEqual(['TIMESTAMP', 'BIGINT']);
  });

  it('counts ops of every row, with and without an op column', () => {
    const store = new ResultsStore();
    store.reset(['symbol', 'cnt'], [0], 10);
    store.appendBatch(
      buildBatch(
        [
          { symbol: 'A', cnt: 1 },
          { symbol: 'B', cnt: 1 },
        ],
        schema,
      ),
    );
    store.appendBatch(
      buildBatch(
        [
          { symbol: 'A', cnt: 2 },
          { symbol: 'B', cnt: 1 },
        ],
        schema,
        { ops: ['+U', '-D'] },
      ),
    );
    expect(store.getSnapshot().opCounts).toEqual({ '+I': 2, '+U': 1, '-D': 1 });
  });
});
