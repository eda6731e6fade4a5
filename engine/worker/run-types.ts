/** What the app and the CLI see of a run: options in, a handle with live metrics and outputs out. */
import type { ColumnBatch } from '../core/batch';

import type { InjectedFailure, RejectedRow, SkippedOutput, StreamInputs } from './engine-api';

export type VariantName = 'direct' | 'per-record' | 'batched' | 'partitioned' | 'shared-lock';

export interface VariantInfo {
  readonly name: VariantName;
  readonly label: string;
  readonly doc: string;
  /** Which knobs apply. */
  readonly usesBatchSize: boolean;
  readonly usesPartitions: boolean;
}

export const VARIANTS: readonly VariantInfo[] = [
  {
    name: 'direct',
    label: 'Direct',
    doc: 'Source and engine in one worker, no message per batch: the baseline.',
    usesBatchSize: true,
    usesPartitions: false,
  },
  {
    name: 'per-record',
    label: 'Per-record',
    doc: 'One awaited worker call per row: the seeds’ job-server pathology.',
    usesBatchSize: false,
    usesPartitions: false,
  },
  {
    name: 'batched',
    label: 'Batched',
    doc: 'Columnar batches sent as transferables, a few in flight (backpressure).',
    usesBatchSize: true,
    usesPartitions: false,
  },
  {
    name: 'partitioned',
    label: 'Partitioned',
    doc: 'N workers, one engine each, rows hash-partitioned by the plan’s keys; no shared lock.',
    usesBatchSize: true,
    usesPartitions: true,
  },
  {
    name: 'shared-lock',
    label: 'Shared lock',
    doc: 'N workers, but every batch holds one global mutex around the engine: what contention costs.',
    usesBatchSize: true,
    usesPartitions: true,
  },
];

export const MAX_BATCH_SIZE = 65536;
export const MAX_PARTITIONS = 8;

export interface RunOptions {
  readonly variant: VariantName;
  /** Rows per batch, 1…65536 (default 16384). */
  readonly batchSize?: number;
  /** Workers for partitioned / shared-lock, 1…8 (default 2). */
  readonly partitions?: number;
  /** Partitioned only: each worker generates its slice (`local`, default) or the orchestrator scatters (`central`). */
  readonly source?: 'central' | 'local';
  /** Batches in flight per worker before the feed waits (default 4). */
  readonly inFlight?: number;
  /**
   * Streams read from a file, or given as rows (fixtures, conformance cases: columns by name, in
   * arrival order), instead of their generator; by stream name.
   */
  readonly inputs?: StreamInputs | null;
  /** Overrides the stream's `total` (rows). */
  readonly totalRows?: number;
  /** Overrides the stream's `rows_per_second` (0 = as fast as possible). */
  readonly rowsPerSecond?: number;
  /** Post output batches to the orchestrator (default true). False: count and checksum only (benchmarks). */
  readonly deliverOutputs?: boolean;
  /**
   * Post only the newest this many output rows of each worker's report, counting the rows
   * before them (`OutputEvent.skipped`): a view that keeps the newest rows needs no more, and at
   * full speed copying the rest cost the worker more than the query (default: every row).
   */
  readonly deliverNewest?: number;
  /** How often metrics$ fires (default 200 ms). */
  readonly metricsEveryMs?: number;
  /**
   * Collect the teaching timeline (`RunHandle.timeline`): sampled input rows and the engine's
   * real window events. Off by default, and then it costs nothing.
   */
  readonly timeline?: TimelineOptions | null;
  /** Test hook: worker `worker` (default 0) fails as described. */
  readonly failure?: (InjectedFailure & { readonly worker?: number }) | null;
}

export interface WorkerMetrics {
  readonly worker: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Share of wall time spent generating and computing (not waiting, not locked out). */
  readonly busyPct: number;
  readonly stateSize: number;
  readonly watermark: number;
}

/** Where the time went, summed over threads, in ms. */
export interface TimeBreakdown {
  readonly computeMs: number;
  /** Checksumming the outputs in the workers. */
  readonly checkMs: number;
  readonly sourceMs: number;
  readonly messagingMs: number;
  readonly lockWaitMs: number;
  readonly waitingMs: number;
}

/** Where one worker's run time went, in ms (after setup); idle is what is left. */
export interface WorkerTime {
  readonly worker: number;
  /** Input rows this worker's engine took: how the partitioning split the stream (key skew shows here). */
  readonly rowsIn: number;
  /** Generating or parsing rows in the worker (local sources); 0 when the orchestrator feeds it. */
  readonly generateMs: number;
  /** Inside the engine. */
  readonly queryMs: number;
  /** Packing outputs and counters to post them. */
  readonly transferMs: number;
  /** Checksumming the outputs, which every run does so that variants can be compared. */
  readonly checkMs: number;
  readonly lockWaitMs: number;
  /** Waiting for rows or messages (or for a core). */
  readonly idleMs: number;
}

/** The orchestrator's side of a run fed from one place (batched, per-record): ms. */
export interface FeedTime {
  readonly generateMs: number;
  readonly sendMs: number;
  readonly waitMs: number;
}

export interface RunMetrics {
  readonly elapsedMs: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Over the last sampling interval. */
  readonly inputRowsPerSec: number;
  readonly outputRowsPerSec: number;
  /** Row created → emitted, over the last interval (null when nothing was emitted). */
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  /** Min over partitions (dialect §4). */
  readonly watermark: number;
  /** Event-time distance from the newest row seen to the global watermark (delay + partition skew). */
  readonly watermarkLagMs: number;
  readonly late: number;
  readonly invalid: number;
  readonly stateSize: number;
  readonly workers: readonly WorkerMetrics[];
  readonly breakdown: TimeBreakdown;
  readonly paused: boolean;
  /** Rows into each of the plan's sources and out of each plan node, summed over workers (see `EngineStats`). */
  readonly sourceRowsIn: readonly number[];
  readonly nodeRowsOut: readonly number[];
  /** Live state rows of each plan node, summed over the workers. */
  readonly nodeState: readonly number[];
  /** Per source, the most of its rows a join held at once: summed over the workers' own peaks. */
  readonly sourcePeakState: readonly number[];
}

export interface RunSummary {
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly late: number;
  readonly invalid: number;
  readonly elapsedMs: number;
  /** Order-insensitive checksum of the output rows (same for every variant). */
  readonly checksum: string;
  readonly stopped: boolean;
  readonly error?: string;
  /** Cumulative latency quantiles over the whole run. */
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly breakdown: TimeBreakdown;
  /** Starting the run: workers spawned or reused, the plan set up in each (compiled kernels), in ms. */
  readonly startupMs: number;
  /** Per worker, where the time after startup went. */
  readonly workerTimes: readonly WorkerTime[];
  /** The orchestrator's generation and sending, for variants fed from one place (zeros otherwise). */
  readonly feedTime: FeedTime;
  /** Rows of the uploaded file that did not parse or fit the stream's columns (skipped, not counted in rowsIn). */
  readonly fileErrors: FileErrors;
}

/** A file row the parser skipped: its 1-based line and why. */
export interface FileRowError {
  readonly line: number;
  readonly message: string;
  /** The stream whose file it is (a run may read several files). */
  readonly stream?: string;
}

export interface FileErrors {
  readonly count: number;
  /** The first `FILE_ERRORS_KEPT`, in line order. */
  readonly first: readonly FileRowError[];
}

export const FILE_ERRORS_KEPT = 100;

export interface TimelineOptions {
  /** Most rows and most window events each worker reports per second; the rest are counted as dropped (default 2000 each). */
  readonly maxPerSecond?: number;
}

/** An input row as the timeline draws it: where it lands in event time, in which arrival order. */
export interface TimelineRow {
  readonly seq: number;
  /** Event time (ms), or null when the row has none (it is then rejected as invalid). */
  readonly ts: number | null;
  /** The plan's key values (group key / PARTITION BY / partitioning columns) joined with " · "; "" when there is none. */
  readonly key: string;
  readonly worker: number;
  /** Which of the plan's sources the row is from. */
  readonly source: number;
}

/** One of the engine's own window events (operator.ts `EngineEventSink`), not a re-simulation. */
export interface TimelineWindowEvent {
  readonly kind: 'opened' | 'updated' | 'fired' | 'late';
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Arrival seq of the row that caused it (−1 at the end of the stream). */
  readonly seq: number;
  readonly worker: number;
}

export interface TimelineDelivery {
  readonly worker: number;
  readonly rows: readonly TimelineRow[];
  readonly windows: readonly TimelineWindowEvent[];
  /** This worker's watermark after these rows (+∞ in the last delivery, once the stream has ended). */
  readonly watermark: number;
  /** Each source's own watermark at this worker (a join runs at the minimum: `watermark`). */
  readonly sourceWatermarks: readonly number[];
  /** Rows and events seen but not reported since the last delivery (sampling at full speed). */
  readonly droppedRows: number;
  readonly droppedEvents: number;
}

export interface OutputEvent {
  readonly worker: number;
  /** Rows before `batches` that were counted, not posted (`RunOptions.deliverNewest`). */
  readonly skipped: SkippedOutput | null;
  readonly batches: readonly ColumnBatch[];
  readonly rejected: readonly RejectedRow[];
}

export interface Subscribable<T> {
  /** Returns the unsubscribe function. */
  subscribe(cb: (value: T) => void): () => void;
}

/** How the run was actually laid out (the plan may force one partition). */
export interface RunLayout {
  readonly variant: VariantName;
  readonly workers: number;
  readonly batchSize: number;
  readonly feed: 'local' | 'central' | 'per-record';
  /** Things the user should know, e.g. "runs on 1 partition: global aggregate". */
  readonly notes: readonly string[];
}

export interface RunHandle {
  readonly layout: RunLayout;
  readonly metrics$: Subscribable<RunMetrics>;
  readonly outputs: Subscribable<OutputEvent>;
  /** Only fires when `RunOptions.timeline` is set. */
  readonly timeline: Subscribable<TimelineDelivery>;
  /** Terminates every worker at once; `done` then resolves with `stopped: true`. */
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  readonly done: Promise<RunSummary>;
}
