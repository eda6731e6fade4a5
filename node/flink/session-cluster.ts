/**
 * A two-process Flink session cluster on 127.0.0.1, as `start-cluster.sh` would
 * start it from flink-dist (which Maven Central does not serve): a JobManager JVM
 * (StandaloneSessionClusterEntrypoint) and a TaskManager JVM (TaskManagerRunner),
 * both on the flink/ module's classpath, configured by a generated config.yaml in
 * a temp dir. Both JVMs are killed and the dir removed on stop(), when the
 * cluster does not come up in time, and (owned-processes.ts) however this
 * process ends.
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterClasspath, javaCommand } from './flink-jvm';
import { forgetDir, removeOnExit, spawnOwned, stopOwned } from './owned-processes';

export interface SessionCluster {
  /** The REST address jobs are submitted to (HOST:PORT). */
  readonly rest: string;
  /** The cluster's temp dir (removed with it): room for the scripts submitted to it. */
  readonly dir: string;
  /** GET on the REST API, parsed. */
  readonly api: (path: string) => Promise<unknown>;
  /** The last lines of both JVMs' logs (what to show when something failed). */
  readonly logTail: (lines?: number) => string;
  /** Stops both JVMs (SIGTERM, then SIGKILL) and removes the temp dir. */
  readonly stop: () => Promise<void>;
}

const HOST = '127.0.0.1';

/** A port nothing listens on now (the OS picks it); the cluster binds it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * config.yaml for both JVMs. The TaskManager is started without Flink's scripts, which
 * normally compute its memory and CPU options, so every component is given here.
 */
export function clusterConfig(o: { rpcPort: number; restPort: number; slots: number; dir: string }): string {
  const tmp = join(o.dir, 'tmp');
  const entries: [string, string | number][] = [
    ['jobmanager.rpc.address', HOST],
    ['jobmanager.bind-host', HOST],
    ['jobmanager.rpc.port', o.rpcPort],
    ['rest.address', HOST],
    ['rest.bind-address', HOST],
    ['rest.port', o.restPort],
    ['taskmanager.host', HOST],
    ['taskmanager.bind-host', HOST],
    ['taskmanager.numberOfTaskSlots', o.slots],
    ['taskmanager.cpu.cores', o.slots],
    ['taskmanager.memory.framework.heap.size', '128m'],
    ['taskmanager.memory.framework.off-heap.size', '64m'],
    ['taskmanager.memory.task.heap.size', '256m'],
    ['taskmanager.memory.task.off-heap.size', '0m'],
    ['taskmanager.memory.managed.size', '64m'],
    ['taskmanager.memory.network.min', '64m'],
    ['taskmanager.memory.network.max', '64m'],
    ['taskmanager.memory.jvm-metaspace.size', '256m'],
    ['taskmanager.memory.jvm-overhead.min', '192m'],
    ['taskmanager.memory.jvm-overhead.max', '192m'],
    ['io.tmp.dirs', tmp],
    ['web.tmpdir', tmp],
    ['blob.storage.directory', tmp],
  ];
  return entries.map(([k, v]) => `${k}: ${typeof v === 'number' ? v : JSON.stringify(v)}`).join('\n') + '\n';
}

export async function startSessionCluster(
  classpath: string,
  o: { slots: number; timeoutMs: number; log: (line: string) => void },
): Promise<SessionCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'windtunnel-flink-cluster-'));
  removeOnExit(dir);
  const conf = join(dir, 'conf');
  mkdirSync(conf);
  mkdirSync(join(dir, 'tmp'));
  const [rpcPort, restPort] = [await freePort(), await freePort()];
  writeFileSync(join(conf, 'config.yaml'), clusterConfig({ rpcPort, restPort, slots: o.slots, dir }));
  const cp = clusterClasspath(classpath);
  const logs: Record<string, string> = {};
  const jvm = (name: string, mainClass: string, heap: string): ChildProcess => {
    const [cmd, args] = javaCommand(cp, ['--configDir', conf], mainClass);
    const logFile = join(dir, `${name}.log`);
    logs[name] = logFile;
    const fd = openSync(logFile, 'w');
    const child = spawnOwned(cmd, [`-Xmx${heap}`, ...args], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    return child;
  };
  const jm = jvm(
    'jobmanager',
    'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint',
    '384m',
  );
  const tm = jvm('taskmanager', 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner', '640m');
  const rest = `${HOST}:${restPort}`;
  const api = async (path: string): Promise<unknown> => {
    const r = await fetch(`http://${rest}${path}`, { signal: AbortSignal.timeout(5000) });
    if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`);
    return r.json();
  };
  const logTail = (lines = 15): string =>
    Object.entries(logs)
      .map(([name, f]) => {
        let text: string;
        try {
          text = readFileSync(f, 'utf8');
        } catch {
          text = '(no log)';
        }
        return `--- ${name} (${f}):\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`;
      })
      .join('\n');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // The TaskManager first, so the JobManager does not wait for a heartbeat that will not come.
    await stopOwned(tm, 'SIGTERM', 10_000);
    await stopOwned(jm, 'SIGTERM', 10_000);
    rmSync(dir, { recursive: true, force: true });
    forgetDir(dir);
  };
  o.log(`starting a Flink session cluster: JobManager (REST ${rest}) and TaskManager (${o.slots} slots) …`);
  const deadline = Date.now() + o.timeoutMs;
  try {
    for (;;) {
      for (const [name, c] of [
        ['JobManager', jm],
        ['TaskManager', tm],
      ] as const)
        if (c.exitCode !== null) throw new Error(`the ${name} JVM exited with ${c.exitCode}`);
      const overview = (await api('/overview').catch(() => null)) as {
        taskmanagers?: number;
        'slots-total'?: number;
      } | null;
      if (overview && (overview.taskmanagers ?? 0) >= 1 && (overview['slots-total'] ?? 0) >= o.slots) break;
      if (Date.now() > deadline)
        throw new Error(`the session cluster was not up with ${o.slots} slots after ${o.timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    const why = `${e instanceof Error ? e.message : String(e)}\n${logTail()}`;
    await stop();
    throw new Error(why, { cause: e });
  }
  return { rest, dir, api, logTail, stop };
}
