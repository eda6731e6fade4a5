/**
 * One running query: a physical plan's pipeline over batches pushed in stream
 * order. Knows nothing of threads or sources; every execution variant (direct,
 * batched, per-record, partitioned) drives one or more of these.
 */
import type { ColumnBatch } from '../core/batch';
import { batchDictionaries, rowValues } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import { buildPipeline, type Stage } from '../operators/build-pipeline';
import type { BatchSink, EngineEventSink, OperatorContext, RejectedRow } from '../operators/operator';
import type { PhysicalPlan } from '../plan/physical-plan';

export { StateLimitError } from '../operators/operator';
export type { EngineEventSink, RejectedRow, WindowEvent } from '../operators/operator';

export const DEFAULT_STATE_LIMIT = 1_000_000;

export interface EngineOptions {
  /** Cap on live state entries (groups × open windows, distinct values, buffered rows). Default 1,000,000. */
  stateLimit?: number;
  /** Timeline hooks; null or absent costs nothing. */
  events?: EngineEventSink | null;
  /** How many rejected rows are kept for `drainRejected` between drains (all are counted). Default 100,000. */
  rejectedKept?: number;
}

export interface EngineStats {
  rowsIn: number;
  rowsOut: number;
  /** Late rows dropped (a hopping row dropped from two windows counts twice). */
  late: number;
  /** Rows whose event time is NULL. */
  invalid: number;
  /** Live state entries now. */
  stateSize: number;
  stateLimit: number;
  batchesIn: number;
  batchesOut: number;
  /**
   * Rows out of each pipeline stage, in plan order (`stageRowsOut[k]` is stage k's output;
   * stage k's input is `stageRowsOut[k - 1]`, or `rowsIn` for the first). Drives the live plan graph.
   */
  stageRowsOut: number[];
}

export class QueryEngine {
  private readonly stages: Stage[];
  private readonly sinks: BatchSink[];
  private outputs: ColumnBatch[] = [];
  private rejected: RejectedRow[] = [];
  private readonly counters = { rowsIn: 0, rowsOut: 0, late: 0, invalid: 0, batchesIn: 0, batchesOut: 0 };
  private ended = false;
  /** Counted where batches cross between stages: one add per batch, not per row. */
  private readonly stageRowsOut: Float64Array;
  readonly outputSchema: Schema;
  private readonly stateLimit: number;

  constructor(
    readonly plan: PhysicalPlan,
    opts: EngineOptions = {},
  ) {
    this.stateLimit = opts.stateLimit ?? DEFAULT_STATE_LIMIT;
    const kept = opts.rejectedKept ?? 100_000;
    const ctx: OperatorContext = {
      stateLimit: this.stateLimit,
      events: opts.events ?? null,
      reject: (batch, i, names, reason, detail) => {
        if (reason === 'late') this.counters.late++;
        else this.counters.invalid++;
        if (this.rejected.length >= kept) return;
        const values = rowValues(batch, i, batchDictionaries(batch));
        const row: Row = {};
        names.forEach((name, c) => (row[name] = values[c] ?? null));
        this.rejected.push({ seq: batch.seq[i]!, row, reason, detail });
      },
    };
    this.stages = buildPipeline(plan.pipeline, plan.source.columns, ctx, plan.source.timeColumn);
    const stageRowsOut = (this.stageRowsOut = new Float64Array(this.stages.length));
    this.outputSchema = this.stages.length
      ? this.stages[this.stages.length - 1]!.output
      : plan.source.columns;
    const last: BatchSink = {
      push: (b) => {
        if (b.length === 0) return;
        if (stageRowsOut.length) stageRowsOut[stageRowsOut.length - 1]! += b.length;
        this.counters.rowsOut += b.length;
        this.counters.batchesOut++;
        this.outputs.push(b);
      },
    };
    this.sinks = [];
    for (let k = this.stages.length - 1; k >= 0; k--) {
      const next = k + 1 < this.stages.length ? this.stages[k + 1]!.operator : null;
      const nextSink: BatchSink = this.sinks[0] ?? last;
      this.sinks.unshift(
        next === null
          ? last
          : {
              push: (b) => {
                stageRowsOut[k]! += b.length;
                next.onBatch(b, nextSink);
              },
            },
      );
    }
  }

  /** True once LIMIT has been reached: further input changes nothing. */
  get finished(): boolean {
    return this.stages.some((s) => s.operator.done === true);
  }

  push(batch: ColumnBatch): void {
    if (this.ended) throw new Error('push after end');
    this.counters.rowsIn += batch.length;
    this.counters.batchesIn++;
    if (this.finished) return;
    if (this.stages.length === 0) {
      this.passThrough(batch);
      return;
    }
    this.stages[0]!.operator.onBatch(batch, this.sinks[0]!);
    for (let k = 0; k < this.stages.length; k++)
      this.stages[k]!.operator.onWatermark(batch.wmAfter, this.sinks[k]!);
  }

  private passThrough(batch: ColumnBatch): void {
    this.counters.rowsOut += batch.length;
    this.outputs.push(batch);
  }

  /** The stream ended: the watermark becomes +∞ and everything still open is emitted. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (let k = 0; k < this.stages.length; k++) {
      const op = this.stages[k]!.operator;
      op.onWatermark(Infinity, this.sinks[k]!);
      op.onEnd(this.sinks[k]!);
    }
  }

  drainOutput(): ColumnBatch[] {
    const o = this.outputs;
    this.outputs = [];
    return o;
  }

  drainRejected(): RejectedRow[] {
    const r = this.rejected;
    this.rejected = [];
    return r;
  }

  stats(): EngineStats {
    let stateSize = 0;
    for (const s of this.stages) stateSize += s.operator.stateSize();
    return {
      ...this.counters,
      stateSize,
      stateLimit: this.stateLimit,
      stageRowsOut: Array.from(this.stageRowsOut),
    };
  }
}

/** Stats of several partitions' engines as one (state limits are per engine, so that one is not summed). */
export function sumEngineStats(all: readonly EngineStats[]): EngineStats {
  return all.reduce((a, s) => ({
    rowsIn: a.rowsIn + s.rowsIn,
    rowsOut: a.rowsOut + s.rowsOut,
    late: a.late + s.late,
    invalid: a.invalid + s.invalid,
    stateSize: a.stateSize + s.stateSize,
    stateLimit: s.stateLimit,
    batchesIn: a.batchesIn + s.batchesIn,
    batchesOut: a.batchesOut + s.batchesOut,
    stageRowsOut: a.stageRowsOut.map((n, k) => n + (s.stageRowsOut[k] ?? 0)),
  }));
}
