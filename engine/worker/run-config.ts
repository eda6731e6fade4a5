/** Turns a variant name and knobs into a concrete layout for one plan. */
import type { PhysicalPlan } from '../plan/physical-plan';
import { inputOf } from './stream-source';
import { MAX_BATCH_SIZE, MAX_PARTITIONS, type RunLayout, type RunOptions } from './run-types';

export interface RunConfig extends RunLayout {
  readonly plan: PhysicalPlan;
  readonly inFlight: number;
  /** Hash columns per source for the scatter and the local generators; null = any split. */
  readonly partitionColumns: readonly (readonly number[])[] | null;
  /** Per source. */
  readonly rowsPerSecond: readonly number[];
  readonly useLock: boolean;
}

function clampInt(v: number | undefined, lo: number, hi: number, dflt: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

/** The plan with the run's overrides of `total` and `rows_per_second` applied (plans are plain data). */
export function applyOverrides(plan: PhysicalPlan, o: RunOptions): PhysicalPlan {
  if (o.totalRows === undefined && o.rowsPerSecond === undefined) return plan;
  const sources = plan.sources.map((s) => {
    const options = { ...s.options };
    if (o.totalRows !== undefined) options['total'] = o.totalRows;
    if (o.rowsPerSecond !== undefined) options['rows_per_second'] = o.rowsPerSecond;
    return { ...s, options };
  });
  return { ...plan, sources };
}

export function resolveRunConfig(original: PhysicalPlan, o: RunOptions): RunConfig {
  const plan = applyOverrides(original, o);
  const notes: string[] = [];
  const batchSize = clampInt(o.batchSize, 1, MAX_BATCH_SIZE, 16384);
  const rowsPerSecond = plan.sources.map((s) => {
    const rate = s.options['rows_per_second'];
    return typeof rate === 'number' ? rate : 10000;
  });
  const fromFile = plan.sources.some((s) => inputOf(o.inputs, s) !== null);
  const base = {
    plan,
    batchSize,
    rowsPerSecond,
    // 8: with 4 a Chromium worker idled 11 ms per 1M S0 rows between messages (batched 0.86 × direct); 5 with 8.
    inFlight: clampInt(o.inFlight, 1, 64, 8),
    partitionColumns: null,
    useLock: false,
  };
  switch (o.variant) {
    case 'direct':
      return { ...base, variant: 'direct', workers: 1, feed: 'local', notes };
    case 'per-record':
      return {
        ...base,
        variant: 'per-record',
        batchSize: Math.min(batchSize, 1024),
        workers: 1,
        feed: 'per-record',
        notes,
      };
    case 'batched':
      return { ...base, variant: 'batched', workers: 1, feed: 'central', notes };
    case 'partitioned':
    case 'shared-lock': {
      let workers = clampInt(o.partitions, 1, MAX_PARTITIONS, 2);
      const p = plan.partitioning;
      if (p.kind === 'single' && workers > 1) {
        notes.push(`runs on 1 partition: ${p.reason}`);
        workers = 1;
      }
      const partitionColumns = p.kind === 'hash' ? p.columns : null;
      let feed: 'local' | 'central' = o.variant === 'partitioned' ? (o.source ?? 'local') : 'local';
      if (fromFile && feed === 'local' && workers > 1) {
        notes.push('a file is parsed in one place: the orchestrator scatters its rows');
        feed = 'central';
      }
      return {
        ...base,
        variant: o.variant,
        workers,
        feed,
        partitionColumns,
        useLock: o.variant === 'shared-lock',
        notes,
      };
    }
  }
}
