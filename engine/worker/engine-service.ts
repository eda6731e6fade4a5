/**
 * The engine side of the worker boundary, as a plain object: the worker entry
 * exposes it, tests call it in-process. Everything time-related is injected
 * (engine/ never reads a clock of its own).
 */
import { buildBatch } from '../core/batch-builder';
import { batchTransferables, type ColumnBatch } from '../core/batch';
import type { EngineWorkerApi, LocalRunSpec, RecordMessage, ReportFn, WorkerSetup } from './engine-api';
import { runLocalLoop } from './local-run';
import { WorkerRun, type Clock, type Transfer } from './worker-run';

export interface ServiceDeps {
  /** Absolute milliseconds comparable across threads: `performance.timeOrigin + performance.now()`. */
  readonly clock: Clock;
  readonly transfer?: Transfer;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How the local loop lets messages in (default: a MessageChannel macrotask). */
  readonly yieldNow?: () => Promise<void>;
}

const identity: Transfer = (v) => v;

/** A macrotask through a MessageChannel: lets queued messages run without a timer's clamp. */
function yieldNow(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export class EngineService implements EngineWorkerApi {
  private run: WorkerRun | null = null;
  private paused = false;
  private resume: (() => void) | null = null;
  private readonly transfer: Transfer;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: ServiceDeps) {
    this.transfer = deps.transfer ?? identity;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private current(): WorkerRun {
    if (this.run === null) throw new Error('setup() must come first');
    return this.run;
  }

  async setup(setup: WorkerSetup, report: ReportFn): Promise<void> {
    this.run = new WorkerRun(setup, report, this.deps.clock, this.transfer);
    this.paused = false;
  }

  async push(
    source: number,
    batch: ColumnBatch,
    createdAt: number,
    nextArrival: number,
  ): Promise<ColumnBatch | null> {
    const run = this.current();
    if (!run.finished) run.process(source, batch, createdAt, nextArrival);
    // Outputs are checksummed and copied by now: the arrays are free again.
    return run.keepsNoInput && batch.length > 0 ? this.transfer(batch, batchTransferables(batch)) : null;
  }

  async pushRow(row: RecordMessage): Promise<void> {
    const run = this.current();
    if (run.finished) return;
    const t = this.deps.clock();
    const batch = buildBatch([row.values], run.setup.plan.sources[row.source]!.columns, {
      seq: [row.seq],
      wm: [row.wm],
      wmAfter: row.wmAfter,
    });
    run.addSourceTime(this.deps.clock() - t);
    run.process(row.source, batch, row.createdAt, row.nextArrival);
  }

  async runLocal(spec: LocalRunSpec): Promise<void> {
    const run = this.current();
    const clock = this.deps.clock;
    await runLocalLoop(run, spec, {
      clock,
      sleep: this.sleep,
      yieldNow: this.deps.yieldNow ?? yieldNow,
      whilePaused: async () => {
        if (!this.paused) return 0;
        const t = clock();
        while (this.paused) await new Promise<void>((r) => (this.resume = r));
        return clock() - t;
      },
    });
  }

  /** In-process stand-in for killing the thread: the local loop stops at its next batch. */
  kill(): void {
    this.run?.kill();
    void this.setPaused(false);
  }

  async end(): Promise<void> {
    this.current().end();
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    if (!paused && this.resume) {
      const r = this.resume;
      this.resume = null;
      r();
    }
  }
}
