/** The parallel ceilings (ceiling-loops.ts) in Node worker threads. */
import { Worker } from 'node:worker_threads';
import { CEILING_LOOPS, measureCeilings, type ParallelCeilings } from './ceiling-loops';

const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
${CEILING_LOOPS}
parentPort.on('message', ([loop, n]) => parentPort.postMessage(runLoop(loop, n)));
`;

function send(w: Worker, loop: string, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    w.once('message', () => {
      w.off('error', reject);
      resolve();
    });
    w.once('error', reject);
    w.postMessage([loop, n]);
  });
}

export async function measureParallelCeiling(runs: number): Promise<ParallelCeilings> {
  const workers = [0, 1].map(() => new Worker(WORKER_CODE, { eval: true }));
  try {
    return await measureCeilings(runs, (w, loop, n) => send(workers[w]!, loop, n));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
