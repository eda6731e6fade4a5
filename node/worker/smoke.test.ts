import { buildEngineWorker } from './build-engine-worker';
import { beforeAll, expect, it } from 'vitest';
import { BUILTIN_STREAMS } from '../../engine/core/builtin-streams';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { startRun } from '../../engine/worker/start-run';
import { nodeClock, nodeEngineFactory } from './node-engine-factory';

const trades = BUILTIN_STREAMS.find((s) => s.name === 'trades')!;
const plan: PhysicalPlan = {
  kind: 'physical',
  source: { stream: 'trades', streamSchema: trades.columns, columns: trades.columns, timeColumn: 5, watermarkDelay: 0, generator: 'trades', options: { total: 50000, rows_per_second: 0 }, keyColumn: 1 },
  pipeline: [], output: trades.columns, partitioning: { kind: 'hash', columns: [1] }, emit: 'append', outputKey: [],
};
let script = '';
beforeAll(async () => { script = await buildEngineWorker(); });
for (const variant of ['direct', 'per-record', 'batched', 'partitioned', 'shared-lock'] as const)
it(variant, async () => {
  const h = startRun(plan, { variant, totalRows: variant === 'per-record' ? 2000 : 50000 }, { createEngine: nodeEngineFactory(script), clock: nodeClock });
  let rows = 0; let samples = 0;
  h.outputs.subscribe((e) => (rows += e.batches.reduce((a, b) => a + b.length, 0)));
  h.metrics$.subscribe(() => samples++);
  const s = await h.done;
  console.log(variant, s, samples);
  expect(s.error).toBeUndefined();
  expect(rows).toBe(s.rowsIn);
});
