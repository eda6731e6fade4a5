/**
 * One running query: a physical plan's operator graph over batches pushed in
 * stream order, per source. Knows nothing of threads or sources; every
 * execution variant (direct, batched, per-record, partitioned) drives one or
 * more of these.
 */
import { batchPool } from '../core/batch-pool';
import { holdsNoOutput } from '../operators/keeps-no-input';
import type { ColumnBatch } from '../core/batch';
import { batchDictionaries, rowValues } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import { buildChain, type Stage } from '../operators/build-pipeline';
import type { BatchSink, EngineEventSink, OperatorContext, RejectedRow } from '../operators/operator';
import { buildMultiInput } from '../operators/build-multi-input';
import type { PhysicalPlan, PlanInput, SourceSpec } from '../plan/physical-plan';
import { inputSchema, inputTime, planChains } from '../plan/plan-chains';
import { arrivalKey, type ArrivalClock, type SourceTime } from '../sources/arrival-clock';
import { generatorClock } from '../sources/generators/generator-clock';
import { CombinedWatermark } from './combined-watermark';
import { isMultiInput, needsArrivalOrder } from '../plan/arrival-order';
import { outputHoldBack } from '../plan/output-hold-back';
import { heldBack } from './held-watermark';
import { MultiInputRun } from './multi-input-run';
import { sourcesUnder } from '../plan/sources-under';

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
  /** Arrival clocks of sources fed by files or fixed rows, by source index (generators have their own). */
  clocks?: readonly (ArrivalClock | null)[];
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
  /** Live state entries of each plan node. */
  nodeState: number[];
  /**
   * Per source: the most rows of it a join (or union) above it has held at once, so far — the
   * state a bounded join promises to keep small (0 where no multi-input operator reads it).
   */
  sourcePeakState: number[];
}

/** A chain's running operators and the sinks between them. */
interface ChainRun {
  /** The head, when it has several inputs; then `stages` are the single-input nodes after it. */
  readonly multi: MultiInputRun | null;
  /** How far the head's output watermark stays behind its inputs' (output-hold-back.ts). */
  readonly holdBack: number;
  readonly stages: Stage[];
  /** sinks[k] receives stage k's output; `headSink` the multi-input head's. */
  readonly sinks: BatchSink[];
  readonly headSink: BatchSink;
  /** The chain's input watermark, last passed to its stages. */
  wm: number;
  /** Single-input chains: what feeds them, a source or the chain whose last node they read (earlier in plan order). */
  readonly from: { readonly source: number } | { readonly chain: ChainRun } | null;
  /** Multi-input chains: each input's sources (their frontiers bound what may be released). */
  readonly inputSources: readonly (readonly number[])[];
  /** The plan nodes it runs. */
  readonly nodes: readonly number[];
}

/** A chain that reads a source or a node, and as which of its inputs. */
interface Reader {
  readonly run: ChainRun;
  readonly input: number;
}

export class QueryEngine {
  private readonly chains: ChainRun[] = [];
  private readonly sourceReaders: Reader[][];
  private readonly nodeReaders: Reader[][];
  private readonly sourceWm: Float64Array;
  /** Sources below a multi-input operator: their watermark at the last key handed over. */
  private readonly handedOver = new Map<
    number,
    { readonly wm: CombinedWatermark; readonly run: MultiInputRun }
  >();
  /** Arrival key of each source's next row (−∞ until told, +∞ once it ended): see `arrival-clock.ts`. */
  private readonly progress: Float64Array;
  /** Arrival clocks, for plans with several sources (null otherwise). */
  private readonly clocks: (SourceTime | null)[];
  private readonly multiSource: boolean;
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
      outputArrays: holdsNoOutput(plan) ? batchPool : undefined,
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
    const nSources = plan.sources.length;
    this.multiSource = needsArrivalOrder(plan);
    this.clocks = this.multiSource ? plan.sources.map((s, k) => sourceTime(s, k, opts.clocks?.[k])) : [];
    this.progress = new Float64Array(nSources).fill(-Infinity);
    const nodeRowsOut = (this.nodeRowsOut = new Float64Array(nodes.length));
    this.sourceRowsIn = new Float64Array(nSources);
    this.sourceWm = new Float64Array(nSources).fill(-Infinity);
    this.sourceReaders = plan.sources.map(() => []);
    this.nodeReaders = nodes.map(() => []);
    const last = nodes.length - 1;
    this.outputSchema = last >= 0 ? nodes[last]!.schema : (plan.sources[0]?.columns ?? []);
    let outputChain: ChainRun | null = null;
    const chainOfNode = new Map<number, ChainRun>();
    for (const c of planChains(plan)) {
      const headNode = nodes[c.nodes[0]!]!;
      const multiOp = c.inputs.length > 1 || isMultiInput(headNode.op) ? headNode.op : null;
      const rest = multiOp === null ? c.nodes : c.nodes.slice(1);
      const restInput: PlanInput = multiOp === null ? c.inputs[0]! : { kind: 'node', index: c.nodes[0]! };
      const stages = buildChain(nodes, rest, inputSchema(plan, restInput), inputTime(plan, restInput), ctx);
      const tail = c.nodes[c.nodes.length - 1]!;
      const isOutput = tail === last;
      const sinks: BatchSink[] = [];
      // Each sink counts the rows out of the nodes its stage runs, then hands them on: to the next
      // stage, or from the tail to every chain reading it (and to the output).
      const toTail = (b: ColumnBatch): void => {
        if (isOutput) this.emit(b);
        for (const r of this.nodeReaders[tail]!) this.feed(r, b);
      };
      stages.forEach((st, k) => {
        const next = stages[k + 1];
        const covered = st.nodes;
        sinks.push({
          push: (b) => {
            if (b.length === 0) return;
            for (const n of covered) nodeRowsOut[n]! += b.length;
            if (next !== undefined) next.operator.onBatch(b, sinks[k + 1]!);
            else toTail(b);
          },
        });
      });
      const head = c.nodes[0]!;
      const holdBack = outputHoldBack(multiOp);
      const headSink: BatchSink = {
        push: (joined) => {
          if (joined.length === 0) return;
          const b = heldBack(joined, holdBack);
          nodeRowsOut[head]! += b.length;
          if (stages.length > 0) stages[0]!.operator.onBatch(b, sinks[0]!);
          else toTail(b);
        },
      };
      let multi: MultiInputRun | null = null;
      let inputSources: number[][] = [];
      if (multiOp !== null) {
        if (!isMultiInput(multiOp)) throw new Error(`${multiOp.kind} cannot take ${c.inputs.length} inputs`);
        inputSources = c.inputs.map((i) => sourcesUnder(plan, i));
        const all = [...new Set(inputSources.flat())].sort((x, y) => x - y);
        const op = buildMultiInput(
          multiOp,
          c.inputs.map((i) => inputSchema(plan, i)),
          inputSources.map((srcs) => srcs.map((s) => plan.sources[s]!.stream).join(' ⋈ ')),
          ctx,
          c.nodes[1] === undefined ? undefined : nodes[c.nodes[1]]!.op,
        );
        const over = (srcs: readonly number[]): CombinedWatermark =>
          new CombinedWatermark(srcs.map((s) => this.clocks[s]!));
        multi = new MultiInputRun(op, over(all), inputSources.map(over));
        for (const s of all) this.handedOver.set(s, { wm: over([s]), run: multi });
      }
      const only = c.inputs[0]!;
      const run: ChainRun = {
        multi,
        holdBack,
        stages,
        sinks,
        headSink,
        wm: -Infinity,
        from:
          multi !== null
            ? null
            : only.kind === 'source'
              ? { source: only.index }
              : { chain: chainOfNode.get(only.index)! },
        inputSources,
        nodes: c.nodes,
      };
      c.inputs.forEach((i, k) =>
        (i.kind === 'source' ? this.sourceReaders[i.index]! : this.nodeReaders[i.index]!).push({
          run,
          input: k,
        }),
      );
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

  private feed(r: Reader, b: ColumnBatch): void {
    const run = r.run;
    if (run.multi !== null) {
      run.multi.deliver(r.input, b, this.frontier(run.inputSources[r.input]!), run.headSink);
      return;
    }
    const first = run.stages[0];
    if (first) first.operator.onBatch(b, run.sinks[0]!);
  }

  /** The smallest arrival key any of these sources may still deliver. */
  private frontier(sources: readonly number[]): number {
    let f = Infinity;
    for (const s of sources) if (this.progress[s]! < f) f = this.progress[s]!;
    return f;
  }

  /** The watermark of the query's output (its last chain's input watermark). */
  get outputWatermark(): number {
    if (this.outputChain !== null) return this.outputChain.wm;
    return this.sourceWm[0] ?? -Infinity;
  }

  /**
   * Each source's own watermark where the operators are: after the last batch it delivered, or,
   * below a join, at the last row handed to it (the join holds rows back until every input has
   * reached them, so a stream read ahead does not look further than the join has got).
   */
  sourceWatermarks(): number[] {
    const out = Array.from(this.sourceWm);
    for (const [s, h] of this.handedOver) out[s] = Math.min(out[s]!, h.wm.at(h.run.handedTo));
    return out;
  }

  /** True once LIMIT has been reached on the output's chain: further input changes nothing. */
  get finished(): boolean {
    return this.outputChain !== null && this.outputChain.stages.some((s) => s.operator.done === true);
  }

  /** A batch of the plan's only (or first) source. */
  push(batch: ColumnBatch): void {
    this.pushSource(0, batch);
  }

  /**
   * A batch of source `s`, in that stream's order. `nextArrival`: the arrival time (ms) of the
   * stream's next row — rows of other partitions included — or +∞ once it has no more; plans with
   * several sources need it to know how far every input has come.
   */
  pushSource(s: number, batch: ColumnBatch, nextArrival?: number): void {
    if (this.ended) throw new Error('push after end');
    this.counters.rowsIn += batch.length;
    this.counters.batchesIn++;
    this.sourceRowsIn[s]! += batch.length;
    if (this.finished) return;
    if (this.plan.nodes.length === 0) {
      this.emit(batch);
      return;
    }
    let b = batch;
    if (this.multiSource && batch.length === 0) {
      this.advanceSource(s, nextArrival ?? NaN, batch.wmAfter);
      return;
    }
    if (this.multiSource) {
      b = this.withArrivalKeys(s, batch);
      // Without the next row's arrival, the last row's key is a safe bound (later rows are not below it).
      this.progress[s] =
        nextArrival === undefined || Number.isNaN(nextArrival) ? lastKeyOf(b) : arrivalKey(nextArrival, s);
    }
    for (const r of this.sourceReaders[s]!) this.feed(r, b);
    this.sourceWm[s] = batch.wmAfter;
    this.advance();
  }

  /** Source `s` has come this far without a row for this engine (another partition's rows, or none). */
  advanceSource(s: number, nextArrival: number, wmAfter: number): void {
    if (this.ended || !this.multiSource || Number.isNaN(nextArrival)) return;
    this.progress[s] = arrivalKey(nextArrival, s);
    if (wmAfter > this.sourceWm[s]!) this.sourceWm[s] = wmAfter;
    this.advance();
  }

  private withArrivalKeys(s: number, batch: ColumnBatch): ColumnBatch {
    const clock = this.clocks[s]!.clock;
    const n = batch.length;
    const at = new Float64Array(n);
    for (let i = 0; i < n; i++) at[i] = arrivalKey(clock.arrivalOfSeq(batch.seq[i]!), s);
    return { ...batch, at };
  }

  /** Moves every chain's watermark to its input's, in plan order (readers after what they read). */
  private advance(): void {
    for (const run of this.chains) {
      let wm: number;
      if (run.multi !== null) {
        let safe = Infinity;
        for (const src of run.inputSources) safe = Math.min(safe, this.frontier(src));
        wm = run.multi.release(safe, run.headSink) - run.holdBack;
      } else if (run.from === null) wm = -Infinity;
      else wm = 'source' in run.from ? this.sourceWm[run.from.source]! : run.from.chain.wm;
      run.wm = wm;
      for (let k = 0; k < run.stages.length; k++) run.stages[k]!.operator.onWatermark(wm, run.sinks[k]!);
    }
  }

  /** The stream ended: the watermark becomes +∞ and everything still open is emitted. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.progress.fill(Infinity);
    // Chain by chain in plan order, stage by stage: what one stage flushes at the end reaches the
    // next before that one ends.
    for (const run of this.chains) {
      run.wm = Infinity;
      if (run.multi !== null) {
        run.multi.release(Infinity, run.headSink);
        run.multi.operator.onEnd(run.headSink);
      }
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

  /** Rows out of each plan node, with those a stage withheld (see Stage.withheld). */
  private rowsOutOfNodes(): number[] {
    const rows = Array.from(this.nodeRowsOut);
    for (const c of this.chains)
      for (const s of c.stages)
        if (s.withheld) for (const n of s.withheld.nodes) rows[n]! += s.withheld.rows();
    return rows;
  }

  stats(): EngineStats {
    let stateSize = 0;
    const nodeState = this.plan.nodes.map(() => 0);
    // A join's peak per input, attributed to the input's first source.
    const sourcePeakState = this.plan.sources.map(() => 0);
    for (const c of this.chains) {
      if (c.multi !== null) {
        const n = c.multi.operator.stateSize();
        stateSize += n;
        nodeState[c.nodes[0]!] = n;
        const peaks = c.multi.peakState;
        c.inputSources.forEach((srcs, k) => {
          const s = srcs[0]!;
          sourcePeakState[s] = Math.max(sourcePeakState[s]!, peaks[k]!);
        });
      }
      for (const s of c.stages) {
        const n = s.operator.stateSize();
        stateSize += n;
        nodeState[s.nodes[s.nodes.length - 1]!]! += n;
      }
    }
    return {
      ...this.counters,
      stateSize,
      stateLimit: this.stateLimit,
      sourceRowsIn: Array.from(this.sourceRowsIn),
      nodeRowsOut: this.rowsOutOfNodes(),
      nodeState,
      sourcePeakState,
    };
  }
}

/** The arrival key of a batch's last row. */
function lastKeyOf(b: ColumnBatch): number {
  return b.length > 0 ? b.at![b.length - 1]! : -Infinity;
}

/** A source's clock: given (files, fixtures), or its generator's. */
function sourceTime(spec: SourceSpec, index: number, given: ArrivalClock | null | undefined): SourceTime {
  const clock = given ?? (spec.generator !== null ? generatorClock(spec) : null);
  if (clock === null)
    throw new Error(`stream '${spec.stream}' has no generator: its rows' arrival clock must be given`);
  const idle = spec.options['idle_timeout'];
  return { clock, delay: spec.watermarkDelay, index, idleTimeout: typeof idle === 'number' ? idle : null };
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
    nodeState: a.nodeState.map((n, k) => n + (s.nodeState[k] ?? 0)),
    sourcePeakState: a.sourcePeakState.map((n, k) => n + (s.sourcePeakState[k] ?? 0)),
  }));
}
