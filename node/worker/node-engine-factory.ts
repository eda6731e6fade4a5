/**
 * Engines in Node worker threads, for the CLI, the benchmarks and tests. The
 * worker script is the bundled build/node/engine-worker.mjs (build it with
 * `node scripts/build-node.mjs`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { connectWorker, type EngineConnection } from '../../engine/worker/engine-client';
import { nodeWorkerPort } from '../../engine/worker/node-port';

/** Finds engine-worker.mjs: beside the running bundle, or in build/node from the repo root. */
export function engineWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [
    join(here, 'engine-worker.mjs'),
    join(here, '../../build/node/engine-worker.mjs'),
    join(process.cwd(), 'build/node/engine-worker.mjs'),
  ])
    if (existsSync(p)) return p;
  throw new Error('build/node/engine-worker.mjs not found: run `node scripts/build-node.mjs` first');
}

export function nodeEngineFactory(script = engineWorkerPath()): () => EngineConnection {
  return () => connectWorker(nodeWorkerPort(new Worker(script)));
}

export const nodeClock = (): number => performance.timeOrigin + performance.now();
