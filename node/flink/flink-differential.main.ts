/**
 * `npm run test:flink`: every conformance and Flink-documentation case, and the scripts of flink/cases/ over bounded
 * generators, through Apache Flink (one embedded MiniCluster
 * for all of them), final results compared order-insensitively: the final
 * state after applying each side's changelog, numbers within 1e-9. A
 * difference must be listed, with its reason, in flink/known-differences.json;
 * any other difference — or a listed one that has gone away — fails.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Row } from '../../engine/core/types';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { compareMultiset } from '../../engine/runtime/compare-results';
import { compileOk, runPlanOnRows } from '../../engine/runtime/sql-run-support';
import { finalState, type ChangelogRow } from './final-state';
import { runFlinkScripts } from './flink-batch';
import { ensureFlinkBuilt, FlinkSetupError, flinkModuleDir } from './flink-jvm';
import { generatorRows } from './flink-rows';
import { writeFlinkScript } from './flink-script';

interface Case {
  readonly script: string;
  readonly input: Readonly<Record<string, readonly Row[]>>;
}

interface Known {
  readonly reason: string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const CASE_DIRS = ['engine/testdata/conformance', 'engine/testdata/flink-docs'];

/** Scripts over bounded built-in generators (joins, seed scenarios): both engines read the generator's rows. */
const SCRIPT_DIR = 'flink/cases';

function loadCases(): { id: string; c: Case | string }[] {
  const scripts = readdirSync(join(root, SCRIPT_DIR))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({
      id: `flink-cases/${f.replace(/\.sql$/, '')}`,
      c: readFileSync(join(root, SCRIPT_DIR, f), 'utf8'),
    }));
  const json = CASE_DIRS.flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({
        id: `${d.split('/').pop()!}/${f.replace(/\.json$/, '')}`,
        c: JSON.parse(readFileSync(join(root, d, f), 'utf8')) as Case,
      })),
  );
  return [...json, ...scripts];
}

/** A case's script and rows per stream (a script's come from its generators). */
function caseInputs(c: Case | string): {
  script: string;
  plan: PhysicalPlan;
  input: Record<string, readonly Row[]>;
} {
  const script = typeof c === 'string' ? c : c.script;
  const plan = compileOk(script);
  const input: Record<string, readonly Row[]> = {};
  for (const spec of plan.sources)
    input[spec.stream] = typeof c === 'string' ? generatorRows(spec).rows : (c.input[spec.stream] ?? []);
  return { script, plan, input };
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
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const parallelism = parallelismArg();
  const known = JSON.parse(readFileSync(join(flinkModuleDir(), 'known-differences.json'), 'utf8')) as Record<
    string,
    Known
  >;
  const cases = loadCases();
  const dir = mkdtempSync(join(tmpdir(), 'windtunnel-flink-suite-'));
  try {
    const engine = new Map<string, { rows: ChangelogRow[]; key: string[] } | string>();
    cases.forEach(({ id, c }, k) => {
      try {
        const { script, plan, input } = caseInputs(c);
        const run = runPlanOnRows(plan, input);
        const rows = run.rows.map((r): ChangelogRow => {
          const op = r['op'];
          if (typeof op !== 'string') throw new Error('an engine row without its op');
          return { ...r, op };
        });
        engine.set(id, { rows, key: plan.outputKey.map((i) => plan.output[i]!.name) });
        writeFlinkScript(
          script,
          plan,
          (spec) => ({
            rows: input[spec.stream] ?? [],
            schema: typeof c === 'string' ? spec.columns : spec.streamSchema,
          }),
          dir,
          `${String(k).padStart(3, '0')}`,
        );
      } catch (e) {
        engine.set(id, e instanceof Error ? e.message : String(e));
      }
    });
    const classpath = ensureFlinkBuilt((line) => process.stderr.write(line + '\n'));
    const tBuilt = performance.now();
    const flink = await runFlinkScripts(classpath, dir, parallelism);
    const tFlink = performance.now();

    const outcomes: Outcome[] = cases.map(({ id }, k) => {
      const wt = engine.get(id)!;
      const fl = flink.get(`${String(k).padStart(3, '0')}.sql`);
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
      const k2 = known[id];
      const base = { id, wtRows: a.rows.length, flinkRows: b.rows.length };
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
      `${'case'.padEnd(w)}  windtunnel  flink  result`,
      ...outcomes.map(
        (o) =>
          `${o.id.padEnd(w)}  ${String(o.wtRows).padStart(10)}  ${String(o.flinkRows ?? '-').padStart(5)}  ${o.verdict}${o.detail ? ` — ${o.detail}` : ''}`,
      ),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    const bad = outcomes.filter((o) => o.verdict !== 'same' && o.verdict !== 'known difference');
    const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(
      `\n${outcomes.length} cases: ${outcomes.filter((o) => o.verdict === 'same').length} same, ` +
        `${outcomes.filter((o) => o.verdict === 'known difference').length} known differences, ${bad.length} failing ` +
        `(Flink parallelism ${parallelism}; build check ${sec(tBuilt - t0)}, Flink ${sec(tFlink - tBuilt)}, total ${sec(performance.now() - t0)})\n`,
    );
    return bad.length ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(
      `error: ${e instanceof FlinkSetupError || e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
