/**
 * One worker's share of a run: its own engine and state, the counters it
 * reports, and the outputs waiting to be posted. Reports go out at most every
 * `reportEveryMs` (never per batch), so metrics cost nothing per row.
 */
import type { ColumnBatch } from '../core/batch';
import { batchTransferables } from '../core/batch';
import { batchPool } from '../core/batch-pool';
import { holdsNoOutput, keepsNoInput } from '../operators/keeps-no-input';
import type { RejectedRow, ReportFn, WorkerCounters, WorkerSetup } from './engine-api';
import { compactBatch } from './compact-batch';
import { createPipeline, type Pipeline } from './engine-pipeline';
import { OutputChecksum } from './output-checksum';
import { newHistogram, recordLatency } from './latency-histogram';
import { SharedMutex } from './shared-mutex';
import { TimelineRecorder } from './timeline-recorder';
import { FILE_ERRORS_KEPT, type FileErrors } from './run-types';
import type { RowError } from '../sources/file-source';

export type Clock = () => number;
/** Marks buffers to transfer with a posted value (Comlink.transfer in a worker; identity in-process). */
export type Transfer = <T>(value: T, transferables: Transferable[]) => T;

export class WorkerRun {
  readonly pipeline: Pipeline;
  /**
   * The plan keeps no input batch's arrays once `process` returns (`keepsNoInput`): whoever fed
   * the batch may give them back to its generators' pool.
   */
  readonly keepsNoInput: boolean;
  /** No operator holds an output's arrays (`holdsNoOutput`): they go back to the pool once checksummed and copied. */
  private readonly recyclesOutputs: boolean;
  private readonly mutex: SharedMutex | null;
  private readonly counters: WorkerCounters;
  private readonly checksum: OutputChecksum;
  private outputs: ColumnBatch[] = [];
  /** Rows in `outputs`. */
  private outputRows = 0;
  /** Output rows counted but not posted since the last report (`WorkerSetup.deliverNewest`), by op code. */
  private skippedOps = [0, 0, 0];
  private rejected: RejectedRow[] = [];
  private lastReport: number;
  private ended = false;
  /** Null unless the run asked for a timeline: then nothing below touches rows for it. */
  private readonly timeline: TimelineRecorder | null;
  private fileErrors: FileErrors | null = null;

  constructor(
    readonly setup: WorkerSetup,
    private readonly report: ReportFn,
    private readonly clock: Clock,
    private readonly transfer: Transfer,
  ) {
    this.timeline = setup.timeline
      ? new TimelineRecorder(setup.plan, setup.worker, setup.timeline.maxPerSecond)
      : null;
    this.pipeline = createPipeline(setup.plan, this.timeline, setup.clocks);
    this.keepsNoInput = keepsNoInput(setup.plan);
    this.recyclesOutputs = holdsNoOutput(setup.plan);
    this.checksum = new OutputChecksum(setup.plan);
    this.mutex = setup.lock ? new SharedMutex(setup.lock) : null;
    const now = clock();
    this.lastReport = now;
    this.counters = {
      rowsIn: 0,
      rowsOut: 0,
      late: 0,
      invalid: 0,
      stateSize: 0,
      computeMs: 0,
      sourceMs: 0,
      lockWaitMs: 0,
      postMs: 0,
      checkMs: 0,
      startedAt: now,
      at: now,
      watermark: -Infinity,
      sourceWatermarks: setup.plan.sources.map(() => -Infinity),
      checksum: '',
      sourceRowsIn: [],
      nodeRowsOut: [],
      nodeState: [],
      sourcePeakState: [],
      latency: newHistogram(),
    };
  }

  /** The file this worker parsed skipped these rows: sent with the next report. */
  setFileErrors(errors: readonly RowError[]): void {
    if (errors.length > 0)
      this.fileErrors = { count: errors.length, first: errors.slice(0, FILE_ERRORS_KEPT) };
  }

  private killed = false;

  get finished(): boolean {
    return this.ended || this.killed || this.pipeline.finished;
  }

  kill(): void {
    this.killed = true;
  }

  addSourceTime(ms: number): void {
    this.counters.sourceMs += ms;
  }

  /**
   * Runs one batch of source `source` through the engine (holding the global lock in the
   * shared-lock variant); `nextArrival`: see `EngineWorkerApi.push`. An empty batch only moves the
   * source's progress on.
   */
  process(source: number, batch: ColumnBatch, createdAt: number, nextArrival?: number): void {
    if (this.ended) throw new Error('the stream has already ended');
    const c = this.counters;
    const clock = this.clock;
    let t = clock();
    if (batch.length === 0) {
      if (nextArrival !== undefined) this.pipeline.advance(source, nextArrival, batch.wmAfter);
      c.watermark = this.pipeline.watermark;
      const outs = this.pipeline.drainOutput();
      const done = clock();
      // Before collect: its checksumming is counted as check, not also as query.
      c.computeMs += done - t;
      this.collect(outs, done - createdAt);
      return;
    }
    if (this.timeline !== null) {
      this.timeline.tick(t);
      this.timeline.recordRows(source, batch);
    }
    if (this.mutex) {
      this.mutex.lock();
      const got = clock();
      c.lockWaitMs += got - t;
      t = got;
    }
    let outs: ColumnBatch[];
    try {
      this.pipeline.push(source, batch, nextArrival);
      outs = this.pipeline.drainOutput();
    } finally {
      this.mutex?.unlock();
    }
    const done = clock();
    c.computeMs += done - t;
    c.rowsIn += batch.length;
    c.watermark = this.pipeline.watermark;
    this.collect(outs, done - createdAt, batch);
    this.checkFailure();
    if (done - this.lastReport >= this.setup.reportEveryMs) this.flush(false);
  }

  /** Ends the stream: the watermark goes to +∞, every window closes, the final report is posted. */
  end(): void {
    if (this.ended || this.killed) return;
    const t = this.clock();
    this.timeline?.ending(t);
    this.pipeline.end();
    const outs = this.pipeline.drainOutput();
    const done = this.clock();
    this.counters.computeMs += done - t;
    this.ended = true;
    // Rows a window emits only at the end waited from their creation; we know the
    // batch, not the row, so end-of-stream emissions count from the end call.
    this.collect(outs, done - t);
    this.flush(true);
  }

  /** `input`: the batch just pushed, whose arrays an output may pass on (they go back with it, not here). */
  private collect(outs: ColumnBatch[], latencyMs: number, input: ColumnBatch | null = null): void {
    const c = this.counters;
    const inputs =
      this.recyclesOutputs && input !== null && outs.length > 0 ? new Set(batchTransferables(input)) : null;
    for (const o of outs) {
      if (o.length === 0) continue;
      c.rowsOut += o.length;
      recordLatency(c.latency, latencyMs, o.length);
      const t = this.clock();
      this.checksum.add(o);
      c.checkMs += this.clock() - t;
      // A compact copy: the engine may still hold (or share) the arrays it emitted, and we transfer ours.
      if (this.setup.deliverOutputs) this.deliver(o);
      // The input's arrays go back with it: to this thread's generators (runLocalLoop), or to the
      // thread that sent it, transferred.
      if (this.recyclesOutputs) batchPool.adopt(o, inputs);
    }
    const rejected = this.pipeline.drainRejected();
    if (this.setup.deliverOutputs) for (const r of rejected) this.rejected.push(r);
  }

  /**
   * Queues a compact copy of an output for the next report: all of it, or with `deliverNewest`
   * only the newest rows — this batch's head and the oldest queued batches beyond them are
   * counted instead, so what is posted is always the report's newest rows.
   */
  private deliver(o: ColumnBatch): void {
    const keep = this.setup.deliverNewest;
    if (keep === null) {
      this.outputs.push(compactBatch(o));
      return;
    }
    const from = Math.max(0, o.length - keep);
    this.skip(o, from);
    this.outputs.push(compactBatch(o, from));
    this.outputRows += o.length - from;
    while (this.outputRows - this.outputs[0]!.length >= keep) {
      const old = this.outputs.shift()!;
      this.outputRows -= old.length;
      this.skip(old, old.length);
    }
  }

  /** Counts rows [0, to) of an output as skipped. */
  private skip(b: ColumnBatch, to: number): void {
    const ops = this.skippedOps;
    if (b.op === null) ops[0]! += to;
    else for (let i = 0; i < to; i++) ops[b.op[i]!]!++;
  }

  private checkFailure(): void {
    const f = this.setup.failure;
    if (f === null || this.counters.rowsIn < f.afterRows) return;
    if (f.mode === 'die') {
      // An uncaught error outside any call: the worker itself dies.
      setTimeout(() => {
        throw new Error(f.message);
      }, 0);
      this.ended = true;
      return;
    }
    throw new Error(f.message);
  }

  /** Posts outputs and counters; resets the per-report latency histogram. */
  flush(final: boolean): void {
    const t = this.clock();
    const c = this.counters;
    const s = this.pipeline.counts();
    c.late = s.late;
    c.invalid = s.invalid;
    c.stateSize = s.stateSize;
    c.sourceWatermarks = this.pipeline.sourceWatermarks();
    c.sourceRowsIn = s.sourceRowsIn;
    c.nodeRowsOut = s.nodeRowsOut;
    c.nodeState = s.nodeState;
    c.sourcePeakState = s.sourcePeakState;
    c.at = t;
    c.checksum = this.checksum.value;
    const outputs = this.outputs;
    const rejected = this.rejected;
    const ops = this.skippedOps;
    const skippedRows = ops[0]! + ops[1]! + ops[2]!;
    const skipped = skippedRows === 0 ? null : { rows: skippedRows, ops };
    this.outputs = [];
    this.outputRows = 0;
    this.skippedOps = [0, 0, 0];
    this.rejected = [];
    const snapshot: WorkerCounters = { ...c, latency: c.latency };
    c.latency = newHistogram();
    // A Set: two batches may share a buffer, and postMessage rejects duplicates.
    const transferables = new Set<ArrayBuffer>([snapshot.latency.buffer as ArrayBuffer]);
    for (const o of outputs) for (const b of batchTransferables(o)) transferables.add(b);
    const timeline =
      this.timeline === null
        ? null
        : this.timeline.drain(
            final ? Infinity : c.watermark,
            final ? c.sourceWatermarks.map(() => Infinity) : c.sourceWatermarks,
          );
    const fileErrors = this.fileErrors;
    this.fileErrors = null;
    this.report(
      this.transfer(
        {
          worker: this.setup.worker,
          outputs,
          skipped,
          rejected,
          counters: snapshot,
          final,
          timeline,
          fileErrors,
        },
        [...transferables],
      ),
    );
    const done = this.clock();
    c.postMs += done - t;
    this.lastReport = done;
  }
}
