/**
 * The one contract every operator implements. Batches flow down a linear
 * pipeline; the watermark rides inside each batch (`wm` per row, `wmAfter`),
 * so operators that care about time react per row, and `onWatermark` only
 * moves time forward between batches (or to +∞ at the end).
 */
import type { ArrayAlloc } from '../core/batch-gather';
import type { ColumnBatch } from '../core/batch';
import type { Row, Value } from '../core/types';

export interface BatchSink {
  push(batch: ColumnBatch): void;
}

export interface Operator {
  onBatch(batch: ColumnBatch, out: BatchSink): void;
  /** Time moved to `wm` with no rows in between (after a batch, or +∞ at the end of a bounded stream). */
  onWatermark(wm: number, out: BatchSink): void;
  /** The stream ended: flush whatever is still held. Called after `onWatermark(+∞)`. */
  onEnd(out: BatchSink): void;
  /** Live state entries (groups × windows, distinct values, buffered rows) for the state limit and stats. */
  stateSize(): number;
  /** True once the operator will never emit again (LIMIT reached). */
  readonly done?: boolean;
}

/**
 * An operator with several inputs (joins, unions). Each batch it gets carries
 * every row's arrival key (`at`) and, in `wm`, the operator's own watermark
 * at that row: the minimum over all the streams below it (dialect §8).
 * `onWatermark` is called with that watermark once every input has been
 * delivered up to it, so state may be freed and windows fired then.
 */
export interface MultiInputOperator {
  /**
   * True: rows are handed over in arrival-key order across inputs (runs of one input at a time),
   * as an order-sensitive changelog needs; false: each batch whole, as it comes.
   */
  readonly ordered: boolean;
  /** Rows [from, to) of a batch of input `input` (0 = the left/first). */
  onInput(input: number, batch: ColumnBatch, from: number, to: number, out: BatchSink): void;
  /**
   * Optional, instead of `onInput` for ordered operators: a whole arrival-ordered run across the
   * inputs in one call. Interleaved streams make `onInput` slices about one row long, and an
   * operator that pays set-up per call then spends its time on set-up, not rows.
   */
  onRun?(run: InputRun, out: BatchSink): void;
  /** Every input has been delivered up to arrival key `at`, where the watermark is `wm`. */
  onWatermark(wm: number, out: BatchSink, at: number): void;
  onEnd(out: BatchSink): void;
  stateSize(): number;
  /** Live state entries held for each input (the per-side metric). */
  inputStateSizes(): number[];
}

/**
 * Rows of several inputs in arrival order: step j is row `rows[j]` of `batches[inputs[j]]`. Each
 * input's rows ascend one by one from where its previous run stopped, and its batch is the same
 * for the whole run (a run ends where an input's batch does). Valid only during the call.
 */
export interface InputRun {
  /** Per input: the batch its rows in this run come from (null: none of its rows are in it). */
  readonly batches: readonly (ColumnBatch | null)[];
  readonly inputs: Uint8Array;
  readonly rows: Int32Array;
  readonly length: number;
}

/** A row the engine did not use, with why: never dropped silently (dialect §4, §6). */
export interface RejectedRow {
  readonly seq: number;
  readonly row: Row;
  readonly reason: 'late' | 'invalid';
  readonly detail: string;
}

export interface WindowEvent {
  /** Group key values, in GROUP BY / PARTITION BY order. */
  readonly key: readonly Value[];
  readonly start: number;
  readonly end: number;
  /** Arrival seq of the row that caused the event (for `fired`, the row whose watermark fired it; −1 at the end). */
  readonly seq: number;
}

/** Hooks for the teaching timeline. Every call site checks for null first, so a null sink costs one branch. */
export interface EngineEventSink {
  windowOpened?(e: WindowEvent): void;
  windowUpdated?(e: WindowEvent): void;
  windowFired?(e: WindowEvent): void;
  lateRow?(e: WindowEvent): void;
  /**
   * False while the sink would drop per-row `windowUpdated` events anyway (a sampling budget
   * spent): operators may then take fast paths that skip them for the next batch. Opened, fired
   * and late events are reported on every path. Absent means always listening.
   */
  readonly listening?: boolean;
}

export class StateLimitError extends Error {
  override readonly name = 'StateLimitError';
  constructor(
    readonly limit: number,
    readonly what: string,
  ) {
    super(
      `state limit of ${limit.toLocaleString('en-US')} ${what} reached; raise it or add a window ` +
        '(or a tighter GROUP BY) so that state can be released',
    );
  }
}

/** What operators get from the engine. */
export interface OperatorContext {
  readonly stateLimit: number;
  /**
   * Where the operators that hold nothing they emit (filters, projections, aggregates, OVER
   * windows) take their output arrays: the thread's pool when the worker gives the plan's outputs
   * back (`holdsNoOutput`), else new, exactly sized ones (undefined).
   */
  readonly outputArrays?: ArrayAlloc;
  readonly events: EngineEventSink | null;
  /** Reports a late or invalid row (row i of `batch`, whose schema is `names`). */
  reject(
    batch: ColumnBatch,
    i: number,
    names: readonly string[],
    reason: 'late' | 'invalid',
    detail: string,
  ): void;
}

/** Sets row i aside as invalid because its event time is NULL (dialect §4): every windowed operator says it the same way. */
export function rejectNullTime(
  ctx: OperatorContext,
  batch: ColumnBatch,
  i: number,
  names: readonly string[],
  timeColumn: number,
): void {
  ctx.reject(batch, i, names, 'invalid', `event time (${names[timeColumn] ?? 'ts'}) is NULL`);
}

/** Throws StateLimitError when `size` exceeds the limit. */
export function checkStateLimit(ctx: OperatorContext, size: number, what: string): void {
  if (size > ctx.stateLimit) throw new StateLimitError(ctx.stateLimit, what);
}
