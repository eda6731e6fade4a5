/** Timing helpers: one warm-up, then the median of N timed runs. */
import { performance } from 'node:perf_hooks';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Timed<T> {
  /** Seconds per run, in run order. */
  readonly seconds: number[];
  readonly median: number;
  /** The result of the last timed run. */
  readonly result: T;
}

/** Runs `fn` once untimed (JIT warm-up), then `runs` times timed. */
export function timeRuns<T>(runs: number, fn: () => T): Timed<T> {
  let result = fn();
  const seconds: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    result = fn();
    seconds.push((performance.now() - t0) / 1000);
  }
  return { seconds, median: median(seconds), result };
}

export function timeOnce<T>(fn: () => T): { seconds: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { seconds: (performance.now() - t0) / 1000, result };
}
