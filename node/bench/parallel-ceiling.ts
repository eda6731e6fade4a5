/**
 * What two threads can give on this machine, measured in the same run as the
 * variants: a loop with no memory traffic, no messages and no shared state
 * (integer mixing over a private 32 KiB array), run as N iterations on one
 * worker thread and as N/2 on each of two at once. On a shared VM two vCPUs
 * rarely give 2×; a partitioned run cannot beat this ratio, so it is the
 * honest yardstick for the partitioned@2 goal.
 */
import { Worker } from 'node:worker_threads';

const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
function spin(n) {
  const a = new Int32Array(8192);
  let x = 1;
  for (let i = 0; i < n; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) ^ i;
    a[i & 8191] += x;
  }
  return a[7] + x;
}
parentPort.on('message', (n) => {
  const t = performance.now();
  const r = spin(n);
  parentPort.postMessage([performance.now() - t, r]);
});
`;

/** Iterations of the loop for one thread (≈ 0.3 s). */
const ITERATIONS = 2e8;

function send(w: Worker, n: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: [number, number]): void => {
      w.off('error', reject);
      resolve(m[0]);
    };
    w.once('message', onMessage);
    w.once('error', reject);
    w.postMessage(n);
  });
}

export interface ParallelCeiling {
  /** Median wall seconds of the whole loop on one thread, and split over two. */
  readonly oneThreadSeconds: number;
  readonly twoThreadsSeconds: number;
  /** oneThreadSeconds / twoThreadsSeconds. */
  readonly speedup: number;
}

/** Median over `runs` of one thread vs two, interleaved, after a warm-up. */
export async function measureParallelCeiling(runs: number): Promise<ParallelCeiling> {
  const workers = [0, 1].map(() => new Worker(WORKER_CODE, { eval: true }));
  try {
    await Promise.all(workers.map((w) => send(w, ITERATIONS / 10)));
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      await send(workers[0]!, ITERATIONS);
      one.push((performance.now() - t) / 1e3);
      t = performance.now();
      await Promise.all(workers.map((w) => send(w, ITERATIONS / 2)));
      two.push((performance.now() - t) / 1e3);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const oneThreadSeconds = median(one);
    const twoThreadsSeconds = median(two);
    return { oneThreadSeconds, twoThreadsSeconds, speedup: oneThreadSeconds / twoThreadsSeconds };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
