/**
 * Live metrics, pacing, pause/resume, stop and failures, as a suite run both
 * in-process and through real worker threads.
 */
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { SEED_SCENARIOS } from '../scenarios/seed-scenarios';
import { startRun, type RunEnv } from './start-run';
import type { RunMetrics, RunOptions } from './run-types';

function scenarioPlan(id: string): PhysicalPlan {
  const s = SEED_SCENARIOS.find((x) => x.id === id)!;
  return compileScript(s.sql).plan!;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function runControlSuite(label: string, makeEnv: () => RunEnv, opts: { canDie: boolean }): void {
  describe(`run control (${label})`, () => {
    it('paces at rows_per_second and samples metrics at least 4 times a second', async () => {
      const plan = scenarioPlan('S3a');
      const samples: RunMetrics[] = [];
      const h = startRun(
        plan,
        { variant: 'partitioned', partitions: 2, totalRows: 6000, rowsPerSecond: 5000 },
        makeEnv(),
      );
      h.metrics$.subscribe((m) => samples.push(m));
      const s = await h.done;
      expect(s.error).toBeUndefined();
      expect(s.rowsIn).toBe(6000);
      // 6000 rows at 5000/s take 1.2 s; allow for scheduling.
      expect(s.elapsedMs).toBeGreaterThan(1100);
      expect(s.elapsedMs).toBeLessThan(4000);
      expect(samples.length).toBeGreaterThanOrEqual(Math.floor((4 * s.elapsedMs) / 1000) - 1);
      const mid = samples.filter((m) => m.inputRowsPerSec > 0);
      expect(mid.length).toBeGreaterThan(2);
      const rate = mid.map((m) => m.inputRowsPerSec).sort((a, b) => a - b)[mid.length >> 1]!;
      expect(rate).toBeGreaterThan(2500);
      expect(rate).toBeLessThan(10000);
      const last = samples[samples.length - 1]!;
      expect(last.workers).toHaveLength(2);
      expect(last.rowsIn).toBe(6000);
      expect(Number.isFinite(last.watermark)).toBe(true);
      expect(last.watermarkLagMs).toBeGreaterThanOrEqual(plan.sources[0]!.watermarkDelay);
      expect(s.latencyP50Ms).not.toBeNull();
    });

    it('reports startup apart, and where each worker spent the rest: generate, query, check, transfer, idle', async () => {
      const plan = scenarioPlan('S3a');
      const local = await startRun(
        plan,
        { variant: 'partitioned', partitions: 2, totalRows: 3000, rowsPerSecond: 5000 },
        makeEnv(),
      ).done;
      expect(local.startupMs).toBeGreaterThan(0);
      expect(local.startupMs).toBeLessThan(local.elapsedMs);
      expect(local.workerTimes.map((t) => t.worker)).toEqual([0, 1]);
      // The partitioning split the rows: each worker took some, together all of them.
      expect(local.workerTimes.every((t) => t.rowsIn > 0)).toBe(true);
      expect(local.workerTimes.reduce((a, t) => a + t.rowsIn, 0)).toBe(local.rowsIn);
      for (const t of local.workerTimes) {
        // Each partition makes its own rows, and a paced run mostly waits for them to be due.
        expect(t.generateMs).toBeGreaterThan(0);
        expect(t.idleMs).toBeGreaterThan(t.queryMs);
        // Idle is what the others leave, so they must fit in the run without it clamping at 0.
        const counted = t.generateMs + t.queryMs + t.transferMs + t.checkMs + t.lockWaitMs;
        expect(counted).toBeLessThanOrEqual(local.elapsedMs - local.startupMs);
        expect(counted + t.idleMs).toBeCloseTo(local.elapsedMs - local.startupMs, 0);
      }
      // S3a emits at every watermark, so each worker checksummed outputs, apart from its query time.
      expect(local.workerTimes.every((t) => t.checkMs > 0)).toBe(true);
      expect(local.feedTime.generateMs).toBe(0);
      // Fed from one place: the orchestrator generates, the workers only query.
      const central = await startRun(plan, { variant: 'batched', totalRows: 3000 }, makeEnv()).done;
      expect(central.feedTime.generateMs).toBeGreaterThan(0);
      expect(central.workerTimes.every((t) => t.generateMs === 0 && t.queryMs > 0)).toBe(true);
    });

    it('pause holds the input; resume continues to the same answer', async () => {
      const plan = scenarioPlan('S0');
      const o: RunOptions = { variant: 'direct', totalRows: 4000, rowsPerSecond: 8000, batchSize: 256 };
      const h = startRun(plan, o, makeEnv());
      let latest: RunMetrics | null = null;
      h.metrics$.subscribe((m) => (latest = m));
      await wait(250);
      h.pause();
      await wait(250);
      const before = (latest as RunMetrics | null)?.rowsIn ?? 0;
      await wait(400);
      const after = (latest as RunMetrics | null)?.rowsIn ?? 0;
      expect(after).toBe(before);
      expect(before).toBeLessThan(4000);
      h.resume();
      const s = await h.done;
      expect(s.error).toBeUndefined();
      expect(s.rowsIn).toBe(4000);
    });

    for (const variant of ['direct', 'batched', 'partitioned'] as const) {
      it(`stop() ends a ${variant} run at once, and the next run works`, async () => {
        const plan = scenarioPlan('S2');
        const env = makeEnv();
        const h = startRun(plan, { variant, totalRows: 1e9, rowsPerSecond: 0, batchSize: 1024 }, env);
        await wait(300);
        const t = performance.now();
        await h.stop();
        expect(performance.now() - t).toBeLessThan(500);
        const s = await h.done;
        expect(s.stopped).toBe(true);
        expect(s.error).toBeUndefined();
        const next = await startRun(plan, { variant, totalRows: 2000 }, env).done;
        expect(next.error).toBeUndefined();
        expect(next.rowsIn).toBe(2000);
      });
    }

    const modes = opts.canDie ? (['throw', 'die'] as const) : (['throw'] as const);
    for (const mode of modes) {
      it(`a worker that fails (${mode}) is reported with its message; the next run works`, async () => {
        const plan = scenarioPlan('S3a');
        const env = makeEnv();
        const h = startRun(
          plan,
          {
            variant: 'partitioned',
            partitions: 2,
            totalRows: 1e7,
            batchSize: 1000,
            failure: { worker: 1, afterRows: 3000, mode, message: `injected ${mode}` },
          },
          env,
        );
        const s = await h.done;
        expect(s.error).toContain(`injected ${mode}`);
        expect(s.stopped).toBe(false);
        const next = await startRun(plan, { variant: 'partitioned', partitions: 2, totalRows: 3000 }, env)
          .done;
        expect(next.error).toBeUndefined();
        expect(next.rowsIn).toBe(3000);
      });
    }
  });
}
