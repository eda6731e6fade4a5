/**
 * Turns the workers' cumulative counters (posted every ~100 ms) and the
 * orchestrator's own timings into one RunMetrics sample. Sampling reads the
 * latest reports only: it never asks a worker anything, so it costs the run nothing.
 */
import type { WorkerCounters } from './engine-api';
import { combineChecksums } from './output-checksum';
import type { FeedCounters } from './central-feed';
import { addHistogram, newHistogram, quantile } from './latency-histogram';
import type { FeedTime, RunMetrics, TimeBreakdown, WorkerMetrics, WorkerTime } from './run-types';

export class MetricsAggregator {
  private readonly latest: (WorkerCounters | null)[];
  private readonly previous: (WorkerCounters | null)[];
  private recent = newHistogram();
  readonly total = newHistogram();
  private last: { at: number; rowsIn: number; rowsOut: number };

  constructor(
    workers: number,
    private readonly startedAt: number,
    private readonly delay: number,
    private readonly feed: FeedCounters,
  ) {
    this.latest = new Array<WorkerCounters | null>(workers).fill(null);
    this.previous = new Array<WorkerCounters | null>(workers).fill(null);
    this.last = { at: startedAt, rowsIn: 0, rowsOut: 0 };
  }

  onCounters(worker: number, c: WorkerCounters): void {
    this.latest[worker] = c;
    addHistogram(this.recent, c.latency);
    addHistogram(this.total, c.latency);
  }

  private sum(f: (c: WorkerCounters) => number): number {
    let s = 0;
    for (const c of this.latest) if (c) s += f(c);
    return s;
  }

  get rowsIn(): number {
    return this.sum((c) => c.rowsIn);
  }
  get rowsOut(): number {
    return this.sum((c) => c.rowsOut);
  }
  get late(): number {
    return this.sum((c) => c.late);
  }
  get invalid(): number {
    return this.sum((c) => c.invalid);
  }

  /** Entry by entry, summed over workers (engines of one plan have the same sources and nodes). */
  private perEntry(pick: (c: WorkerCounters) => readonly number[]): number[] {
    const out: number[] = [];
    for (const c of this.latest) if (c) pick(c).forEach((n, k) => (out[k] = (out[k] ?? 0) + n));
    return out;
  }

  checksum(): string {
    return combineChecksums(this.latest.map((c) => c?.checksum ?? ''));
  }

  /** Per worker, where `runMs` (the run after startup) went: idle is what its counters leave. */
  workerTimes(runMs: number): WorkerTime[] {
    return this.latest.map((c, worker) => {
      const generateMs = c?.sourceMs ?? 0;
      const queryMs = c?.computeMs ?? 0;
      const transferMs = c?.postMs ?? 0;
      const lockWaitMs = c?.lockWaitMs ?? 0;
      const checkMs = c?.checkMs ?? 0;
      const idleMs = Math.max(0, runMs - generateMs - queryMs - transferMs - lockWaitMs - checkMs);
      return { worker, rowsIn: c?.rowsIn ?? 0, generateMs, queryMs, transferMs, checkMs, lockWaitMs, idleMs };
    });
  }

  feedTime(): FeedTime {
    return { generateMs: this.feed.sourceMs, sendMs: this.feed.sendMs, waitMs: this.feed.waitMs };
  }

  breakdown(): TimeBreakdown {
    const f = this.feed;
    const workerBusy = this.sum((c) => c.computeMs + c.sourceMs + c.checkMs);
    return {
      computeMs: this.sum((c) => c.computeMs),
      checkMs: this.sum((c) => c.checkMs),
      sourceMs: this.sum((c) => c.sourceMs) + f.sourceMs,
      // Per-record: what a round trip costs beyond the work done inside the worker.
      messagingMs:
        f.sendMs +
        this.sum((c) => c.postMs) +
        (f.roundTripMs > 0 ? Math.max(0, f.roundTripMs - workerBusy) : 0),
      lockWaitMs: this.sum((c) => c.lockWaitMs),
      waitingMs: f.waitMs,
    };
  }

  private workerMetrics(w: number): WorkerMetrics {
    const c = this.latest[w];
    if (!c) return { worker: w, rowsIn: 0, rowsOut: 0, busyPct: 0, stateSize: 0, watermark: -Infinity };
    const p = this.previous[w];
    const busy = (x: WorkerCounters): number => x.computeMs + x.sourceMs + x.checkMs + x.postMs;
    const span = p ? c.at - p.at : c.at - c.startedAt;
    const used = p ? busy(c) - busy(p) : busy(c);
    const busyPct = span > 0 ? Math.min(100, Math.max(0, (100 * used) / span)) : 0;
    return {
      worker: w,
      rowsIn: c.rowsIn,
      rowsOut: c.rowsOut,
      busyPct,
      stateSize: c.stateSize,
      watermark: c.watermark,
    };
  }

  sample(now: number, paused: boolean): RunMetrics {
    const rowsIn = this.rowsIn;
    const rowsOut = this.rowsOut;
    const dt = (now - this.last.at) / 1000;
    const workers = this.latest.map((_, w) => this.workerMetrics(w));
    for (let w = 0; w < this.latest.length; w++) if (this.latest[w]) this.previous[w] = this.latest[w]!;
    const wms = workers.map((w) => w.watermark);
    const watermark = wms.length ? Math.min(...wms) : -Infinity;
    const newest = wms.length ? Math.max(...wms) : -Infinity;
    const recent = this.recent;
    this.recent = newHistogram();
    const metrics: RunMetrics = {
      elapsedMs: now - this.startedAt,
      rowsIn,
      rowsOut,
      inputRowsPerSec: dt > 0 ? (rowsIn - this.last.rowsIn) / dt : 0,
      outputRowsPerSec: dt > 0 ? (rowsOut - this.last.rowsOut) / dt : 0,
      latencyP50Ms: quantile(recent, 0.5),
      latencyP99Ms: quantile(recent, 0.99),
      watermark,
      watermarkLagMs:
        Number.isFinite(watermark) && Number.isFinite(newest) ? newest - watermark + this.delay : 0,
      late: this.late,
      invalid: this.invalid,
      stateSize: this.sum((c) => c.stateSize),
      workers,
      breakdown: this.breakdown(),
      paused,
      sourceRowsIn: this.perEntry((c) => c.sourceRowsIn),
      nodeRowsOut: this.perEntry((c) => c.nodeRowsOut),
      nodeState: this.perEntry((c) => c.nodeState),
      sourcePeakState: this.perEntry((c) => c.sourcePeakState),
    };
    this.last = { at: now, rowsIn, rowsOut };
    return metrics;
  }
}
