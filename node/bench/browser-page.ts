/**
 * Runs inside the benchmark page in headless Chromium (not part of the app):
 * the same matrix as Node, with Web Workers running engine.worker.ts. The
 * runner calls `window.runVariantsBench(options)` and reads console lines.
 */
import { scenarioPlan } from '../../engine/scenarios/scenario-plan';
import { SEED_SCENARIOS } from '../../engine/scenarios/seed-scenarios';
import { connectWorker, WorkerPool, webWorkerPort } from '../../engine/worker/engine-client';
import { runMatrix, type MatrixOptions, type MatrixResult } from './variants-matrix';
import { CEILING_LOOPS, measureCeilings, type ParallelCeilings } from './ceiling-loops';

declare global {
  interface Window {
    runVariantsBench(o: MatrixOptions): Promise<MatrixResult>;
    measureCeilings(runs: number): Promise<ParallelCeilings>;
    benchReady: boolean;
  }
}

window.runVariantsBench = async (o: MatrixOptions): Promise<MatrixResult> => {
  if (!self.crossOriginIsolated)
    throw new Error(
      'the bench page is not cross-origin isolated (COOP/COEP): SharedArrayBuffer is unavailable',
    );
  const newPool = (): WorkerPool =>
    new WorkerPool(() =>
      connectWorker(
        webWorkerPort(new Worker(new URL('./engine.worker.js', import.meta.url), { type: 'module' })),
      ),
    );
  const scenarios = SEED_SCENARIOS.map((s) => ({ id: s.id, plan: scenarioPlan(s, { rows_per_second: 0 }) }));
  return runMatrix(
    scenarios,
    o,
    { newPool, clock: () => performance.timeOrigin + performance.now() },
    (line) => console.log(line),
  );
};
// The same loops in two Web Workers of this page: the ceiling of the threads the matrix ran on.
window.measureCeilings = async (runs: number): Promise<ParallelCeilings> => {
  const code = `${CEILING_LOOPS}\nonmessage = (e) => postMessage(runLoop(e.data[0], e.data[1]));`;
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const workers = [new Worker(url), new Worker(url)];
  const send = (w: Worker, loop: string, n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      w.onmessage = () => resolve();
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage([loop, n]);
    });
  try {
    return await measureCeilings(runs, (w, loop, n) => send(workers[w]!, loop, n));
  } finally {
    for (const w of workers) w.terminate();
    URL.revokeObjectURL(url);
  }
};
window.benchReady = true;
