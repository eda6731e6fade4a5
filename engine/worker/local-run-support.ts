/**
 * Tests: a worker's own loop over a whole generated stream, run in this thread — the same
 * `WorkerRun` and `runLocalLoop` a worker runs, with no worker, no messages and no pacing.
 */
import type { PhysicalPlan } from '../plan/physical-plan';
import type { WorkerReport, WorkerSetup } from './engine-api';
import { runLocalLoop } from './local-run';
import { WorkerRun } from './worker-run';

export async function runLocalHere(
  plan: PhysicalPlan,
  options: { readonly batchSize: number } & Partial<Omit<WorkerSetup, 'plan'>>,
  onReport: (r: WorkerReport) => void,
): Promise<void> {
  const clock = (): number => performance.now();
  const { batchSize, ...setup } = options;
  const run = new WorkerRun(
    {
      plan,
      worker: 0,
      workers: 1,
      reportEveryMs: 0,
      lock: null,
      failure: null,
      deliverOutputs: true,
      deliverNewest: null,
      timeline: null,
      clocks: [],
      ...setup,
    },
    onReport,
    clock,
    (v) => v,
  );
  await runLocalLoop(
    run,
    {
      partition: 0,
      partitions: 1,
      partitionColumns: null,
      batchSize,
      inputs: {},
      rowsPerSecond: [0],
      startAt: clock(),
    },
    { clock, sleep: async () => {}, yieldNow: async () => {}, whilePaused: async () => 0 },
  );
}
