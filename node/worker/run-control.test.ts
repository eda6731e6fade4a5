import { afterAll, beforeAll } from 'vitest';
import { WorkerPool } from '../../engine/worker/engine-client';
import { runControlSuite } from '../../engine/worker/run-control.suite';
import { buildEngineWorker } from './build-engine-worker';
import { nodeClock, nodeEngineFactory } from './node-engine-factory';

let pool: WorkerPool | null = null;
beforeAll(async () => {
  pool = new WorkerPool(nodeEngineFactory(await buildEngineWorker()));
});
afterAll(() => pool?.dispose());

runControlSuite('Node worker threads', () => ({ createEngine: () => pool!.acquire(), clock: nodeClock }), {
  canDie: true,
});
