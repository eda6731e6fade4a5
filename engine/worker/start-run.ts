/**
 * The orchestrator: starts the workers a variant needs, feeds them (or lets
 * them feed themselves), merges their outputs into one stream, samples
 * metrics on a timer, and ends cleanly on completion, stop() or a worker's
 * death. Environment-agnostic: workers come from an injected factory.
 */
import { needsArrivalOrder } from '../plan/arrival-order';
import type { PhysicalPlan } from '../plan/physical-plan';
import { feedBatches, feedRecords, type FeedContext, type FeedCounters } from './central-feed';
import type { EngineConnection } from './engine-client';
import type { WorkerReport } from './engine-api';
import { quantile } from './latency-histogram';
import { resolveRunConfig, type RunConfig } from './run-config';
import { MetricsAggregator } from './run-metrics';
import { createMutexBuffer } from './shared-mutex';
import { clockDataOf, createCentralSources } from './stream-source';
import {
  FILE_ERRORS_KEPT,
  type FileErrors,
  type OutputEvent,
  type RunHandle,
  type RunMetrics,
  type RunOptions,
  type RunSummary,
  type Subscribable,
  type TimelineDelivery,
} from './run-types';
import { DEFAULT_TIMELINE_PER_SECOND } from './timeline-recorder';
import { Subscribers } from './subscribers';

export interface RunEnv {
  /** A fresh engine: a Web Worker, a Node worker thread, or in-process. */
  readonly createEngine: () => EngineConnection;
  /** Absolute ms, comparable with the workers' clocks (`performance.timeOrigin + performance.now()`). */
  readonly clock: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Calls `fn` every `ms` until the returned function is called. */
  readonly every?: (ms: number, fn: () => void) => () => void;
}

const REPORT_EVERY_MS = 100;

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const defaultEvery = (ms: number, fn: () => void): (() => void) => {
  const id = setInterval(fn, ms);
  return () => clearInterval(id);
};

class Stopped extends Error {}

export function startRun(plan: PhysicalPlan, options: RunOptions, env: RunEnv): RunHandle {
  const cfg = resolveRunConfig(plan, options);
  const clock = env.clock;
  const startedAt = clock();
  const feed: FeedCounters = { sourceMs: 0, sendMs: 0, waitMs: 0, roundTripMs: 0 };
  const agg = new MetricsAggregator(cfg.workers, startedAt, cfg.plan.sources[0]!.watermarkDelay, feed);
  const metrics = new Subscribers<RunMetrics>();
  const outputs = new Subscribers<OutputEvent>();
  const timeline = new Subscribers<TimelineDelivery>();
  let fileErrors: FileErrors = { count: 0, first: [] };
  const conns: EngineConnection[] = [];
  let paused = false;
  let resumeFeed: (() => void) | null = null;
  let abort!: (e: Error) => void;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  aborted.catch(() => undefined);
  let stopped = false;
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, aborted]);

  const finals = Array.from({ length: cfg.workers }, () => {
    let resolve!: () => void;
    const p = new Promise<void>((r) => (resolve = r));
    return { p, resolve };
  });
  const onReport = (r: WorkerReport): void => {
    agg.onCounters(r.worker, r.counters);
    if (r.fileErrors) fileErrors = r.fileErrors;
    // The timeline first: rows are drawn before the results they lead to.
    if (r.timeline) timeline.emit(r.timeline);
    if (r.outputs.length > 0 || r.rejected.length > 0 || r.skipped !== null)
      outputs.emit({ worker: r.worker, skipped: r.skipped, batches: r.outputs, rejected: r.rejected });
    if (r.final) finals[r.worker]!.resolve();
  };

  let startupMs = 0;
  async function body(): Promise<void> {
    const lock = cfg.useLock ? createMutexBuffer() : null;
    const inputs = options.inputs ?? {};
    // Central feeds read every source here; the engines of a plan with several sources need the
    // arrival clocks of those fed by files or rows (generators' they make themselves).
    const central = cfg.feed === 'local' ? null : createCentralSources(cfg.plan, inputs);
    const multi = needsArrivalOrder(cfg.plan);
    const clocks = !multi
      ? []
      : central !== null
        ? central.sources.map((s) => s.clockData)
        : clockDataOf(cfg.plan, inputs);
    for (let w = 0; w < cfg.workers; w++) {
      const c = env.createEngine();
      conns.push(c);
      // A worker that dies fails the whole run at once, wherever it is waiting.
      c.died.catch((e: unknown) => abort(e instanceof Error ? e : new Error(String(e))));
    }
    const failure = options.failure ?? null;
    await guard(
      Promise.all(
        conns.map((c, w) =>
          c.api.setup(
            {
              plan: cfg.plan,
              worker: w,
              workers: cfg.workers,
              reportEveryMs: REPORT_EVERY_MS,
              lock,
              failure: failure && (failure.worker ?? 0) === w ? failure : null,
              deliverOutputs: options.deliverOutputs ?? true,
              deliverNewest: options.deliverNewest === undefined ? null : Math.max(1, options.deliverNewest),
              timeline: options.timeline
                ? { maxPerSecond: options.timeline.maxPerSecond ?? DEFAULT_TIMELINE_PER_SECOND }
                : null,
              clocks,
            },
            onReport,
          ),
        ),
      ),
    );
    startupMs = clock() - startedAt;
    if (cfg.feed === 'local') {
      const startAt = clock();
      await guard(
        Promise.all(
          conns.map((c, w) =>
            c.api.runLocal({
              partition: w,
              partitions: cfg.workers,
              partitionColumns: cfg.partitionColumns,
              batchSize: cfg.batchSize,
              inputs,
              rowsPerSecond: cfg.rowsPerSecond,
              startAt,
            }),
          ),
        ),
      );
    } else {
      const ctx: FeedContext = {
        cfg,
        conns,
        clock,
        sleep: env.sleep ?? defaultSleep,
        guard,
        isStopped: () => stopped,
        counters: feed,
        whilePaused: async () => {
          if (!paused) return 0;
          const t = clock();
          while (paused) await guard(new Promise<void>((r) => (resumeFeed = r)));
          return clock() - t;
        },
      };
      const { sources, fileErrors: errors } = central!;
      if (errors.length > 0) fileErrors = { count: errors.length, first: errors.slice(0, FILE_ERRORS_KEPT) };
      await (cfg.feed === 'per-record' ? feedRecords(ctx, sources) : feedBatches(ctx, sources));
      await guard(Promise.all(conns.map((c) => c.api.end())));
    }
    await guard(Promise.all(finals.map((f) => f.p)));
  }

  const summarize = (error: string | undefined, endedAt = clock()): RunSummary => ({
    rowsIn: agg.rowsIn,
    rowsOut: agg.rowsOut,
    late: agg.late,
    invalid: agg.invalid,
    elapsedMs: endedAt - startedAt,
    checksum: agg.checksum(),
    stopped,
    ...(error === undefined ? {} : { error }),
    latencyP50Ms: quantile(agg.total, 0.5),
    latencyP99Ms: quantile(agg.total, 0.99),
    breakdown: agg.breakdown(),
    startupMs,
    workerTimes: agg.workerTimes(endedAt - startedAt - startupMs),
    feedTime: agg.feedTime(),
    fileErrors,
  });

  const cancelTimer = (env.every ?? defaultEvery)(options.metricsEveryMs ?? 200, () =>
    metrics.emit(agg.sample(clock(), paused)),
  );

  const done = body()
    .then(
      () => undefined,
      // After stop(), whatever the terminated workers' pending calls reject with is part of stopping, not a failure.
      (e: unknown) =>
        stopped || e instanceof Stopped ? undefined : e instanceof Error ? e.message : String(e),
    )
    .then((error) => {
      cancelTimer();
      // A clean end may hand pooled workers back; a stopped or failed run kills them.
      for (const c of conns) {
        if (error === undefined && !stopped && c.release) c.release();
        else c.terminate();
      }
      const summary = summarize(error);
      metrics.emit(agg.sample(clock(), false));
      return summary;
    });

  const setPaused = (p: boolean): void => {
    paused = p;
    if (!p && resumeFeed) {
      const r = resumeFeed;
      resumeFeed = null;
      r();
    }
    if (cfg.feed === 'local') for (const c of conns) c.api.setPaused(p).catch(() => undefined);
  };

  return {
    layout: {
      variant: cfg.variant,
      workers: cfg.workers,
      batchSize: cfg.batchSize,
      feed: cfg.feed,
      notes: cfg.notes,
    },
    metrics$: metrics as Subscribable<RunMetrics>,
    outputs: outputs as Subscribable<OutputEvent>,
    timeline: timeline as Subscribable<TimelineDelivery>,
    async stop() {
      if (!stopped) {
        stopped = true;
        abort(new Stopped('stopped'));
        for (const c of conns) c.terminate();
      }
      await done;
    },
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    done,
  };
}

export type { RunConfig };
