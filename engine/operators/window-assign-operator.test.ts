import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import type { WindowSpec } from '../plan/physical-plan';
import type { OperatorContext } from './operator';
import { WindowAssignOperator } from './window-assign-operator';

const INPUT: Schema = [
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
  { name: 'v', type: 'BIGINT', nullable: true },
];
const OUTPUT: Schema = [
  ...INPUT,
  { name: 'window_start', type: 'TIMESTAMP', nullable: false },
  { name: 'window_end', type: 'TIMESTAMP', nullable: false },
  { name: 'window_time', type: 'TIMESTAMP', nullable: false },
];

function assign(window: WindowSpec, times: readonly (number | null)[]): { rows: Row[]; invalid: number } {
  let invalid = 0;
  const ctx: OperatorContext = { stateLimit: 1_000_000, events: null, reject: () => void invalid++ };
  const op = new WindowAssignOperator(
    { kind: 'windowAssign', window, timeColumn: 0, schema: OUTPUT },
    INPUT.map((f) => f.name),
    ctx,
  );
  const rows: Row[] = [];
  const batch = buildBatch(
    times.map((t, i) => [t, i]),
    INPUT,
    { seq: times.map((_, i) => i), wm: times.map(() => -Infinity), wmAfter: -Infinity },
  );
  op.onBatch(batch, {
    push: (b: ColumnBatch): void => {
      for (const r of batchToRows(b, OUTPUT)) rows.push(r);
    },
  });
  return { rows, invalid };
}

describe('WindowAssignOperator', () => {
  it('gives a CUMULATE row every window of its start that ends after it, smallest end first', () => {
    const { rows } = assign({ kind: 'cumulate', size: 1000, step: 250 }, [600, -1, 1000]);
    expect(rows.map((r) => [r['v'], r['window_start'], r['window_end'], r['window_time']])).toEqual([
      [0, 0, 750, 749],
      [0, 0, 1000, 999],
      [1, -1000, 0, -1],
      [2, 1000, 1250, 1249],
      [2, 1000, 1500, 1499],
      [2, 1000, 1750, 1749],
      [2, 1000, 2000, 1999],
    ]);
  });

  it('grows its buffers with the rows written: a large batch of CUMULATE rows, each counted exactly', () => {
    // 5,000 rows 1 ms apart over CUMULATE(step 10 ms, size 1 s): a row at t has 100 − ⌊(t mod 1000) / 10⌋ windows.
    const times = Array.from({ length: 5_000 }, (_, i) => i);
    const { rows, invalid } = assign({ kind: 'cumulate', size: 1000, step: 10 }, [...times, null]);
    const expected = times.reduce((n, t) => n + 100 - Math.floor((t % 1000) / 10), 0);
    expect(rows).toHaveLength(expected);
    expect(invalid).toBe(1);
    // Each row's windows, in order: its start, then every step boundary after it up to start + size.
    const got = new Map<number, number[]>();
    for (const r of rows) {
      const t = r['ts'] as number;
      expect(r['window_start']).toBe(Math.floor(t / 1000) * 1000);
      got.set(t, [...(got.get(t) ?? []), r['window_end'] as number]);
    }
    for (const t of [0, 9, 10, 999, 1000, 4321, 4999]) {
      const s = Math.floor(t / 1000) * 1000;
      const ends = Array.from(
        { length: 100 - Math.floor((t - s) / 10) },
        (_, k) => s + (Math.floor((t - s) / 10) + 1 + k) * 10,
      );
      expect(got.get(t), `ts ${t}`).toEqual(ends);
    }
  });

  it('still gives a hopping row size / slide windows', () => {
    const { rows } = assign({ kind: 'hopping', size: 30, advance: 10 }, [25]);
    expect(rows.map((r) => [r['window_start'], r['window_end']])).toEqual([
      [0, 30],
      [10, 40],
      [20, 50],
    ]);
  });
});
