/**
 * Several sources meeting at one operator: whatever the batch sizes and the
 * order in which the sources' batches come, the operator sees the rows in
 * arrival-key order, each with the same combined watermark.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { batchToRows } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import type { PhysicalPlan, SourceSpec } from '../plan/physical-plan';
import { rowsClock, rowsClockData } from '../sources/rows-clock';
import { createRowsSource } from '../sources/rows-source';
import type { ArrivalClock } from '../sources/arrival-clock';
import { QueryEngine } from './query-engine';

const schema: Schema = [
  { name: 'v', type: 'VARCHAR', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: false },
];
const spec = (stream: string, delay: number): SourceSpec => ({
  stream,
  streamSchema: schema,
  columns: schema,
  timeColumn: 1,
  watermarkDelay: delay,
  generator: null,
  options: {},
  keyColumn: null,
});
const unionPlan: PhysicalPlan = {
  kind: 'physical',
  sources: [spec('a', 100), spec('b', 0)],
  nodes: [
    {
      op: { kind: 'union', schema },
      inputs: [
        { kind: 'source', index: 0 },
        { kind: 'source', index: 1 },
      ],
      schema,
      time: 1,
    },
  ],
  output: schema,
  partitioning: { kind: 'single', reason: 'test' },
  emit: 'append',
  outputKey: [],
};

const A: Row[] = [1000, 1500, 1500, 900, 3000, 3200].map((ts, k) => ({ v: `a${k}`, ts }));
const B: Row[] = [1200, 1500, 2000, 5000].map((ts, k) => ({ v: `b${k}`, ts }));

/** Feeds both sources in batches of `size`, taking from them in the order `pick` says. */
function run(size: number, pick: (k: number) => 0 | 1): { rows: Row[]; wm: number[] } {
  const inputs = [A, B];
  const clocks: ArrivalClock[] = inputs.map((rows) =>
    rowsClock(
      rowsClockData(
        rows.map((r) => r['ts'] as number),
        rows.map((_, k) => k),
      ),
    ),
  );
  const engine = new QueryEngine(unionPlan, { clocks });
  const sources = inputs.map((rows, s) => createRowsSource(unionPlan.sources[s]!, rows));
  const left = [A.length, B.length];
  const out: ColumnBatch[] = [];
  for (let k = 0; left[0]! + left[1]! > 0; k++) {
    let s: number = pick(k);
    if (left[s] === 0) s = 1 - s;
    const b = sources[s]!.next(size)!;
    left[s]! -= b.length;
    const done = inputs[s]!.length - left[s]!;
    engine.pushSource(s, b, done < inputs[s]!.length ? clocks[s]!.arrivalOf(done) : Infinity);
    out.push(...engine.drainOutput());
  }
  engine.end();
  out.push(...engine.drainOutput());
  return { rows: out.flatMap((b) => batchToRows(b, schema)), wm: out.flatMap((b) => Array.from(b.wm)) };
}

describe('several sources', () => {
  it('a union hands rows on in arrival order with the combined watermark, in every feeding', () => {
    const expected = run(1, (k) => (k % 2 === 0 ? 0 : 1));
    // Arrival: a running max of ts per source; ties go to the lower source index.
    expect(expected.rows.map((r) => r['v'])).toEqual([
      'a0',
      'b0',
      'a1',
      'a2',
      'a3',
      'b1',
      'b2',
      'a4',
      'a5',
      'b3',
    ]);
    // Before b1 (arrives at 1500, after a's rows of 1500 and a3): a has 1500 − 100, b 1200.
    expect(expected.wm[5]).toBe(1200);
    for (const size of [1, 2, 3, 100])
      for (const pick of [
        () => 0 as const,
        () => 1 as const,
        (k: number) => (k % 3 === 0 ? 1 : 0) as 0 | 1,
      ]) {
        expect(run(size, pick)).toEqual(expected);
      }
  });
});
