/**
 * The ranking scenarios S6 and S7 for `npm run bench:engine`, on pre-generated batches like the
 * seed scenarios: S6 timed in alternation with S3a over the same trades (S6 is S3a's
 * aggregate plus a window Top-N, so the ratio is what the ranking costs), S7 alone; each with its
 * output rows and checksum, and a partitioned(2) run in process that must give the same checksum.
 */
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { runInProcess } from '../../engine/runtime/run-in-process';
import { RANKING_SCENARIOS } from '../../engine/scenarios/ranking-scenarios';
import { generateBatches, scenarioPlan } from '../../engine/scenarios/scenario-plan';
import { findScenario } from '../../engine/scenarios/seed-scenarios';
import { createGeneratorSource } from '../../engine/sources/generators';
import { outputChecksum, runEngine, type EngineRun } from './engine-adapter';
import { timeInterleaved, timeRuns, type Timed } from './timing';

export interface RankingFigures {
  readonly id: string;
  readonly rows: number;
  readonly medianSeconds: number;
  readonly rowsPerSecond: number;
  readonly rowsPerCpuSecond: number;
  readonly outputRows: number;
  readonly checksum: string;
  readonly partitioned2Checksum: string;
  readonly partitioning: string;
  /** S6: S3a's rows/s (wall and CPU) on the same trades, timed in alternation; S7: null. */
  readonly s3aRowsPerSecond: number | null;
  readonly s3aRowsPerCpuSecond: number | null;
  readonly goal: string;
  readonly met: boolean;
}

function partitioned2(plan: PhysicalPlan, batchSize: number): string {
  const r = runInProcess(plan, createGeneratorSource(plan.sources[0]!), {
    variant: 'partitioned',
    partitions: 2,
    batchSize,
  });
  return outputChecksum(plan, r.batches);
}

export function benchRanking(
  opts: { rows: number; batchSize: number; runs: number; warmup: number; only: readonly string[] | null },
  log: (line: string) => void,
): { figures: RankingFigures[]; failed: boolean } {
  const figures: RankingFigures[] = [];
  let failed = false;
  for (const s of RANKING_SCENARIOS) {
    if (opts.only && !opts.only.includes(s.id)) continue;
    const plan = scenarioPlan(s, { total: opts.rows });
    const batches = generateBatches(plan.sources[0]!, opts.batchSize);
    const rows = batches.reduce((n, b) => n + b.length, 0);
    let run: Timed<EngineRun>;
    let s3a: number | null = null;
    let s3aCpu: number | null = null;
    if (s.id === 'S6') {
      // The same trades; each plan reads the columns it needs, so each gets its own batches.
      const s3aPlan = scenarioPlan(findScenario('S3a'), { total: opts.rows });
      const s3aBatches = generateBatches(s3aPlan.sources[0]!, opts.batchSize);
      const [mine, base] = timeInterleaved(opts.runs, opts.warmup, [
        () => runEngine(plan, batches),
        () => runEngine(s3aPlan, s3aBatches),
      ]) as [Timed<EngineRun>, Timed<EngineRun>];
      run = mine;
      s3a = rows / base.median;
      s3aCpu = rows / base.cpuMedian;
    } else run = timeRuns(opts.runs, opts.warmup, () => runEngine(plan, batches));
    const checksum = outputChecksum(plan, run.result.output);
    const p2 = partitioned2(plan, opts.batchSize);
    const rate = rows / run.median;
    const f: RankingFigures = {
      id: s.id,
      rows,
      medianSeconds: run.median,
      rowsPerSecond: rate,
      rowsPerCpuSecond: rows / run.cpuMedian,
      outputRows: run.result.outputRows,
      checksum,
      partitioned2Checksum: p2,
      partitioning:
        plan.partitioning.kind === 'single' ? `single (${plan.partitioning.reason})` : plan.partitioning.kind,
      s3aRowsPerSecond: s3a,
      s3aRowsPerCpuSecond: s3aCpu,
      goal: s3a === null ? '≥ 15M rows/s' : '≥ 0.8 × S3a',
      met: s3a === null ? rate >= 15e6 : rate >= 0.8 * s3a,
    };
    figures.push(f);
    if (p2 !== checksum) {
      failed = true;
      log(`FAIL: ${s.id} partitioned(2) checksum ${p2} differs from direct ${checksum}`);
    }
  }
  return { figures, failed };
}
