/**
 * The join scenarios S4 and S5 for `npm run bench:engine`: both streams are
 * generated once and merged in arrival order (generation and merging timed
 * apart), then replayed into one engine — engine-only input rows/s, peak
 * state rows (bounded by the join's bounds, not by the input), output rows
 * and checksum, next to a partitioned(2) run in process and DuckDB's batch
 * join (one thread) over the same rows.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';
import { batchToRows } from '../../engine/core/batch-rows';
import type { Value } from '../../engine/core/types';
import { compileScript } from '../../engine/plan/compile';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { QueryEngine } from '../../engine/runtime/query-engine';
import { runSourcesInProcess } from '../../engine/runtime/run-in-process';
import { JOIN_SCENARIOS, type JoinScenario } from '../../engine/scenarios/join-scenarios';
import { createGeneratorSource } from '../../engine/sources/generators';
import { generatorClock } from '../../engine/sources/generators/generator-clock';
import { MergedFeed, type ArrivingSource, type FeedItem } from '../../engine/sources/merged-feed';
import { outputChecksum } from './engine-adapter';
import { median } from './variants-matrix';
import { timeOnce, timeRuns } from './timing';

export interface JoinFigures {
  readonly id: string;
  readonly inputRows: number;
  readonly prepareSeconds: number;
  readonly medianSeconds: number;
  readonly rowsPerSecond: number;
  readonly rowsPerCpuSecond: number;
  readonly peakStateRows: number;
  readonly outputRows: number;
  readonly checksum: string;
  readonly partitioned2: {
    readonly seconds: number;
    readonly rowsPerSecond: number;
    readonly checksum: string;
  };
  readonly duckdb: {
    readonly seconds: number;
    readonly rowsPerSecond: number;
    readonly outputRows: number;
  } | null;
}

function generated(plan: PhysicalPlan): ArrivingSource[] {
  return plan.sources.map((spec) => {
    const g = createGeneratorSource(spec);
    const clock = generatorClock(spec);
    return {
      source: g,
      nextArrival: () => (g.total !== null && g.position >= g.total ? Infinity : clock.arrivalOf(g.position)),
    };
  });
}

/** Both streams, generated and put in arrival order once (what a run's feed does as it goes). */
function mergedItems(plan: PhysicalPlan, batchSize: number): FeedItem[] {
  const feed = new MergedFeed(generated(plan), () => batchSize);
  const items: FeedItem[] = [];
  for (let it = feed.next(); it; it = feed.next()) items.push(it);
  return items;
}

function replay(
  plan: PhysicalPlan,
  items: readonly FeedItem[],
): { output: ReturnType<QueryEngine['drainOutput']>; peak: number } {
  const engine = new QueryEngine(plan, { stateLimit: 1e9 });
  const output: ReturnType<QueryEngine['drainOutput']> = [];
  let peak = 0;
  for (const it of items) {
    engine.pushSource(it.source, it.batch, it.nextArrival);
    for (const o of engine.drainOutput()) output.push(o);
    const s = engine.stats().stateSize;
    if (s > peak) peak = s;
  }
  engine.end();
  for (const o of engine.drainOutput()) output.push(o);
  return { output, peak };
}

/** The same rows as DuckDB tables `l` and `r` (ts as epoch ms), and the batch join timed inside DuckDB. */
async function duckdbJoin(s: JoinScenario, plan: PhysicalPlan, runs: number): Promise<JoinFigures['duckdb']> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  try {
    let inputRows = 0;
    for (const spec of plan.sources) {
      const full = {
        ...spec,
        columns: spec.streamSchema,
        timeColumn: spec.streamSchema.findIndex((f) => f.name === 'ts'),
        keyColumn: null,
      };
      await con.run(
        `CREATE TABLE ${spec.stream} (order_id BIGINT, customer_id BIGINT, status VARCHAR, total_amount DOUBLE, ts BIGINT)`,
      );
      const app = await con.createAppender(spec.stream);
      const src = createGeneratorSource(full);
      for (let b = src.next(65536); b; b = src.next(65536))
        for (const r of batchToRows(b, full.columns)) {
          const v = (x: Value | undefined): Value => x ?? null;
          app.appendBigInt(BigInt(r['order_id'] as number));
          app.appendBigInt(BigInt(r['customer_id'] as number));
          if (v(r['status']) === null) app.appendNull();
          else app.appendVarchar(r['status'] as string);
          if (v(r['total_amount']) === null) app.appendNull();
          else app.appendDouble(r['total_amount'] as number);
          app.appendBigInt(BigInt(r['ts'] as number));
          app.endRow();
          inputRows++;
        }
      app.closeSync();
    }
    const seconds: number[] = [];
    let out = 0;
    for (let k = 0; k <= runs; k++) {
      await con.run('DROP TABLE IF EXISTS joined');
      const t = performance.now();
      await con.run(`CREATE TABLE joined AS ${s.batchSql}`);
      if (k > 0) seconds.push((performance.now() - t) / 1000);
      const c = await con.runAndReadAll('SELECT count(*) FROM joined');
      out = Number(c.getRows()[0]![0]);
    }
    const m = median(seconds);
    return { seconds: m, rowsPerSecond: inputRows / m, outputRows: out };
  } finally {
    con.closeSync();
  }
}

export async function benchJoins(
  opts: { rows: number; batchSize: number; runs: number; warmup: number; only: readonly string[] | null },
  log: (line: string) => void,
): Promise<{ figures: JoinFigures[]; failed: boolean }> {
  const figures: JoinFigures[] = [];
  let failed = false;
  for (const s of JOIN_SCENARIOS) {
    if (opts.only && !opts.only.includes(s.id)) continue;
    const compiled = compileScript(s.sql);
    if (!compiled.plan) throw new Error(`${s.id} does not compile`);
    const plan: PhysicalPlan = {
      ...compiled.plan,
      sources: compiled.plan.sources.map((src) => ({
        ...src,
        options: { ...src.options, total: opts.rows },
      })),
    };
    const prep = timeOnce(() => mergedItems(plan, opts.batchSize));
    const items = prep.result;
    const inputRows = items.reduce((n, it) => n + it.batch.length, 0);
    const run = timeRuns(opts.runs, opts.warmup, () => replay(plan, items));
    const checksum = outputChecksum(plan, run.result.output);
    const outputRows = run.result.output.reduce((n, b) => n + b.length, 0);
    // Two engines in one thread: the rows each would get, and the same answer (not a speed-up).
    const part = timeRuns(1, 0, () =>
      runSourcesInProcess(plan, generated(plan), {
        variant: 'partitioned',
        partitions: 2,
        batchSize: opts.batchSize,
      }),
    );
    const partChecksum = outputChecksum(plan, part.result.batches);
    const duck = await duckdbJoin(s, plan, opts.runs);
    const f: JoinFigures = {
      id: s.id,
      inputRows,
      prepareSeconds: prep.seconds,
      medianSeconds: run.median,
      rowsPerSecond: inputRows / run.median,
      rowsPerCpuSecond: inputRows / run.cpuMedian,
      peakStateRows: run.result.peak,
      outputRows,
      checksum,
      partitioned2: { seconds: part.median, rowsPerSecond: inputRows / part.median, checksum: partChecksum },
      duckdb: duck,
    };
    figures.push(f);
    if (partChecksum !== checksum) {
      failed = true;
      log(`FAIL: ${s.id} partitioned(2) checksum ${partChecksum} differs from direct ${checksum}`);
    }
    if (duck && duck.outputRows !== outputRows) {
      failed = true;
      log(`FAIL: ${s.id} has ${outputRows} output rows, DuckDB's batch join ${duck.outputRows}`);
    }
  }
  return { figures, failed };
}
