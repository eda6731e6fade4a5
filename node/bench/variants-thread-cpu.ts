/**
 * CPU seconds per thread of this process (Linux: /proc/self/task/<tid>/schedstat,
 * in nanoseconds), so the variants benchmark can say what each run cost in CPU,
 * whatever else the shared machine was doing. Worker threads are threads of this
 * process; so are V8's GC helpers. (`stat`'s utime and stime count 10 ms ticks:
 * too coarse for runs of ~100 ms.)
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Thread id → CPU seconds so far (time on a CPU, user and system); null where /proc is not there. */
export function threadCpuSeconds(): Map<string, number> | null {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  const out = new Map<string, number>();
  for (const tid of tids) {
    try {
      // "time on CPU (ns)  time waiting to run (ns)  timeslices"
      const onCpu = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      if (Number.isFinite(onCpu)) out.set(tid, onCpu / 1e9);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}
