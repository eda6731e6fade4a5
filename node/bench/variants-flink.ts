/**
 * Apache Flink 2.3 as a peer of the variants (`npm run bench -- --flink`): S0–S3b
 * on an embedded MiniCluster at parallelism 1 and 2, over the very rows the
 * variants generate, written once per stream as JSON lines (as the differential
 * suite feeds Flink). One JVM runs every job (flink/…/FlinkBench.java): warm-up
 * rounds first, then timed runs into a blackhole sink, each split into job start
 * (planning to every task RUNNING) and run (RUNNING to FINISHED); then one run
 * per scenario and parallelism whose rows come back and are checksummed here
 * exactly as a variant checksums its output batches.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { batchToRows } from '../../engine/core/batch-rows';
import type { Row } from '../../engine/core/types';
import { flinkExport } from '../../engine/language/flink-export';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { scenarioPlan } from '../../engine/scenarios/scenario-plan';
import { findScenario, type ScenarioId, type SeedScenario } from '../../engine/scenarios/seed-scenarios';
import { createGeneratorSource } from '../../engine/sources/generators';
import { ensureFlinkBuilt, flinkModuleDir, javaCommand } from '../flink/flink-jvm';
import { jsonLines, wholeStream } from '../flink/flink-rows';
import { FlinkRowsChecksum } from './flink-rows-checksum';
import { median } from './variants-matrix';

export const FLINK_PARALLELISMS = [1, 2] as const;

/**
 * Scenarios whose Flink rows answer for another's: Flink's window TVF emits each window's
 * row once, when it closes, where Windtunnel's EMIT CHANGES emits an update per row (README,
 * "What else differs"), so Flink's S3b is checked against the variants' S3a — the same
 * windows, EMIT FINAL.
 */
const CHECKED_AGAINST: Readonly<Record<string, ScenarioId>> = { S3b: 'S3a' };

export interface FlinkPeerResult {
  /** `flink-p1`, `flink-p2`. */
  readonly name: string;
  readonly scenario: string;
  readonly parallelism: number;
  /** Input rows. */
  readonly rows: number;
  /** Medians over the timed runs, s: job start, run, and both (as the client saw it). */
  readonly start_s: number;
  readonly seconds: number;
  readonly total_s: number;
  readonly runs: readonly number[];
  /** Input rows per second of run time. */
  readonly rows_per_s: number;
  /** The scenario whose variants' checksum Flink's must equal (itself but for CHECKED_AGAINST). */
  readonly checked_against: string;
  /** Output rows and checksum of the checked run (-U dropped: Windtunnel's +U replaces). */
  readonly rows_out: number | null;
  readonly checksum: string | null;
  readonly error?: string;
}

/** Builds flink/ if needed; null when it can, else the one-paragraph reason (tools missing, build failed). */
export function flinkUnavailable(log: (line: string) => void): string | null {
  try {
    ensureFlinkBuilt(log);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A stream's rows as JSON lines, written in slices (a million rows are ~130 MB of text). */
function writeStream(plan: PhysicalPlan, rows: number, file: string): void {
  const spec = wholeStream({ ...plan.sources[0]!, options: { ...plan.sources[0]!.options, total: rows } });
  const src = createGeneratorSource(spec);
  writeFileSync(file, '');
  for (let b = src.next(65536); b; b = src.next(65536))
    appendFileSync(file, jsonLines(batchToRows(b, spec.columns), spec.columns));
}

interface Timing {
  script: string;
  parallelism: number;
  warmup: boolean;
  start_ms: number;
  run_ms: number;
  total_ms: number;
}

export async function runFlinkPeer(
  scenarios: readonly SeedScenario[],
  o: { readonly rows: number; readonly runs: number; readonly warmup: number },
  log: (line: string) => void,
): Promise<FlinkPeerResult[]> {
  const classpath = ensureFlinkBuilt(log);
  const dir = mkdtempSync(join(tmpdir(), 'windtunnel-flink-bench-'));
  try {
    // The plan each scenario's Flink rows are checksummed by (its own, or CHECKED_AGAINST's).
    const plans = new Map<string, PhysicalPlan>();
    const files = new Map<string, string>();
    for (const s of scenarios) {
      const plan = scenarioPlan(s, { rows_per_second: 0 });
      const against = CHECKED_AGAINST[s.id];
      plans.set(s.id, against ? scenarioPlan(findScenario(against), { rows_per_second: 0 }) : plan);
      // One file per stream: S1–S3b read the same trades.
      let file = files.get(s.stream);
      if (!file) {
        file = join(dir, `${s.stream}.jsonl`);
        writeStream(plan, o.rows, file);
        files.set(s.stream, file);
      }
      const exported = flinkExport(s.sql, {
        files: { [plan.sources[0]!.stream]: { path: file, format: 'json' } },
      });
      if (!exported.ok) throw new Error(`${s.id} does not export to Flink: ${exported.text}`);
      writeFileSync(join(dir, `${s.id}.sql`), exported.text);
    }
    log(
      `Flink: ${scenarios.length} scenarios × parallelism ${FLINK_PARALLELISMS.join(' and ')}, ` +
        `${o.warmup} warm-up round${o.warmup === 1 ? '' : 's'} and ${o.runs} timed, one JVM …`,
    );
    const [cmd, args] = javaCommand(
      classpath,
      [
        '--parallelism',
        FLINK_PARALLELISMS.join(','),
        '--runs',
        String(o.runs),
        '--warmup',
        String(o.warmup),
        dir,
      ],
      'dev.windtunnel.flink.FlinkBench',
    );
    const timings: Timing[] = [];
    const checked = new Map<string, { rows: number; checksum: string }>();
    const errors = new Map<string, string>();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      let current: { key: string; sum: FlinkRowsChecksum } | null = null;
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        if (line.startsWith('{') && current) current.sum.add(JSON.parse(line) as Row);
        else if (line.startsWith('#timing ')) {
          const t = JSON.parse(line.slice(8)) as Timing;
          timings.push(t);
          if (!t.warmup)
            log(
              `  ${t.script.padEnd(3)} flink-p${t.parallelism}  start ${t.start_ms} ms, run ${t.run_ms} ms`,
            );
        } else if (line.startsWith('#rows ')) {
          const key = line.slice(6);
          current = { key, sum: new FlinkRowsChecksum(plans.get(key.split(' ')[0]!)!) };
        } else if (line.startsWith('#end ') && current) {
          checked.set(current.key, { rows: current.sum.count, checksum: current.sum.value });
          current = null;
        } else if (line.startsWith('#error ')) {
          const [, id, p, ...msg] = line.split(' ');
          errors.set(`${id} ${p}`, JSON.parse(msg.join(' ')) as string);
          current = null;
        }
      });
      child.on('error', (e) => reject(new Error(`cannot start java: ${e.message}`)));
      child.on('close', (code) =>
        code === 0
          ? resolve()
          : reject(
              new Error(
                `the Flink benchmark JVM exited with ${code}: ${err.trim().split('\n').slice(-5).join('\n')}`,
              ),
            ),
      );
    });
    return scenarios.flatMap((s) =>
      FLINK_PARALLELISMS.map((p): FlinkPeerResult => {
        const key = `${s.id} ${p}`;
        const mine = timings.filter((t) => t.script === s.id && t.parallelism === p && !t.warmup);
        const run = median(mine.map((t) => t.run_ms / 1000));
        const c = checked.get(key);
        const error = errors.get(key) ?? (mine.length === 0 || !c ? 'no timed run or no rows' : undefined);
        return {
          name: `flink-p${p}`,
          scenario: s.id,
          parallelism: p,
          rows: o.rows,
          checked_against: CHECKED_AGAINST[s.id] ?? s.id,
          start_s: median(mine.map((t) => t.start_ms / 1000)),
          seconds: run,
          total_s: median(mine.map((t) => t.total_ms / 1000)),
          runs: mine.map((t) => t.run_ms / 1000),
          rows_per_s: o.rows / run,
          rows_out: c?.rows ?? null,
          checksum: c?.checksum ?? null,
          ...(error ? { error } : {}),
        };
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why a scenario's Flink rows are checked against another scenario's variants, or null. */
export function checkedAgainstNote(scenario: string): string | null {
  const twin = CHECKED_AGAINST[scenario];
  return twin
    ? `Flink's window TVF emits each window's row once, when it closes (Windtunnel's EMIT CHANGES emits an update per row), so Flink's ${scenario} rows are checked against the variants' ${twin} (EMIT FINAL, the same windows).`
    : null;
}

/** Why Flink's rows differ from Windtunnel's for a scenario, when that is known (flink/known-differences.json). */
export function knownFlinkDifference(scenario: string): string | null {
  const known = JSON.parse(readFileSync(join(flinkModuleDir(), 'known-differences.json'), 'utf8')) as Record<
    string,
    { reason: string }
  >;
  return known[`scenarios/${scenario}`]?.reason ?? null;
}
