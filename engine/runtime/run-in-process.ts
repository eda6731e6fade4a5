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
import { MergedFeed, type ArrivingSource } from '../sources/merged-feed';
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
  return runSourcesInProcess(plan, [{ source, nextArrival: () => NaN }], opts);
}

/**
 * The same over every source of the plan, read in arrival order (see `merged-feed.ts`); a plan
 * with several sources needs their arrival (`nextArrival`) and, for rows and files, their clocks
 * (`opts.engine.clocks`).
 */
export function runSourcesInProcess(
  plan: PhysicalPlan,
  sources: readonly ArrivingSource[],
  opts: RunOptions = {},
): RunResult {
  const variant = opts.variant ?? 'direct';
  const batchSize =
    variant === 'per-record'
      ? 1
      : Math.max(1, Math.floor(opts.batchSize ?? (variant === 'batched' ? 1024 : 65536)));
  const parts = variant === 'partitioned' ? effectivePartitions(plan, opts.partitions ?? 2) : 1;
  sources.forEach((s, k) => {
    if (!s.source.bounded && opts.maxRows === undefined)
      throw new Error(
        `stream ${plan.sources[k]!.stream} is unbounded: give it a total (WITH (total = …)) or a row limit`,
      );
  });
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
  const left = sources.map(() => opts.maxRows ?? Infinity);
  const feed = new MergedFeed(
    sources.map((s, k) => ({
      // A row limit ends each source after that many rows.
      source: {
        bounded: true,
        next: (n: number) => (left[k]! > 0 ? s.source.next(Math.min(n, left[k]!)) : null),
      },
      nextArrival: () => (left[k]! > 0 ? s.nextArrival() : Infinity),
    })),
    () => batchSize,
  );
  while (!engines.every((e) => e.finished)) {
    const item = feed.next();
    if (item === null) break;
    const { source: s, batch: b, nextArrival } = item;
    left[s]! -= b.length;
    const next = left[s]! > 0 ? nextArrival : Infinity;
    if (parts === 1) engines[0]!.pushSource(s, b, next);
    else if (b.length === 0) {
      for (const e of engines) if (next !== undefined) e.advanceSource(s, next, b.wmAfter);
    } else
      scatter(b, plan.partitioning, parts, s).forEach((p, k) =>
        p
          ? engines[k]!.pushSource(s, p, next)
          : next !== undefined && engines[k]!.advanceSource(s, next, b.wmAfter),
      );
    collect();
  }
  for (const e of engines) e.end();
  collect();
  const stats = sumEngineStats(engines.map((e) => e.stats()));
  return { schema: engines[0]!.outputSchema, batches, rejected, stats, partitions: parts };
}
