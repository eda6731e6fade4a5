/**
 * The worker boundary: ONE interface, every method returns a Promise. It is
 * exposed by `expose-engine.ts` (inside a Web Worker or a Node worker thread)
 * and wrapped by `engine-client.ts`; `EngineService` implements it in-process.
 * Only plain data and columnar batches (transferables) cross it.
 */
import type { ColumnBatch } from '../core/batch';
import type { Row, Value } from '../core/types';
import type { RejectedRow } from '../operators/operator';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { RowsClockData } from '../sources/rows-clock';
import type { FileErrors, TimelineDelivery } from './run-types';

/** A file the user gave instead of a generator (CSV or JSON lines). */
export interface FileInput {
  readonly name: string;
  readonly text: string;
}

/** What feeds a stream instead of its generator: a file, or rows given inline (fixtures, conformance cases). */
export type StreamInput = { readonly file: FileInput } | { readonly rows: readonly Row[] };

/** Stream inputs by the stream's name (as in `plan.sources[k].stream`); streams not named use their generator. */
export type StreamInputs = Readonly<Record<string, StreamInput>>;

/** Test hook: make the worker fail after it has processed `afterRows` rows. */
export interface InjectedFailure {
  readonly afterRows: number;
  /** `throw`: the engine call rejects; `die`: an uncaught error kills the worker. */
  readonly mode: 'throw' | 'die';
  readonly message: string;
}

export interface WorkerSetup {
  readonly plan: PhysicalPlan;
  /** This worker's index and the number of workers in the run. */
  readonly worker: number;
  readonly workers: number;
  /** How often the worker posts a report (outputs + counters), in ms. */
  readonly reportEveryMs: number;
  /** The shared-lock variant's global mutex (an Int32Array's buffer), or null. */
  readonly lock: SharedArrayBuffer | null;
  readonly failure: InjectedFailure | null;
  /** Post output batches (false: count and checksum them only, as benchmarks do). */
  readonly deliverOutputs: boolean;
  /**
   * With deliverOutputs: post only each report's newest this many output rows, and count the
   * rows before them (`WorkerReport.skipped`); null posts every row.
   */
  readonly deliverNewest: number | null;
  /** Record the teaching timeline (rows and events per second per worker), or null: nothing recorded, nothing paid. */
  readonly timeline: { readonly maxPerSecond: number } | null;
  /**
   * Plans with several sources: the arrival clock of each source fed by a file or rows (by source
   * index; null for generators, which have their own), made where the rows were parsed.
   */
  readonly clocks: readonly (RowsClockData | null)[];
}

/** A worker that generates (or parses) its own slice of the stream. */
export interface LocalRunSpec {
  readonly partition: number;
  readonly partitions: number;
  /** Per source: the columns to hash; null = any split (round-robin by seq). */
  readonly partitionColumns: readonly (readonly number[])[] | null;
  readonly batchSize: number;
  /** Streams fed by a file (the worker parses it; direct only) or by rows, by stream name. */
  readonly inputs: StreamInputs;
  /** Per source: 0 = as fast as possible; otherwise rows of the whole stream per second. */
  readonly rowsPerSecond: readonly number[];
  /** Clock reading (ms) the pacing schedule starts from. */
  readonly startAt: number;
}

/** Cumulative counters of one worker (monotone, so a lost report loses nothing). */
export interface WorkerCounters {
  rowsIn: number;
  rowsOut: number;
  late: number;
  invalid: number;
  /** Engine state (groups, open windows, buffered rows) as the engine reports it. */
  stateSize: number;
  /** Time inside the engine (push + drain). */
  computeMs: number;
  /** Time generating or parsing rows inside the worker. */
  sourceMs: number;
  /** Time waiting for the shared lock. */
  lockWaitMs: number;
  /** Time packing reports (outputs, counters) for posting. */
  postMs: number;
  /** Time checksumming the outputs (what lets every variant's answer be compared). */
  checkMs: number;
  /** Clock reading at setup, to compute busy %. */
  startedAt: number;
  /** Clock reading when the counters were taken. */
  at: number;
  /** The watermark of the query's output after the last row this worker saw (−∞ before any). */
  watermark: number;
  /** Each source's own watermark, by source index. */
  sourceWatermarks: number[];
  /** Partial checksum of every output row so far (combined across workers by the orchestrator). */
  checksum: string;
  /** Rows into each source and out of each plan node (`EngineStats`). */
  sourceRowsIn: number[];
  nodeRowsOut: number[];
  /** Live state entries of each plan node (`EngineStats.nodeState`). */
  nodeState: number[];
  /** Per source, the most of its rows a join held at once (`EngineStats.sourcePeakState`). */
  sourcePeakState: number[];
  /** Bucket counts of emit latency since the previous report (see latency-histogram.ts). */
  latency: Float64Array;
}

/** What a worker posts every `reportEveryMs` and once at the end. */
/** Output rows a report counted but did not post (`WorkerSetup.deliverNewest`): all older than those it posted. */
export interface SkippedOutput {
  readonly rows: number;
  /** Of those, how many had each op code (OP_CODES order). */
  readonly ops: readonly number[];
}

export interface WorkerReport {
  readonly worker: number;
  readonly outputs: readonly ColumnBatch[];
  /** Output rows before `outputs` that were counted, not posted; null when none were. */
  readonly skipped: SkippedOutput | null;
  /** Late and invalid rows, for the side output (the engine keeps a bounded number; all are counted). */
  readonly rejected: readonly RejectedRow[];
  readonly counters: WorkerCounters;
  /** True once the worker's stream has ended and everything is flushed. */
  readonly final: boolean;
  /** Timeline rows and window events since the previous report (only when the run asked for a timeline). */
  readonly timeline: TimelineDelivery | null;
  /** Set once, in the first report after a worker parsed a file with bad rows. */
  readonly fileErrors: FileErrors | null;
}

export type { RejectedRow };

/** One row as the per-record variant sends it. */
export interface RecordMessage {
  /** Which of the plan's sources it is a row of. */
  readonly source: number;
  /** Values in that source's `columns` order. */
  readonly values: readonly Value[];
  readonly seq: number;
  /** Watermark before and after this row (dialect §4). */
  readonly wm: number;
  readonly wmAfter: number;
  /** Arrival time (ms) of the source's next row (+∞ after its last): see `arrival-clock.ts`. */
  readonly nextArrival: number;
  readonly createdAt: number;
}

export type ReportFn = (report: WorkerReport) => void;

export interface EngineWorkerApi {
  /** Compiles the plan into a fresh engine; `report` receives outputs and counters. */
  setup(setup: WorkerSetup, report: ReportFn): Promise<void>;
  /**
   * One batch of source `source` from the orchestrator (maybe empty: the source came this far);
   * `createdAt` is the clock reading when it was made; `nextArrival` the arrival time of the
   * source's next row, whichever partition it goes to (+∞ after its last). Resolves to the batch
   * itself, its arrays transferred back, when the plan keeps none of them (`keepsNoInput`), so
   * that the sender's generators may fill them again; else to null.
   */
  push(
    source: number,
    batch: ColumnBatch,
    createdAt: number,
    nextArrival: number,
  ): Promise<ColumnBatch | null>;
  /** One row (the per-record variant): a plain object per row, on purpose. */
  pushRow(row: RecordMessage): Promise<void>;
  /** Runs this worker's own source to its end (or until stopped); ends the stream itself. */
  runLocal(spec: LocalRunSpec): Promise<void>;
  /** Ends the stream (watermark → +∞), flushes and posts the final report. */
  end(): Promise<void>;
  /** Pauses or resumes a local run between batches. */
  setPaused(paused: boolean): Promise<void>;
}
