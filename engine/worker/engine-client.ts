/**
 * The one file that wraps the worker boundary. A connection is the engine API
 * plus what only the orchestrator needs: terminate, and a promise that rejects
 * when the worker dies (so no call waits forever on a dead worker). The same
 * shape is available in-process, for tests and single-threaded tools.
 */
import * as Comlink from 'comlink';
import { batchTransferables, type ColumnBatch } from '../core/batch';
import type { EngineWorkerApi, LocalRunSpec, RecordMessage, ReportFn, WorkerSetup } from './engine-api';
import { EngineService } from './engine-service';
import type { Clock } from './worker-run';

export interface EngineConnection {
  readonly api: EngineWorkerApi;
  /** Kills the worker at once (idempotent). */
  terminate(): void;
  /** Rejects with the worker's error message if it dies; never resolves. */
  readonly died: Promise<never>;
}

/** A started worker, whatever the environment: its comlink endpoint and lifecycle hooks. */
export interface WorkerPort {
  readonly endpoint: Comlink.Endpoint;
  terminate(): void;
  /** Calls `cb` once if the worker dies (uncaught error, non-zero exit). */
  onDeath(cb: (message: string) => void): void;
}

export type WorkerFactory = () => WorkerPort;

function deathPromise(port: WorkerPort): Promise<never> {
  const died = new Promise<never>((_, reject) => port.onDeath((message) => reject(new Error(message))));
  died.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
  return died;
}

export function connectWorker(port: WorkerPort): EngineConnection {
  const remote = Comlink.wrap<EngineWorkerApi>(port.endpoint);
  let terminated = false;
  const api: EngineWorkerApi = {
    setup: (setup: WorkerSetup, report: ReportFn) => remote.setup(setup, Comlink.proxy(report)),
    push: (batch: ColumnBatch, createdAt: number) => remote.push(Comlink.transfer(batch, batchTransferables(batch)), createdAt),
    pushRow: (row: RecordMessage) => remote.pushRow(row),
    runLocal: (spec: LocalRunSpec) => remote.runLocal(spec),
    end: () => remote.end(),
    setPaused: (paused: boolean) => remote.setPaused(paused),
  };
  return {
    api,
    died: deathPromise(port),
    terminate() {
      if (terminated) return;
      terminated = true;
      remote[Comlink.releaseProxy]();
      port.terminate();
    },
  };
}

/** A Web Worker (the app creates it with `new Worker(new URL(...), { type: 'module' })`). */
export function webWorkerPort(worker: Worker): WorkerPort {
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onDeath(cb) {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        cb(e.message || 'the engine worker failed to load or crashed');
      });
    },
  };
}

/** The engine in this thread: same interface, same orchestration, no worker (tests, tools). */
export function inProcessConnection(clock: Clock): EngineConnection {
  let killed: ((e: Error) => void) | null = null;
  const died = new Promise<never>((_, reject) => (killed = reject));
  died.catch(() => undefined);
  return {
    api: new EngineService({ clock }),
    died,
    terminate() {
      killed?.(new Error('terminated'));
    },
  };
}
