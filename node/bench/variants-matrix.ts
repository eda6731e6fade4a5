/**
 * The variants benchmark's matrix and its timing loop, environment-agnostic:
 * Node (worker threads) and the browser page (Web Workers) run the same code
 * with a different engine factory. No Node built-ins here.
 */
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import type { EngineConnection } from '../../engine/worker/engine-client';
import { startRun } from '../../engine/worker/start-run';
import { RoundSchedule } from './round-schedule';
import type { RunOptions, RunSummary, VariantName } from '../../engine/worker/run-types';

export interface CellSpec {
  readonly variant: VariantName;
  readonly batchSize: number;
  readonly partitions: number;
  readonly source: 'central' | 'local' | null;
  /** per-record runs fewer rows: this many, at most. */
  readonly maxRows: number | null;
}

export function cellLabel(c: CellSpec): string {
  switch (c.variant) {
    case 'direct':
      return 'direct';
    case 'per-record':
      return 'per-record';
    case 'batched':
      return `batched@${c.batchSize}`;
    default:
      return `${c.variant}@${c.partitions}${c.source === 'central' ? ' central' : ''}`;
  }
}

export function benchMatrix(perRecordRows: number): CellSpec[] {
  const cell = (variant: VariantName, o: Partial<CellSpec> = {}): CellSpec => ({
    variant,
    batchSize: 16384,
    partitions: 1,
    source: null,
    maxRows: null,
    ...o,
  });
  return [
    cell('direct'),
    cell('per-record', { maxRows: perRecordRows }),
    cell('batched', { batchSize: 100 }),
    cell('batched', { batchSize: 16384 }),
    cell('partitioned', { partitions: 1, source: 'local' }),
    cell('partitioned', { partitions: 2, source: 'local' }),
    cell('partitioned', { partitions: 4, source: 'local' }),
    cell('partitioned', { partitions: 2, source: 'central' }),
    cell('shared-lock', { partitions: 2, source: 'local' }),
  ];
}

export interface CellResult {
  readonly scenario: string;
  readonly variant: VariantName;
  readonly label: string;
  readonly batch_size: number;
  readonly partitions: number;
  readonly source: 'central' | 'local' | null;
  readonly rows: number;
  /** Median over the timed runs. */
  readonly seconds: number;
  readonly runs: readonly number[];
  readonly rows_per_s: number;
  readonly rows_out: number;
  readonly checksum: string;
  readonly latency_p50_ms: number | null;
  readonly latency_p99_ms: number | null;
  /** Rows per second of engine time alone (summed over workers): what one worker's engine sustains. */
  readonly engine_rows_per_s: number;
  /** Generation (or scatter) time summed over threads, per run, in s. */
  readonly source_seconds: number;
  /**
   * CPU seconds of the busiest thread per run (median), and of all threads: what bounds the
   * wall time on an idle machine with enough cores, unmoved by other work. Null where threads
   * cannot be read (the browser).
   */
  readonly cpu_busiest_s: number | null;
  readonly cpu_total_s: number | null;
  /** Starting a run (workers spawned or reused, the plan set up in each), median s: not in the rates' steady state. */
  readonly startup_s: number;
  /** Per worker, where its time after startup went (median s over the timed runs). */
  readonly worker_split: readonly WorkerSplit[];
  /** The orchestrator's generation, sending and waiting, for variants fed from one place (median s). */
  readonly feed_split: { readonly generate_s: number; readonly send_s: number; readonly wait_s: number };
  readonly error?: string;
}

export interface WorkerSplit {
  readonly worker: number;
  /** Input rows of this worker (the same in every run). */
  readonly rows_in: number;
  readonly generate_s: number;
  readonly query_s: number;
  readonly transfer_s: number;
  readonly check_s: number;
  readonly lock_s: number;
  readonly idle_s: number;
}

/** The median split of each worker over runs (the same workers in each). */
function workerSplit(runs: readonly RunSummary[]): WorkerSplit[] {
  const workers = runs[0]?.workerTimes.length ?? 0;
  return Array.from({ length: workers }, (_, w) => {
    const med = (f: (t: RunSummary['workerTimes'][number]) => number): number =>
      median(runs.map((r) => f(r.workerTimes[w]!))) / 1000;
    return {
      worker: w,
      rows_in: runs[0]!.workerTimes[w]!.rowsIn,
      generate_s: med((t) => t.generateMs),
      query_s: med((t) => t.queryMs),
      transfer_s: med((t) => t.transferMs),
      check_s: med((t) => t.checkMs),
      lock_s: med((t) => t.lockWaitMs),
      idle_s: med((t) => t.idleMs),
    };
  });
}

/** Engines that outlive a run (a `WorkerPool`): the bench keeps one per cell. */
export interface EnginePool {
  readonly acquire: () => EngineConnection;
  dispose(): void;
}

export interface BenchEnv {
  readonly newPool: () => EnginePool;
  readonly clock: () => number;
  /** CPU seconds so far per thread of the process (see variants-thread-cpu.ts), or null. */
  readonly threadCpu?: () => ReadonlyMap<string, number> | null;
}

/** One run's summary and the CPU its threads spent (null when unknown). */
interface Measured {
  readonly summary: RunSummary;
  readonly cpu: { readonly busiest: number; readonly total: number } | null;
}

function cpuDelta(
  before: ReadonlyMap<string, number> | null,
  after: ReadonlyMap<string, number> | null,
): Measured['cpu'] {
  if (before === null || after === null) return null;
  let busiest = 0;
  let total = 0;
  for (const [tid, s] of after) {
    const d = s - (before.get(tid) ?? 0);
    total += d;
    if (d > busiest) busiest = d;
  }
  return { busiest, total };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function cellOptions(c: CellSpec, rows: number): RunOptions {
  return {
    variant: c.variant,
    batchSize: c.batchSize,
    partitions: c.partitions,
    ...(c.source ? { source: c.source } : {}),
    totalRows: rows,
    rowsPerSecond: 0,
    deliverOutputs: false,
    metricsEveryMs: 250,
  };
}

async function runOnce(
  plan: PhysicalPlan,
  c: CellSpec,
  rows: number,
  env: BenchEnv,
  pool: EnginePool,
): Promise<Measured> {
  const before = env.threadCpu?.() ?? null;
  const summary = await startRun(plan, cellOptions(c, rows), { createEngine: pool.acquire, clock: env.clock })
    .done;
  return { summary, cpu: cpuDelta(before, env.threadCpu?.() ?? null) };
}

function cellRows(c: CellSpec, rows: number): number {
  return c.maxRows === null ? rows : Math.min(rows, c.maxRows);
}

function toResult(
  scenario: string,
  c: CellSpec,
  rows: number,
  measured: readonly Measured[],
  warmup: number,
): CellResult {
  const summaries = measured.map((m) => m.summary);
  const timed = summaries.slice(warmup);
  const cpus = measured.slice(warmup).flatMap((m) => (m.cpu ? [m.cpu] : []));
  const cpu = cpus.length
    ? { cpu_busiest_s: median(cpus.map((x) => x.busiest)), cpu_total_s: median(cpus.map((x) => x.total)) }
    : { cpu_busiest_s: null, cpu_total_s: null };
  const failed = summaries.find((s) => s.error !== undefined);
  const last = summaries[summaries.length - 1]!;
  if (failed)
    return {
      ...base(scenario, c, rows),
      seconds: NaN,
      runs: [],
      rows_per_s: NaN,
      rows_out: failed.rowsOut,
      checksum: '',
      latency_p50_ms: null,
      latency_p99_ms: null,
      engine_rows_per_s: NaN,
      source_seconds: NaN,
      cpu_busiest_s: null,
      cpu_total_s: null,
      startup_s: NaN,
      worker_split: [],
      feed_split: { generate_s: NaN, send_s: NaN, wait_s: NaN },
      error: failed.error!,
    };
  const seconds = timed.map((s) => s.elapsedMs / 1000);
  const m = seconds.length ? median(seconds) : NaN;
  // Rates count the input rows of every stream (a join reads two streams of `rows` each).
  const input = last.rowsIn;
  return {
    ...base(scenario, c, rows),
    seconds: m,
    runs: seconds,
    rows_per_s: input / m,
    rows_out: last.rowsOut,
    checksum: last.checksum,
    latency_p50_ms: last.latencyP50Ms,
    latency_p99_ms: last.latencyP99Ms,
    engine_rows_per_s: input / (median(timed.map((s) => s.breakdown.computeMs)) / 1000),
    source_seconds: median(timed.map((s) => s.breakdown.sourceMs)) / 1000,
    ...cpu,
    startup_s: median(timed.map((s) => s.startupMs)) / 1000,
    worker_split: workerSplit(timed),
    feed_split: {
      generate_s: median(timed.map((s) => s.feedTime.generateMs)) / 1000,
      send_s: median(timed.map((s) => s.feedTime.sendMs)) / 1000,
      wait_s: median(timed.map((s) => s.feedTime.waitMs)) / 1000,
    },
  };
}

/**
 * `warmup` untimed rounds (at least one), then `runs` rounds, then more for
 * the cells whose timed runs took less than their share of `minSeconds`
 * (`RoundSchedule`): a run of a few milliseconds is decided by whichever other
 * thread ran then, so five of them give a median that is itself noise. (Many
 * do not remove the spread between invocations, which BENCHMARKS.md measures
 * for `--quick --browser`.) A cell that has had its share runs no more. Each
 * round runs every cell still running once, so a noisy neighbour slows all
 * cells alike instead of whichever ran then. Each cell keeps its own workers across rounds: a
 * worker that ran other variants before carries their type feedback, and
 * the optimising compiler then spends its background threads (on this
 * 2-core machine, the cores the partitioned workers need) recompiling the
 * shared code for each variant in turn — a cost of the benchmark's mixing,
 * not of any architecture.
 */
export async function runCells(
  scenario: string,
  plan: PhysicalPlan,
  cells: readonly CellSpec[],
  rows: number,
  runs: number,
  env: BenchEnv,
  warmup = 1,
  minSeconds = 0,
): Promise<CellResult[]> {
  const measured: Measured[][] = cells.map(() => []);
  const pools = cells.map(() => env.newPool());
  warmup = Math.max(1, warmup);
  const schedule = new RoundSchedule(cells.length, warmup, runs, minSeconds);
  try {
    for (let round = 0; schedule.anyRuns(round); round++) {
      for (let k = 0; k < cells.length; k++) {
        if (!schedule.includes(round, k)) continue;
        const t = env.clock();
        const m = await runOnce(plan, cells[k]!, cellRows(cells[k]!, rows), env, pools[k]!);
        measured[k]!.push(m);
        schedule.ran(round, k, env.clock() - t, m.summary.error !== undefined);
      }
    }
  } finally {
    for (const p of pools) p.dispose();
  }
  return cells.map((c, k) => toResult(scenario, c, cellRows(c, rows), measured[k]!, warmup));
}

function base(scenario: string, c: CellSpec, rows: number) {
  return {
    scenario,
    variant: c.variant,
    label: cellLabel(c),
    batch_size: c.batchSize,
    partitions: c.partitions,
    source: c.source,
    rows,
  };
}

export interface MatrixOptions {
  readonly rows: number;
  readonly perRecordRows: number;
  readonly runs: number;
  readonly only: readonly string[] | null;
  /** Untimed rounds before the timed ones. */
  readonly warmup: number;
  /** Timed rounds go on past `runs` until they have taken this long (see `runCells`). */
  readonly minSeconds: number;
}

export interface ScenarioPlan {
  readonly id: string;
  readonly plan: PhysicalPlan;
}

export interface MatrixResult {
  readonly cells: CellResult[];
  /** Checksums that disagree within a scenario (empty = every variant gave the same answer). */
  readonly mismatches: string[];
}

/** Every scenario × every cell; per-record's checksum is checked against a direct run over the same (fewer) rows. */
export async function runMatrix(
  scenarios: readonly ScenarioPlan[],
  o: MatrixOptions,
  env: BenchEnv,
  log: (line: string) => void,
): Promise<MatrixResult> {
  const cells: CellResult[] = [];
  const mismatches: string[] = [];
  for (const s of scenarios) {
    if (o.only && !o.only.includes(s.id)) continue;
    const mine = await runCells(
      s.id,
      s.plan,
      benchMatrix(o.perRecordRows),
      o.rows,
      o.runs,
      env,
      o.warmup,
      o.minSeconds,
    );
    for (const r of mine)
      log(
        `  ${s.id.padEnd(3)} ${r.label.padEnd(24)} ${r.error ? `ERROR ${r.error}` : `${(r.rows_per_s / 1e6).toFixed(2).padStart(7)}M rows/s  ${r.checksum}  (${r.runs.length} runs)`}`,
      );
    const full = mine.filter((r) => r.rows === o.rows && !r.error);
    for (const r of full)
      if (r.checksum !== full[0]!.checksum)
        mismatches.push(`${s.id} ${r.label}: ${r.checksum} ≠ ${full[0]!.label}: ${full[0]!.checksum}`);
    for (const r of mine.filter((x) => x.rows !== o.rows && !x.error)) {
      const [ref] = await runCells(s.id, s.plan, [benchMatrix(o.perRecordRows)[0]!], r.rows, 0, env);
      if (!ref) continue;
      if (ref.checksum !== r.checksum)
        mismatches.push(`${s.id} ${r.label} over ${r.rows} rows: ${r.checksum} ≠ direct: ${ref.checksum}`);
    }
    for (const r of mine) if (r.error) mismatches.push(`${s.id} ${r.label} failed: ${r.error}`);
    cells.push(...mine);
  }
  return { cells, mismatches };
}
