/**
 * Runs jobs one after another on a pool of warm workers: each job first gets an untimed
 * warm-up run on a quarter of its rows, at least 50,000 (same variant, same workers), then the
 * timed run. A warm-up of one batch did not warm anything: direct, run first, paid the JIT for all.
 * Nothing here knows React; the hook beside it turns progress into state.
 */
import type { PhysicalPlan } from '../../engine/index';
import { WorkerPool, type RunHandle } from '../../engine/worker/index';
import { createEngine } from '../run/create-engine';
import type { UploadedFiles } from '../sources/uploaded-files';
import type { Job } from './compare-plan';
import { measure, readableError, RunFailure, type Measurement, type RunPoint } from './measure';

export type JobState =
  | { readonly status: 'pending' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly m: Measurement }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'stopped' }
  /** Not run: an earlier job failed or Stop was pressed. */
  | { readonly status: 'skipped' };

export const warmupRows = (rows: number): number => Math.min(rows, Math.max(50_000, Math.round(rows / 4)));

/** Per-record's cost is one round trip per row, which no warm-up changes: a few hundred rows warm its code. */
const warmupFor = (p: RunPoint): RunPoint => ({
  ...p,
  rows: p.variant === 'per-record' ? Math.min(p.rows, 500) : warmupRows(p.rows),
});

/** The run with the median time; every repeat must have given the same answer. */
export function median(runs: readonly Measurement[]): Measurement {
  const first = runs[0]!;
  if (runs.some((m) => m.checksum !== first.checksum || m.rowsOut !== first.rowsOut))
    throw new RunFailure('the answer changed between repeats of the same run', false);
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor((runs.length - 1) / 2)]!;
}

export class RunSequence {
  private handle: RunHandle | null = null;
  private stopped = false;
  private readonly pool = new WorkerPool(createEngine);

  constructor(
    private readonly plan: PhysicalPlan,
    private readonly files: UploadedFiles,
    private readonly jobs: readonly Job[],
    private readonly onState: (index: number, state: JobState) => void,
    /** Timed runs per job; the one with the median time is shown (a busy machine makes single runs noisy). */
    private readonly repeat = 1,
  ) {}

  /** Resolves when every job ran, one failed (the rest are skipped), or stop() was called. */
  async run(): Promise<void> {
    const env = { createEngine: this.pool.acquire, onHandle: (h: RunHandle | null) => (this.handle = h) };
    try {
      for (let i = 0; i < this.jobs.length; i++) {
        if (this.stopped) return this.skipFrom(i);
        const { point } = this.jobs[i]!;
        this.onState(i, { status: 'running' });
        try {
          if (i === 0) await measure(this.plan, this.poolWarmup(), this.files, env);
          await measure(this.plan, warmupFor(point), this.files, env);
          if (this.stopped) throw new RunFailure('stopped', true);
          const runs: Measurement[] = [];
          for (let r = 0; r < this.repeat; r++) {
            if (this.stopped) throw new RunFailure('stopped', true);
            runs.push(await measure(this.plan, point, this.files, env));
          }
          this.onState(i, { status: 'done', m: median(runs) });
        } catch (e) {
          const stopped = e instanceof RunFailure && e.stopped;
          this.onState(i, stopped ? { status: 'stopped' } : { status: 'failed', error: readableError(e) });
          return this.skipFrom(i + 1);
        }
      }
    } finally {
      this.pool.dispose();
    }
  }

  /**
   * Every worker the jobs will use, started and warmed at once by one partitioned run, so the
   * first job to need a second worker does not pay its start-up and JIT alone.
   */
  private poolWarmup(): RunPoint {
    const workers = Math.max(
      ...this.jobs.map((j) =>
        j.point.variant === 'partitioned' || j.point.variant === 'shared-lock' ? j.point.partitions : 1,
      ),
    );
    const rows = warmupRows(Math.max(...this.jobs.map((j) => j.point.rows)));
    return { variant: 'partitioned', batchSize: 16_384, partitions: workers, rows: rows * workers };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.handle?.stop();
  }

  private skipFrom(i: number): void {
    for (let k = i; k < this.jobs.length; k++) this.onState(k, { status: 'skipped' });
  }
}
