/**
 * `npm run test:flink-cluster` (part of `npm test`): the path to a real cluster,
 * for real. Starts a two-process Flink session cluster on 127.0.0.1
 * (session-cluster.ts), submits seed scenarios to it exactly as a user would —
 * `node build/node/flink.mjs --sql F --cluster HOST:PORT --parallelism 2` — and
 * checks the rows that come back against `node build/node/query.mjs --sql F`
 * (Windtunnel) as multisets, and that the cluster's REST API lists every job
 * as FINISHED; then that Ctrl-C on a submitting CLI cancels its job there.
 * Bounded in time; both JVMs die with this process however it ends.
 */
import { exitWith } from '../cli/cli-main';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compareMultiset, type ResultRow } from '../../engine/runtime/compare-results';
import { findScenario } from '../../engine/scenarios/seed-scenarios';
import { ensureFlinkBuilt } from './flink-jvm';
import { spawnOwned, stopOwned } from './owned-processes';
import { startSessionCluster, type SessionCluster } from './session-cluster';

/** The whole test, cluster start to stop; a run here takes well under a minute. */
const TOTAL_MS = 180_000;
const ROWS = 20_000;

interface Case {
  readonly scenario: 'S3a' | 'S2';
  /** Compare changelogs (+I/+U, Flink's -U dropped: Windtunnel's +U replaces) instead of rows. */
  readonly changelog: boolean;
}

const CASES: readonly Case[] = [
  { scenario: 'S3a', changelog: false },
  { scenario: 'S2', changelog: true },
];

const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs a built CLI (build/node/NAME.mjs) and returns its stdout as JSON rows. */
function cliRows(
  name: string,
  args: readonly string[],
  tmp: string,
  timeoutMs: number,
): Promise<ResultRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawnOwned(process.execPath, [join(here, `${name}.mjs`), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its temp files inside the cluster's dir: removed with it even if the CLI is killed.
      env: { ...process.env, TMPDIR: tmp },
    });
    const timer = setTimeout(() => void stopOwned(child, 'SIGKILL', 0), timeoutMs);
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(
          new Error(
            `${name} ${args.join(' ')} ${signal ? `was killed after ${timeoutMs / 1000} s` : `exited with ${code}`}: ${err.trim()}`,
          ),
        );
      resolve(
        out
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as ResultRow),
      );
    });
  });
}

async function runCase(
  c: Case,
  cluster: SessionCluster,
  dir: string,
  log: (l: string) => void,
): Promise<boolean> {
  const file = join(dir, `${c.scenario}.sql`);
  // The scenario as shipped, with fewer rows: the point is the path to the cluster, not volume.
  writeFileSync(file, findScenario(c.scenario).sql.replace(/total = \d+/, `total = ${ROWS}`));
  const extra = c.changelog ? ['--changelog'] : [];
  const t = performance.now();
  const [wt, fl] = await Promise.all([
    cliRows('query', ['--sql', file, ...extra], dir, 60_000),
    cliRows('flink', ['--sql', file, '--cluster', cluster.rest, '--parallelism', '2', ...extra], dir, 90_000),
  ]);
  const flink = fl.filter((r) => r['op'] !== '-U');
  const diff = compareMultiset(flink, wt);
  const what = `${c.scenario}${c.changelog ? ' --changelog' : ''} (${ROWS} rows in)`;
  const sec = ((performance.now() - t) / 1000).toFixed(1);
  if (diff === null)
    log(`  ${what}: the same ${wt.length} rows from the cluster as from Windtunnel (${sec} s)`);
  else log(`  ${what}: DIFFERENT — cluster vs Windtunnel: ${diff}`);
  return diff === null && wt.length > 0;
}

interface JobsOverview {
  jobs: { jid: string; state: string }[];
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | null>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`${what}: not after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Ctrl-C on `npm run flink --cluster` cancels its job (the runner's shutdown hook) instead of
 * leaving it running on the cluster with nobody reading its rows. S1 over 500K trades runs long
 * enough to be interrupted; SIGINT goes to the CLI's whole process group, as a terminal's does.
 */
async function cancelCase(cluster: SessionCluster, dir: string, log: (l: string) => void): Promise<boolean> {
  const file = join(dir, 'cancel.sql');
  writeFileSync(file, findScenario('S1').sql.replace(/total = \d+/, 'total = 500000'));
  const errFile = join(dir, 'cancel.stderr');
  const errFd = openSync(errFile, 'w');
  const before = new Set(((await cluster.api('/jobs/overview')) as JobsOverview).jobs.map((j) => j.jid));
  const child = spawnOwned(
    process.execPath,
    [join(here, 'flink.mjs'), '--sql', file, '--cluster', cluster.rest],
    {
      stdio: ['ignore', 'ignore', errFd],
      env: { ...process.env, TMPDIR: dir },
    },
  );
  const jobNow = async (): Promise<{ jid: string; state: string } | null> =>
    ((await cluster.api('/jobs/overview')) as JobsOverview).jobs.find((j) => !before.has(j.jid)) ?? null;
  const running = await waitFor('the S1 job to be RUNNING on the cluster', 60_000, async () => {
    const j = await jobNow();
    return j?.state === 'RUNNING' ? j : null;
  });
  closeSync(errFd);
  await stopOwned(child, 'SIGINT', 20_000);
  const end = await waitFor('the interrupted job to end', 20_000, async () => {
    const j = await jobNow();
    return j && ['CANCELED', 'FINISHED', 'FAILED'].includes(j.state) ? j : null;
  }).catch((e: unknown) => {
    throw new Error(
      `${e instanceof Error ? e.message : String(e)}; the CLI said: ${readFileSync(errFile, 'utf8').trim()}`,
      {
        cause: e,
      },
    );
  });
  log(`  S1 (500K rows in), Ctrl-C while it ran: job ${running.jid} ended ${end.state}`);
  return end.state === 'CANCELED';
}

async function main(): Promise<number> {
  const log = (line: string): void => void process.stdout.write(line + '\n');
  const t0 = performance.now();
  const deadline = setTimeout(() => {
    process.stderr.write(`error: the cluster test took more than ${TOTAL_MS / 1000} s; stopping it\n`);
    process.exit(1); // the exit hook kills both JVMs
  }, TOTAL_MS);
  const classpath = ensureFlinkBuilt(log);
  const cluster = await startSessionCluster(classpath, { slots: 2, timeoutMs: 60_000, log });
  const dir = cluster.dir;
  let ok = false;
  try {
    log(`cluster up after ${((performance.now() - t0) / 1000).toFixed(1)} s; submitting to ${cluster.rest}:`);
    const results: boolean[] = [];
    for (const c of CASES) results.push(await runCase(c, cluster, dir, log));
    const jobs = (await cluster.api('/jobs/overview')) as JobsOverview;
    const finished = jobs.jobs.filter((j) => j.state === 'FINISHED').length;
    log(`  the cluster's REST API lists ${jobs.jobs.length} jobs, ${finished} FINISHED`);
    results.push(finished === CASES.length && jobs.jobs.length === CASES.length);
    results.push(await cancelCase(cluster, dir, log));
    ok = results.every(Boolean);
    if (!ok) log(cluster.logTail());
  } catch (e) {
    log(`error: ${e instanceof Error ? e.message : String(e)}\n${cluster.logTail()}`);
  } finally {
    await cluster.stop();
    clearTimeout(deadline);
  }
  log(
    `${ok ? 'ok' : 'FAILED'}: session cluster test, ${((performance.now() - t0) / 1000).toFixed(1)} s in all`,
  );
  return ok ? 0 : 1;
}

exitWith(main);
