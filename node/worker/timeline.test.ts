import { afterAll, beforeAll } from 'vitest';
import { WorkerPool } from '../../engine/worker/engine-client';
import { timelineSuite } from '../../engine/worker/timeline.suite';
import { buildEngineWorker } from './build-engine-worker';
import { nodeClock, nodeEngineFactory } from './node-engine-factory';

let pool: WorkerPool | null = null;
beforeAll(async () => {
  pool = new WorkerPool(nodeEngineFactory(await buildEngineWorker()));
});
afterAll(() => pool?.dispose());

timelineSuite('Node worker threads', () => ({ createEngine: () => pool!.acquire(), clock: nodeClock }));
