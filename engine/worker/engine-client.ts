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
  /** After a run that ended cleanly: hands a pooled worker back (default: terminate). */
  release?(): void;
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

/**
 * Warm workers kept between runs (a worker starts in tens of ms and its JIT
 * warms over a run). Each run still gets a fresh engine: `setup` builds one.
 * A worker that was stopped or died is never reused.
 */
export class WorkerPool {
  private readonly idle: EngineConnection[] = [];
  private readonly all = new Set<EngineConnection>();

  constructor(private readonly create: () => EngineConnection) {}

  /** A connection whose `release` returns it here and whose `terminate` kills it for good. */
  acquire = (): EngineConnection => {
    let c = this.idle.pop();
    if (c === undefined) {
      const fresh = this.create();
      fresh.died.catch(() => {
        const k = this.idle.indexOf(fresh);
        if (k >= 0) this.idle.splice(k, 1);
        this.all.delete(fresh);
      });
      c = fresh;
    }
    this.all.add(c);
    let done = false;
    return {
      api: c.api,
      died: c.died,
      terminate: () => {
        done = true;
        this.all.delete(c);
        c.terminate();
      },
      release: () => {
        if (done) return;
        done = true;
        this.idle.push(c);
      },
    };
  };

  dispose(): void {
    for (const c of this.all) c.terminate();
    this.all.clear();
    this.idle.length = 0;
  }
}

export function connectWorker(port: WorkerPort): EngineConnection {
  const remote = Comlink.wrap<EngineWorkerApi>(port.endpoint);
  let terminated = false;
  const api: EngineWorkerApi = {
    setup: (setup: WorkerSetup, report: ReportFn) => remote.setup(setup, Comlink.proxy(report)),
    push: (source: number, batch: ColumnBatch, createdAt: number, nextArrival: number) =>
      remote.push(source, Comlink.transfer(batch, batchTransferables(batch)), createdAt, nextArrival),
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
  // Sharing the thread with the orchestrator, the loop must let timers run too: a timer, not a message, to yield.
  const service = new EngineService({ clock, yieldNow: () => new Promise((r) => setTimeout(r, 0)) });
  return {
    api: service,
    died,
    terminate() {
      service.kill();
      killed?.(new Error('terminated'));
    },
  };
}
