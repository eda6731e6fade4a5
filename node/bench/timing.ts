/**
 * Timing helpers: warm-up runs, then the median of N timed runs. Wall time is
 * what we report; process CPU time is recorded beside it because the machines
 * here are shared, and a run that lost the CPU to a neighbour shows it as
 * wall ≫ cpu.
 */
import { performance } from 'node:perf_hooks';
import { useWasmKernels } from '../../engine/core/wasm-module';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Timed<T> {
  /** Wall seconds per run, in run order. */
  readonly seconds: number[];
  /** Process CPU seconds (user + system, all threads) per run. */
  readonly cpuSeconds: number[];
  readonly median: number;
  readonly cpuMedian: number;
  /** The result of the last timed run. */
  readonly result: T;
}

/** Runs `fn` `warmup` times untimed (so the JIT has optimised it), then `runs` times timed. */
export function timeRuns<T>(runs: number, warmup: number, fn: () => T): Timed<T> {
  let result = fn();
  for (let k = 1; k < warmup; k++) result = fn();
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    seconds.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpuSeconds.push((c.user + c.system) / 1e6);
  }
  return { seconds, cpuSeconds, median: median(seconds), cpuMedian: median(cpuSeconds), result };
}

export function timeOnce<T>(fn: () => T): { seconds: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { seconds: (performance.now() - t0) / 1000, result };
}

/**
 * Times several functions in alternation (A B C A B C …), so that a noisy
 * neighbour slows them alike and their ratio stays meaningful.
 */
export function timeInterleaved(
  runs: number,
  warmup: number,
  fns: readonly (() => unknown)[],
): Timed<unknown>[] {
  const seconds = fns.map((): number[] => []);
  const cpuSeconds = fns.map((): number[] => []);
  const results: unknown[] = fns.map(() => undefined);
  for (let k = 0; k < warmup; k++) fns.forEach((fn, f) => (results[f] = fn()));
  for (let k = 0; k < runs; k++)
    fns.forEach((fn, f) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      results[f] = fn();
      seconds[f]!.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpuSeconds[f]!.push((c.user + c.system) / 1e6);
    });
  return fns.map((_, f) => ({
    seconds: seconds[f]!,
    cpuSeconds: cpuSeconds[f]!,
    median: median(seconds[f]!),
    cpuMedian: median(cpuSeconds[f]!),
    result: results[f],
  }));
}

/**
 * `fn` with this thread's WebAssembly kernels on and off, in alternation (see timeInterleaved):
 * the same work both ways, so the ratio is what the kernels save. The kernels are on afterwards.
 */
export function timeKernelsOnOff<T>(
  runs: number,
  warmup: number,
  fn: () => T,
): [on: Timed<T>, off: Timed<T>] {
  const withKernels = (on: boolean) => (): T => {
    useWasmKernels(on);
    return fn();
  };
  try {
    return timeInterleaved(runs, warmup, [withKernels(true), withKernels(false)]) as [Timed<T>, Timed<T>];
  } finally {
    useWasmKernels(true);
  }
}
