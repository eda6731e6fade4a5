/**
 * Runs a plan over a source in this thread, as any execution variant. Every
 * variant must give the same answer (dialect §5): the watermark travels with
 * each row, so batch size and partition count only change interleaving.
 */
import type { ColumnBatch } from '../core/batch';
import type { Schema } from '../core/types';
import type { PhysicalPlan } from '../plan/physical-plan';
import { planOps } from '../plan/plan-chains';
import type { BatchSource } from '../sources/batch-source';
import { scatter } from './partition-scatter';
import {
  QueryEngine,
  sumEngineStats,
  type EngineOptions,
  type EngineStats,
  type RejectedRow,
} from './query-engine';

export type Variant = 'direct' | 'batched' | 'per-record' | 'partitioned';
export const VARIANTS: readonly Variant[] = ['direct', 'batched', 'per-record', 'partitioned'];

export interface RunOptions {
  readonly variant?: Variant;
  /** Rows per batch for `batched` and `partitioned` (default 1024 / 65536); `direct` reads 65536. */
  readonly batchSize?: number;
  /** Engines for `partitioned` (default 2); plans that must run single get 1. */
  readonly partitions?: number;
  readonly engine?: EngineOptions;
  /** Stop after this many source rows (required for an unbounded source). */
  readonly maxRows?: number;
  /** Called with each output batch as it is produced (instead of collecting). */
  readonly onOutput?: (batch: ColumnBatch) => void;
}

export interface RunResult {
  readonly schema: Schema;
  /** Output batches (empty when `onOutput` was given). */
  readonly batches: ColumnBatch[];
  readonly rejected: RejectedRow[];
  readonly stats: EngineStats;
  /** Engines actually used. */
  readonly partitions: number;
}

/** How many engines a plan runs on for a requested partition count. */
export function effectivePartitions(plan: PhysicalPlan, requested: number): number {
  if (plan.partitioning.kind === 'single') return 1;
  // LIMIT keeps "the first n rows": only one engine sees them in stream order.
  if (planOps(plan).some((op) => op.kind === 'limit')) return 1;
  return Math.max(1, Math.floor(requested));
}

export function runInProcess(plan: PhysicalPlan, source: BatchSource, opts: RunOptions = {}): RunResult {
  const variant = opts.variant ?? 'direct';
  const batchSize =
    variant === 'per-record'
      ? 1
      : Math.max(1, Math.floor(opts.batchSize ?? (variant === 'batched' ? 1024 : 65536)));
  const parts = variant === 'partitioned' ? effectivePartitions(plan, opts.partitions ?? 2) : 1;
  if (!source.bounded && opts.maxRows === undefined)
    throw new Error(
      `stream ${plan.sources[0]!.stream} is unbounded: give it a total (WITH (total = …)) or a row limit`,
    );
  const engines = Array.from({ length: parts }, () => new QueryEngine(plan, opts.engine));
  const batches: ColumnBatch[] = [];
  const rejected: RejectedRow[] = [];
  const collect = (): void => {
    for (const e of engines) {
      for (const b of e.drainOutput()) {
        if (opts.onOutput) opts.onOutput(b);
        else batches.push(b);
      }
      for (const r of e.drainRejected()) rejected.push(r);
    }
  };
  let left = opts.maxRows ?? Infinity;
  while (left > 0 && !engines.every((e) => e.finished)) {
    const b = source.next(Math.min(batchSize, left));
    if (b === null) break;
    left -= b.length;
    if (parts === 1) engines[0]!.push(b);
    else scatter(b, plan.partitioning, parts).forEach((p, k) => p && engines[k]!.push(p));
    collect();
  }
  for (const e of engines) e.end();
  collect();
  const stats = sumEngineStats(engines.map((e) => e.stats()));
  return { schema: engines[0]!.outputSchema, batches, rejected, stats, partitions: parts };
}
