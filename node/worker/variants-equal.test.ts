import { afterAll, beforeAll } from 'vitest';
import { WorkerPool } from '../../engine/worker/engine-client';
import { variantsEqualSuite } from '../../engine/worker/variants-equal.suite';
import { buildEngineWorker } from './build-engine-worker';
import { nodeClock, nodeEngineFactory } from './node-engine-factory';

// Real worker threads: the same suite as the in-process one, across the boundary.
let pool: WorkerPool | null = null;
beforeAll(async () => {
  pool = new WorkerPool(nodeEngineFactory(await buildEngineWorker()));
});
afterAll(() => pool?.dispose());

variantsEqualSuite('Node worker threads', () => ({ createEngine: () => pool!.acquire(), clock: nodeClock }), {
  rows: 4000,
});
