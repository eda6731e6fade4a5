/**
 * A worker that feeds itself: direct (the whole stream), partitioned with
 * local sources and shared-lock (its partition's rows). No message per batch;
 * the loop yields to the event loop only about every `reportEveryMs`, so
 * pause/resume messages get through at a negligible cost.
 */
import { batchPool } from '../core/batch-pool';
import type { LocalRunSpec } from './engine-api';
import { MergedFeed } from '../sources/merged-feed';
import { createStreamSources } from './stream-source';
import type { Clock, WorkerRun } from './worker-run';

export interface LoopControl {
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Lets queued messages (pause, resume) run: a macrotask, not a timer (timers clamp to ≥ 1–4 ms). */
  readonly yieldNow: () => Promise<void>;
  /** Resolves when the run is not paused; returns how long it was paused, in ms. */
  readonly whilePaused: () => Promise<number>;
}

/** Rows per batch when pacing: about 50 ms of this partition's share, so latency is not dominated by batching. */
export function pacedBatchSize(batchSize: number, rowsPerSecond: number, partitions: number): number {
  if (rowsPerSecond <= 0) return batchSize;
  return Math.max(1, Math.min(batchSize, Math.ceil(rowsPerSecond / 20 / partitions)));
}

export async function runLocalLoop(run: WorkerRun, spec: LocalRunSpec, ctl: LoopControl): Promise<void> {
  const { clock } = ctl;
  const rates = spec.rowsPerSecond;
  const maxRows = (s: number): number => pacedBatchSize(spec.batchSize, rates[s] ?? 0, spec.partitions);
  // Stateless plans split streams into blocks: up to 64K rows (starting a generator costs a fraction
  // of a millisecond), shorter where that evens out the partitions' shares (balancedBlock).
  const { sources, fileErrors } = createStreamSources(run.setup.plan, {
    ...spec,
    blockRows: Math.max(spec.batchSize, 65536),
  });
  run.setFileErrors(fileErrors);
  const feed = new MergedFeed(sources, maxRows);
  const yieldEvery = run.setup.reportEveryMs;
  let origin = spec.startAt;
  let lastYield = clock();
  while (!run.finished) {
    const t0 = clock();
    const item = feed.next();
    let t1 = clock();
    run.addSourceTime(t1 - t0);
    if (item === null) break;
    const { source, batch, nextArrival } = item;
    if (batch.length === 0 && nextArrival === undefined) continue;
    const rate = rates[source] ?? 0;
    if (rate > 0 && batch.length > 0) {
      // Rows are due by their global seq, so every partition follows one schedule.
      const due = origin + ((batch.seq[batch.length - 1]! + 1) * 1000) / rate;
      if (due > t1) {
        await ctl.sleep(due - t1);
        origin += await ctl.whilePaused();
        t1 = clock();
        lastYield = t1;
      }
    }
    run.process(source, batch, t1, nextArrival);
    // Generated batches go back to this thread's generators once the engine and the checksum are done with them.
    if (run.keepsNoInput) batchPool.give(batch);
    if (t1 - lastYield >= yieldEvery) {
      await ctl.yieldNow();
      origin += await ctl.whilePaused();
      lastYield = clock();
    }
  }
  run.end();
}
