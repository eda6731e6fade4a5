/**
 * The one file that exposes the engine API over the worker boundary. Runs
 * inside a worker (Web Worker or Node worker thread): import nothing from src/.
 */
import * as Comlink from 'comlink';
import type { ReportFn, WorkerSetup } from './engine-api';
import { EngineService } from './engine-service';
import type { Clock } from './worker-run';

/** The service, plus closing the previous run's report channel when a pooled worker is set up again. */
class ExposedEngine extends EngineService {
  private previous: ReportFn | null = null;

  override async setup(setup: WorkerSetup, report: ReportFn): Promise<void> {
    const old = this.previous as (ReportFn & Partial<Comlink.Remote<ReportFn>>) | null;
    old?.[Comlink.releaseProxy]?.();
    this.previous = report;
    await super.setup(setup, report);
  }
}

/** `endpoint` defaults to the worker's global scope; Node passes its parentPort wrapped by comlink's node adapter. */
export function exposeEngine(clock: Clock, endpoint?: Comlink.Endpoint): void {
  Comlink.expose(new ExposedEngine({ clock, transfer: Comlink.transfer }), endpoint);
}
