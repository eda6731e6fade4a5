/** One engine in its own Web Worker: every run in the app (the main run, Compare, sweeps) starts its workers here. */
import { connectWorker, webWorkerPort } from '../../engine/worker/index';

export function createEngine() {
  const worker = new Worker(new URL('../../engine/worker/engine.worker.ts', import.meta.url), {
    type: 'module',
  });
  return connectWorker(webWorkerPort(worker));
}

/** Wall-clock ms on the same scale in every thread (rows carry their creation time in it). */
export const clock = (): number => performance.timeOrigin + performance.now();
