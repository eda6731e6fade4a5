/**
 * Runs inside the benchmark page in headless Chromium (not part of the app):
 * the same matrix as Node, with Web Workers running engine.worker.ts. The
 * runner calls `window.runVariantsBench(options)` and reads console lines.
 */
import { scenarioPlan } from '../../engine/scenarios/scenario-plan';
import { SEED_SCENARIOS } from '../../engine/scenarios/seed-scenarios';
import { connectWorker, WorkerPool, webWorkerPort } from '../../engine/worker/engine-client';
import { runMatrix, type MatrixOptions, type MatrixResult } from './variants-matrix';

declare global {
  interface Window {
    runVariantsBench(o: MatrixOptions): Promise<MatrixResult>;
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
window.benchReady = true;
