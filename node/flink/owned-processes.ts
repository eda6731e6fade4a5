/**
 * Processes and temp dirs that must not outlive this Node process: the session
 * cluster's JVMs, the CLIs that submit to it, their dirs. Each child leads its
 * own process group, so killing it also kills what it started (the CLI's
 * `java`); all of them go on exit, on Ctrl-C / SIGTERM / SIGHUP, and on a test's
 * deadline (which exits).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

const live = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;

function killGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
  try {
    process.kill(-c.pid, signal);
  } catch {
    c.kill(signal); // the group is gone already: the child alone
  }
}

function cleanUp(): void {
  for (const c of live) killGroup(c, 'SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanUp);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(sig, () => {
      cleanUp();
      process.exit(130);
    });
}

/** spawn(), in a process group of its own that dies with this process. */
export function spawnOwned(cmd: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  hookExit();
  const child = spawn(cmd, args, { ...options, detached: true });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Stops an owned child's group now: `signal`, then SIGKILL if it has not exited after `graceMs`. */
export async function stopOwned(c: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const exited = (ms: number): Promise<boolean> =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const t = setTimeout(() => resolve(false), ms);
          c.once('exit', () => {
            clearTimeout(t);
            resolve(true);
          });
        });
  killGroup(c, signal);
  if (!(await exited(graceMs))) killGroup(c, 'SIGKILL');
  await exited(5000);
}

/** `dir` is removed when this process exits, unless `forgetDir` was called after removing it. */
export function removeOnExit(dir: string): void {
  hookExit();
  dirs.add(dir);
}

export function forgetDir(dir: string): void {
  dirs.delete(dir);
}
