import { describe, expect, it } from 'vitest';
import { BUILTIN_STREAMS } from '../core/builtin-streams';
import type { PhysicalPlan } from '../plan/physical-plan';
import { inProcessConnection } from './engine-client';
import { startRun } from './start-run';
import type { RunOptions } from './run-types';

const clock = (): number => performance.timeOrigin + performance.now();
const trades = BUILTIN_STREAMS.find((s) => s.name === 'trades')!;
const plan: PhysicalPlan = {
  kind: 'physical',
  source: {
    stream: 'trades',
    streamSchema: trades.columns,
    columns: trades.columns,
    timeColumn: 5,
    watermarkDelay: 0,
    generator: 'trades',
    options: { total: 5000, rows_per_second: 0 },
    keyColumn: 1,
  },
  pipeline: [],
  output: trades.columns,
  partitioning: { kind: 'hash', columns: [1] },
  emit: 'append',
  outputKey: [],
};

describe('startRun (smoke)', () => {
  const variants: RunOptions[] = [
    { variant: 'direct' },
    { variant: 'per-record' },
    { variant: 'batched', batchSize: 100 },
    { variant: 'partitioned', partitions: 3 },
    { variant: 'partitioned', partitions: 2, source: 'central' },
    { variant: 'shared-lock', partitions: 2 },
  ];
  for (const o of variants) {
    it(`${o.variant} ${JSON.stringify(o)}`, async () => {
      const h = startRun(plan, o, { createEngine: () => inProcessConnection(clock), clock });
      let rows = 0;
      h.outputs.subscribe((e) => (rows += e.batches.reduce((a, b) => a + b.length, 0)));
      const s = await h.done;
      expect(s.error).toBeUndefined();
      expect(s.rowsIn).toBe(5000);
      expect(rows).toBe(5000);
    });
  }
});
