/**
 * What two threads can give on this machine, measured in the same run as the
 * variants, in the runtime the variants ran in (Node worker threads or
 * Chromium Web Workers). Two loops, each run as N iterations on one thread
 * and as N/2 on each of two at once:
 * - `spin`: integer mixing over a private 32 KiB array, no memory traffic, no
 *   messages, no shared state. A partitioned run cannot beat this ratio, so it
 *   is the yardstick for the partitioned@2 goal.
 * - `stream`: a pass over two private 8 MiB arrays, which fit in no core's
 *   cache. Generating and querying batches streams memory too, and two
 *   threads share the memory bus and the L3: this is what such work gives.
 * The runtimes' worker wrappers add only the message handling (see
 * parallel-ceiling.ts and browser-page.ts).
 */

import { median } from './variants-matrix';

/** The loops' source, for a worker made from text: `spin(n)` and `stream(n)`. */
export const CEILING_LOOPS = `
function spin(n) {
  const a = new Int32Array(8192);
  let x = 1;
  for (let i = 0; i < n; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) ^ i;
    a[i & 8191] += x;
  }
  return a[7] + x;
}
function stream(n) {
  const a = new Float64Array(1 << 20);
  const b = new Float64Array(1 << 20).fill(1);
  let s = 0;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < a.length; i++) a[i] = b[i] * 1.0001 + r;
    s += a[r & 1023];
  }
  return s;
}
function runLoop(loop, n) {
  const t = performance.now();
  const r = loop === 'stream' ? stream(n) : spin(n);
  return [performance.now() - t, r];
}
`;

export type CeilingLoop = 'spin' | 'stream';

/** Iterations of each loop for one thread (≈ 0.3 s and ≈ 0.2 s here). */
const ITERATIONS: Record<CeilingLoop, number> = { spin: 2e8, stream: 200 };

export interface ParallelCeiling {
  /** Median wall seconds of the whole loop on one thread, and split over two. */
  readonly oneThreadSeconds: number;
  readonly twoThreadsSeconds: number;
  /** oneThreadSeconds / twoThreadsSeconds. */
  readonly speedup: number;
}

export interface ParallelCeilings {
  readonly spin: ParallelCeiling;
  readonly stream: ParallelCeiling;
}

/** Runs `loop` for n iterations on worker w (0 or 1); resolves when it is done. */
export type RunOn = (w: 0 | 1, loop: CeilingLoop, n: number) => Promise<void>;

/** Median over `runs` of one thread vs two, interleaved, after a warm-up, for each loop. */
export async function measureCeilings(runs: number, run: RunOn): Promise<ParallelCeilings> {
  const measure = async (loop: CeilingLoop): Promise<ParallelCeiling> => {
    const n = ITERATIONS[loop];
    await Promise.all([run(0, loop, n / 10), run(1, loop, n / 10)]);
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      await run(0, loop, n);
      one.push((performance.now() - t) / 1e3);
      t = performance.now();
      await Promise.all([run(0, loop, n / 2), run(1, loop, n / 2)]);
      two.push((performance.now() - t) / 1e3);
    }
    const oneThreadSeconds = median(one);
    const twoThreadsSeconds = median(two);
    return { oneThreadSeconds, twoThreadsSeconds, speedup: oneThreadSeconds / twoThreadsSeconds };
  };
  return { spin: await measure('spin'), stream: await measure('stream') };
}
