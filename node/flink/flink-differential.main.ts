/**
 * `npm run test:flink [-- --parallelism N] [--keep DIR]`: every case of
 * suite-cases.ts (conformance and Flink-documentation cases, flink/cases/,
 * every lesson query, the seed scenarios, seeded random aggregates and joins)
 * through Windtunnel in process and through Apache Flink (one embedded
 * MiniCluster for all of them), final results compared order-insensitively:
 * the final state after applying each side's changelog, numbers within 1e-9.
 * A difference must be listed, with its reason, in
 * flink/known-differences.json; any other difference — or a listed one that
 * has gone away — fails, and so does a flink/checked.json that was not
 * current (the suite rewrites it). `--keep DIR` leaves every Flink script and
 * its input rows (JSON lines) in DIR; a failing run keeps its directory too.
 */
import { exitWith } from '../cli/cli-main';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Row } from '../../engine/core/types';
import { compareMultiset } from '../../engine/runtime/compare-results';
import { runPlanOnRows } from '../../engine/runtime/sql-run-support';
import {
  checkOf,
  formatCheckedFile,
  parseCheckedFile,
  staleness,
  type Check,
  type CheckedFile,
  type QueryCheck,
} from './checked-file';
import { finalState, type ChangelogRow } from './final-state';
import { runFlinkScripts } from './flink-batch';
import { ensureFlinkBuilt, flinkModuleDir } from './flink-jvm';
import { writeFlinkScript, type StreamRows } from './flink-script';
import { compileCase, loadSuiteCases, type SuiteCase } from './suite-cases';

interface Known {
  readonly reason: string;
  /** Flink's rows depend on how it interleaves two inputs: a run may agree, and that is not stale. */
  readonly orderDependent?: boolean;
  /** The rows differ only when Flink runs with parallelism > 1; at 1 the case must agree. */
  readonly parallelOnly?: boolean;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

function flinkVersion(): string {
  const m = /<flink\.version>([^<]+)<\/flink\.version>/.exec(
    readFileSync(join(flinkModuleDir(), 'pom.xml'), 'utf8'),
  );
  if (!m) throw new Error('flink/pom.xml names no flink.version');
  return m[1]!;
}

function keepArg(): string | null {
  const k = process.argv.indexOf('--keep');
  if (k < 0) return null;
  const v = process.argv[k + 1];
  if (!v) throw new Error('--keep needs a directory');
  return v;
}

function parallelismArg(): number {
  const k = process.argv.indexOf('--parallelism');
  const v = k < 0 ? (process.env['FLINK_PARALLELISM'] ?? '1') : process.argv[k + 1];
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--parallelism must be a positive integer, got ${v}`);
  return n;
}

interface Outcome {
  id: string;
  wtRows: number;
  flinkRows: number | null;
  verdict: 'same' | 'known difference' | 'DIFFERENT' | 'STALE (now same)' | 'FLINK ERROR' | 'ENGINE ERROR';
  detail: string;
  /** An order-dependent known difference whose rows agreed this time. */
  agreed?: boolean;
}

const caseName = (k: number): string => String(k).padStart(3, '0');

/** Today's flink/checked.json from the outcomes of the lesson and scenario cases. */
function checkedFile(
  flink: string,
  cases: readonly SuiteCase[],
  outcomes: readonly Outcome[],
  inputRows: ReadonlyMap<string, number>,
): CheckedFile {
  const date = new Date().toISOString().slice(0, 10);
  const groups = { lessons: new Map<string, QueryCheck[]>(), scenarios: new Map<string, QueryCheck[]>() };
  cases.forEach((c, k) => {
    if (!c.checked) return;
    const o = outcomes[k]!;
    const list = groups[c.checked.kind].get(c.checked.id) ?? [];
    list.push({
      same: o.verdict === 'same',
      reason: o.verdict === 'known difference' ? o.detail : `${o.verdict}: ${o.detail}`,
      inputRows: inputRows.get(c.id) ?? 0,
    });
    groups[c.checked.kind].set(c.checked.id, list);
  });
  const record = (m: Map<string, QueryCheck[]>): Record<string, Check> =>
    Object.fromEntries([...m].map(([id, qs]) => [id, checkOf(flink, qs, date)]));
  return { flink, lessons: record(groups.lessons), scenarios: record(groups.scenarios) };
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const parallelism = parallelismArg();
  const keep = keepArg();
  const known = JSON.parse(readFileSync(join(flinkModuleDir(), 'known-differences.json'), 'utf8')) as Record<
    string,
    Known
  >;
  const cases = loadSuiteCases(root);
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'windtunnel-flink-suite-'));
  if (keep) mkdirSync(dir, { recursive: true });
  let failed = true;
  try {
    const engine = new Map<string, { rows: ChangelogRow[]; key: string[] } | string>();
    const inputRows = new Map<string, number>();
    cases.forEach((c, k) => {
      try {
        const plan = compileCase(c);
        const streams = new Map<string, StreamRows>(
          plan.sources.map((spec) => [spec.stream, c.rowsOf(spec)]),
        );
        const input: Record<string, readonly Row[]> = {};
        for (const [name, s] of streams) input[name] = s.rows;
        inputRows.set(
          c.id,
          [...streams.values()].reduce((n, s) => n + s.rows.length, 0),
        );
        const run = runPlanOnRows(plan, input);
        const rows = run.rows.map((r): ChangelogRow => {
          const op = r['op'];
          if (typeof op !== 'string') throw new Error('an engine row without its op');
          return { ...r, op };
        });
        engine.set(c.id, { rows, key: plan.outputKey.map((i) => plan.output[i]!.name) });
        writeFlinkScript(c.script, plan, (spec) => streams.get(spec.stream)!, dir, caseName(k), c.offset);
      } catch (e) {
        engine.set(c.id, e instanceof Error ? e.message : String(e));
      }
    });
    const tEngine = performance.now();
    const classpath = ensureFlinkBuilt((line) => process.stderr.write(line + '\n'));
    const tBuilt = performance.now();
    const flink = await runFlinkScripts(classpath, dir, parallelism);
    const tFlink = performance.now();

    const outcomes: Outcome[] = cases.map(({ id }, k) => {
      const wt = engine.get(id)!;
      const fl = flink.get(`${caseName(k)}.sql`);
      if (typeof wt === 'string')
        return { id, wtRows: 0, flinkRows: null, verdict: 'ENGINE ERROR', detail: wt };
      if (!fl)
        return { id, wtRows: wt.rows.length, flinkRows: null, verdict: 'FLINK ERROR', detail: 'no result' };
      if (!fl.ok)
        return { id, wtRows: wt.rows.length, flinkRows: null, verdict: 'FLINK ERROR', detail: fl.error };
      const a = finalState(wt.rows, wt.key);
      const b = finalState(fl.rows, null);
      let diff = compareMultiset(a.rows, b.rows);
      if (diff === null && a.unmatched + b.unmatched > 0)
        diff = `retractions without a row: Windtunnel ${a.unmatched}, Flink ${b.unmatched}`;
      const listed = known[id];
      const k2 = listed?.parallelOnly && parallelism === 1 ? undefined : listed;
      const base = { id, wtRows: a.rows.length, flinkRows: b.rows.length };
      if (diff === null && (k2?.orderDependent || k2?.parallelOnly))
        return { ...base, verdict: 'known difference', detail: k2.reason, agreed: true };
      if (diff === null)
        return k2
          ? { ...base, verdict: 'STALE (now same)', detail: 'remove it from flink/known-differences.json' }
          : { ...base, verdict: 'same', detail: '' };
      // compareMultiset(actual = Windtunnel, expected = Flink): "missing" rows are Flink's.
      return k2
        ? { ...base, verdict: 'known difference', detail: k2.reason }
        : { ...base, verdict: 'DIFFERENT', detail: `Windtunnel vs Flink: ${diff}` };
    });
    for (const id of Object.keys(known))
      if (!cases.some((c) => c.id === id))
        outcomes.push({
          id,
          wtRows: 0,
          flinkRows: null,
          verdict: 'STALE (now same)',
          detail: 'no such case; remove it from flink/known-differences.json',
        });

    const w = Math.max(...outcomes.map((o) => o.id.length), 4);
    const lines = [
      `${'case'.padEnd(w)}  windtunnel   flink  result`,
      ...outcomes.map(
        (o) =>
          `${o.id.padEnd(w)}  ${String(o.wtRows).padStart(10)}  ${String(o.flinkRows ?? '-').padStart(6)}  ${o.verdict}${o.agreed ? ' (agreed this run)' : ''}${o.detail ? ` — ${o.detail}` : ''}`,
      ),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    const bad = outcomes.filter((o) => o.verdict !== 'same' && o.verdict !== 'known difference');

    // flink/checked.json: rewritten on every run; the committed one must have been current.
    const checkedPath = join(flinkModuleDir(), 'checked.json');
    const committed = parseCheckedFile(existsSync(checkedPath) ? readFileSync(checkedPath, 'utf8') : null);
    const now = checkedFile(flinkVersion(), cases, outcomes, inputRows);
    const stale = staleness(committed, now);
    writeFileSync(checkedPath, formatCheckedFile(now));
    if (stale.length)
      process.stdout.write(
        `\nflink/checked.json was not current, so the suite fails (it has been rewritten: review and commit it):\n` +
          stale.map((x) => `  ${x}\n`).join(''),
      );

    const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const count = (prefix: string): number => cases.filter((c) => c.id.startsWith(prefix)).length;
    process.stdout.write(
      `\n${outcomes.length} cases (${count('conformance/') + count('flink-docs/')} conformance and Flink-docs, ` +
        `${count('flink-cases/')} flink/cases, ${count('lessons/')} lesson queries of ${Object.keys(now.lessons).length} lessons, ` +
        `${count('scenarios/')} seed scenarios, ${count('random/')} random scripts): ` +
        `${outcomes.filter((o) => o.verdict === 'same').length} same, ` +
        `${outcomes.filter((o) => o.verdict === 'known difference').length} known differences, ${bad.length} failing ` +
        `(Flink parallelism ${parallelism}; Windtunnel ${sec(tEngine - t0)}, build check ${sec(tBuilt - tEngine)}, ` +
        `Flink ${sec(tFlink - tBuilt)}, total ${sec(performance.now() - t0)})\n`,
    );
    failed = bad.length > 0 || stale.length > 0;
    if (failed && !keep) process.stdout.write(`the Flink scripts and their input rows are kept in ${dir}\n`);
    return failed ? 1 : 0;
  } finally {
    if (!keep && !failed) rmSync(dir, { recursive: true, force: true });
  }
}

exitWith(main);
