/**
 * Node worker-thread entry (bundled to build/node/engine-worker.mjs): the same
 * engine service a browser worker exposes, over comlink's node adapter.
 */
import { parentPort } from 'node:worker_threads';
import { exposeEngine } from '../../engine/worker/expose-engine';
import { nodeParentEndpoint } from '../../engine/worker/node-port';

if (!parentPort) throw new Error('engine-worker.mjs must run as a worker thread');
exposeEngine(() => performance.timeOrigin + performance.now(), nodeParentEndpoint(parentPort));
