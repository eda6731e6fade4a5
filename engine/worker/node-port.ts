/**
 * Node worker threads behind the same WorkerPort as Web Workers, through
 * comlink's node adapter. Structural types only: engine/ imports no Node
 * built-ins; node/worker/ creates the threads.
 */
import type { Endpoint } from 'comlink';
import nodeEndpoint, { type NodeEndpoint } from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerPort } from './engine-client';

/** The parts of `worker_threads.Worker` we use. */
export interface NodeWorkerLike extends NodeEndpoint {
  terminate(): Promise<number>;
}

export function nodeWorkerPort(worker: NodeWorkerLike): WorkerPort {
  let dead = false;
  return {
    endpoint: nodeEndpoint(worker),
    terminate() {
      dead = true;
      void worker.terminate();
    },
    onDeath(cb) {
      worker.on('error', (e) => {
        if (!dead) cb(e instanceof Error ? e.message : String(e));
        dead = true;
      });
      worker.on('exit', (code) => {
        if (!dead) cb(`the engine worker exited (code ${String(code)})`);
        dead = true;
      });
    },
  };
}

/** For a worker thread's entry: its parentPort as a comlink endpoint. */
export function nodeParentEndpoint(parentPort: NodeEndpoint): Endpoint {
  return nodeEndpoint(parentPort);
}
