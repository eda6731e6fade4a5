/**
 * One running query: a physical plan's operator graph over batches pushed in
 * stream order, per source. Knows nothing of threads or sources; every
 * execution variant (direct, batched, per-record, partitioned) drives one or
 * more of these.
 */
import type { ColumnBatch } from '../core/batch';
import { batchDictionaries, rowValues } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import { buildChain, type Stage } from '../operators/build-pipeline';
import type { BatchSink, EngineEventSink, OperatorContext, RejectedRow } from '../operators/operator';
import type { PhysicalPlan } from '../plan/physical-plan';
import { inputSchema, inputTime, planChains } from '../plan/plan-chains';

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
  /** Rows into each source (`sources[s]` of the plan). */
  sourceRowsIn: number[];
  /**
   * Rows out of each plan node (`plan.nodes[k]`); a node's input is what its inputs put out.
   * Drives the live plan graph.
   */
  nodeRowsOut: number[];
}

/** A chain's running stages and the sinks between them. */
interface ChainRun {
  readonly stages: Stage[];
  /** sinks[k] receives stage k's output. */
  readonly sinks: BatchSink[];
  /** The chain's input watermark, last passed to its stages. */
  wm: number;
  /** What feeds it: a source, or the chain whose last node it reads (earlier in plan order). */
  readonly from: { readonly source: number } | { readonly chain: ChainRun };
}

export class QueryEngine {
  private readonly chains: ChainRun[] = [];
  /** Chains reading each source, and each node's output. */
  private readonly sourceReaders: ChainRun[][];
  private readonly nodeReaders: ChainRun[][];
  private readonly sourceWm: Float64Array;
  private outputs: ColumnBatch[] = [];
  private rejected: RejectedRow[] = [];
  private readonly counters = { rowsIn: 0, rowsOut: 0, late: 0, invalid: 0, batchesIn: 0, batchesOut: 0 };
  private ended = false;
  /** Counted where batches leave a node: one add per batch, not per row. */
  private readonly nodeRowsOut: Float64Array;
  private readonly sourceRowsIn: Float64Array;
  /** The chain whose last stage is the plan's output (null: no node, sources pass through). */
  private readonly outputChain: ChainRun | null;
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
    const nodes = plan.nodes;
    const nodeRowsOut = (this.nodeRowsOut = new Float64Array(nodes.length));
    this.sourceRowsIn = new Float64Array(plan.sources.length);
    this.sourceWm = new Float64Array(plan.sources.length).fill(-Infinity);
    this.sourceReaders = plan.sources.map(() => []);
    this.nodeReaders = nodes.map(() => []);
    const last = nodes.length - 1;
    this.outputSchema = last >= 0 ? nodes[last]!.schema : (plan.sources[0]?.columns ?? []);
    let outputChain: ChainRun | null = null;
    const chainOfNode = new Map<number, ChainRun>();
    for (const c of planChains(plan)) {
      if (c.inputs.length !== 1)
        throw new Error(`operators with ${c.inputs.length} inputs are not supported by this engine`);
      const input = c.inputs[0]!;
      const stages = buildChain(nodes, c.nodes, inputSchema(plan, input), inputTime(plan, input), ctx);
      const tail = c.nodes[c.nodes.length - 1]!;
      const run: ChainRun = {
        stages,
        sinks: [],
        wm: -Infinity,
        from: input.kind === 'source' ? { source: input.index } : { chain: chainOfNode.get(input.index)! },
      };
      const isOutput = tail === last;
      // Each sink counts the rows out of the nodes its stage runs, then hands them on: to the next
      // stage, or from the tail to every chain reading it (and to the output).
      stages.forEach((st, k) => {
        const next = stages[k + 1];
        const covered = st.nodes;
        run.sinks.push({
          push: (b) => {
            if (b.length === 0) return;
            for (const n of covered) nodeRowsOut[n]! += b.length;
            if (next !== undefined) {
              next.operator.onBatch(b, run.sinks[k + 1]!);
              return;
            }
            if (isOutput) this.emit(b);
            for (const r of this.nodeReaders[tail]!) this.feed(r, b);
          },
        });
      });
      if (input.kind === 'source') this.sourceReaders[input.index]!.push(run);
      else this.nodeReaders[input.index]!.push(run);
      this.chains.push(run);
      for (const n of c.nodes) chainOfNode.set(n, run);
      if (isOutput) outputChain = run;
    }
    this.outputChain = outputChain;
  }

  private emit(b: ColumnBatch): void {
    this.counters.rowsOut += b.length;
    this.counters.batchesOut++;
    this.outputs.push(b);
  }

  private feed(run: ChainRun, b: ColumnBatch): void {
    const first = run.stages[0];
    if (first) first.operator.onBatch(b, run.sinks[0]!);
  }

  /** True once LIMIT has been reached on the output's chain: further input changes nothing. */
  get finished(): boolean {
    return this.outputChain !== null && this.outputChain.stages.some((s) => s.operator.done === true);
  }

  /** A batch of the plan's only (or first) source. */
  push(batch: ColumnBatch): void {
    this.pushSource(0, batch);
  }

  /** A batch of source `s`, in that stream's order. */
  pushSource(s: number, batch: ColumnBatch): void {
    if (this.ended) throw new Error('push after end');
    this.counters.rowsIn += batch.length;
    this.counters.batchesIn++;
    this.sourceRowsIn[s]! += batch.length;
    if (this.finished) return;
    if (this.plan.nodes.length === 0) {
      this.emit(batch);
      return;
    }
    for (const r of this.sourceReaders[s]!) this.feed(r, batch);
    this.sourceWm[s] = batch.wmAfter;
    this.advance();
  }

  /** Moves every chain's watermark to its input's, in plan order (readers after what they read). */
  private advance(): void {
    for (const run of this.chains) {
      const wm = 'source' in run.from ? this.sourceWm[run.from.source]! : run.from.chain.wm;
      run.wm = wm;
      for (let k = 0; k < run.stages.length; k++) run.stages[k]!.operator.onWatermark(wm, run.sinks[k]!);
    }
  }

  /** The stream ended: the watermark becomes +∞ and everything still open is emitted. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const run of this.chains) {
      run.wm = Infinity;
      for (let k = 0; k < run.stages.length; k++) {
        const op = run.stages[k]!.operator;
        op.onWatermark(Infinity, run.sinks[k]!);
        op.onEnd(run.sinks[k]!);
      }
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
    for (const c of this.chains) for (const s of c.stages) stateSize += s.operator.stateSize();
    return {
      ...this.counters,
      stateSize,
      stateLimit: this.stateLimit,
      sourceRowsIn: Array.from(this.sourceRowsIn),
      nodeRowsOut: Array.from(this.nodeRowsOut),
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
    sourceRowsIn: a.sourceRowsIn.map((n, k) => n + (s.sourceRowsIn[k] ?? 0)),
    nodeRowsOut: a.nodeRowsOut.map((n, k) => n + (s.nodeRowsOut[k] ?? 0)),
  }));
}
