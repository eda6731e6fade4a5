/**
 * CPU seconds per thread of this process (Linux: /proc/self/task/<tid>/stat), so the
 * variants benchmark can say what each run cost in CPU, whatever else the shared
 * machine was doing. Worker threads are threads of this process; so are V8's GC helpers.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime / stime in /proc (100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/** Thread id → user + system CPU seconds so far; null where /proc is not there. */
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
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}
