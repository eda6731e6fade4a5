/**
 * The variants benchmark's matrix and its timing loop, environment-agnostic:
 * Node (worker threads) and the browser page (Web Workers) run the same code
 * with a different engine factory. No Node built-ins here.
 */
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import type { EngineConnection } from '../../engine/worker/engine-client';
import { startRun } from '../../engine/worker/start-run';
import type { RunOptions, VariantName } from '../../engine/worker/run-types';

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
  readonly error?: string;
}

export interface BenchEnv {
  readonly createEngine: () => EngineConnection;
  readonly clock: () => number;
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

/** One warm-up run, then `runs` timed runs; the median is the cell's figure. */
export async function runCell(scenario: string, plan: PhysicalPlan, c: CellSpec, rows: number, runs: number, env: BenchEnv): Promise<CellResult> {
  const n = c.maxRows === null ? rows : Math.min(rows, c.maxRows);
  const seconds: number[] = [];
  let last = null;
  for (let k = 0; k <= runs; k++) {
    const h = startRun(plan, cellOptions(c, n), env);
    const s = await h.done;
    if (s.error !== undefined) {
      return { ...base(scenario, c, n), seconds: NaN, runs: [], rows_per_s: NaN, rows_out: s.rowsOut, checksum: '', latency_p50_ms: null, latency_p99_ms: null, error: s.error };
    }
    if (k > 0) seconds.push(s.elapsedMs / 1000);
    last = s;
  }
  const m = median(seconds);
  return {
    ...base(scenario, c, n),
    seconds: m,
    runs: seconds,
    rows_per_s: n / m,
    rows_out: last!.rowsOut,
    checksum: last!.checksum,
    latency_p50_ms: last!.latencyP50Ms,
    latency_p99_ms: last!.latencyP99Ms,
  };
}

function base(scenario: string, c: CellSpec, rows: number) {
  return { scenario, variant: c.variant, label: cellLabel(c), batch_size: c.batchSize, partitions: c.partitions, source: c.source, rows };
}
