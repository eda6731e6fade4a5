/**
 * `npm run bench:engine`: the five seed scenarios in-process on pre-generated
 * batches, next to two limits measured in the same run — a hand-written
 * columnar S3a (what a perfect engine could do) and a plain scan of the
 * columns (memory bandwidth). Generation is timed apart from the query.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { ColumnBatch } from '../../engine/core/batch';
import { buildBatch } from '../../engine/core/batch-builder';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { generateBatches } from '../../engine/scenarios/scenario-plan';
import { createGeneratorSource, type GeneratorSourceOptions } from '../../engine/sources/generators';
import { SEED_SCENARIOS, type ScenarioId } from '../../engine/scenarios/seed-scenarios';
import { parseBenchArgs } from './bench-args';
import { describeMachine } from './machine';
import { formatRate, markdownTable } from './bench-table';
import { scanColumns } from './column-scan';
import { compileScenario, outputChecksum, runEngine, type EngineRun } from './engine-adapter';
import { handLoopRows, runS3aHandLoop, type HandLoopResult } from './s3a-hand-loop';
import { benchJoins } from './join-bench';
import { benchRanking } from './ranking-bench';
import { timeInterleaved, timeKernelsOnOff, timeOnce, timeRuns, type Timed } from './timing';

/** Goals per core (input rows/s), from the issue. */
const GOALS: Record<ScenarioId, number> = { S0: 50e6, S1: 15e6, S2: 8e6, S3a: 30e6, S3b: 8e6 };

interface Measured {
  seconds: number[];
  cpuSeconds: number[];
  medianSeconds: number;
  medianCpuSeconds: number;
  rowsPerSecond: number;
  /** Rows per CPU second: what the run would do on an idle core. */
  rowsPerCpuSecond: number;
}

interface ScenarioFigures extends Measured {
  id: ScenarioId;
  rows: number;
  generateSeconds: number;
  outputRows: number;
  checksum: string;
  goal: number;
  /** CPU seconds of checksumming the outputs (what every worker of `npm run bench` pays), with and without the kernel. */
  checkCpuSeconds: number;
  checkJsCpuSeconds: number;
}

/** The output checksum alone, with and without its WebAssembly kernel in alternation; both must agree. */
function checkTimes(plan: PhysicalPlan, output: readonly ColumnBatch[]): { cpu: number; jsCpu: number } {
  const [on, off] = timeKernelsOnOff(args.runs, 1, () => outputChecksum(plan, output));
  if (on.result !== off.result) {
    console.error(`FAIL: the output checksum differs with the kernel off (${on.result} vs ${off.result})`);
    process.exitCode = 1;
  }
  return { cpu: on.cpuMedian, jsCpu: off.cpuMedian };
}

const measured = (t: Timed<unknown>, rows: number): Measured => ({
  seconds: t.seconds,
  cpuSeconds: t.cpuSeconds,
  medianSeconds: t.median,
  medianCpuSeconds: t.cpuMedian,
  rowsPerSecond: rows / t.median,
  rowsPerCpuSecond: rows / t.cpuMedian,
});
const count = (n: number): string => n.toLocaleString('en-US');
const load = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const args = parseBenchArgs(process.argv.slice(2));
const machine = { ...describeMachine(), loadBefore: os.loadavg() };
console.log(
  `Windtunnel engine benchmark — ${count(args.rows)} rows per scenario, batches of ${args.batchSize}, ` +
    `median of ${args.runs} runs after ${args.warmup} warm-up runs`,
);
console.log(
  `machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, node ${machine.node} (${machine.platform}); load ${load()}\n`,
);

const figures: ScenarioFigures[] = [];
let s3a: { plan: PhysicalPlan; batches: ColumnBatch[]; figures: ScenarioFigures } | null = null;
const plans: { id: ScenarioId; plan: PhysicalPlan }[] = [];
for (const scenario of SEED_SCENARIOS) {
  if (args.only && !args.only.includes(scenario.id)) continue;
  const plan = compileScenario(scenario, args.rows);
  plans.push({ id: scenario.id, plan });
  const gen = timeOnce(() => generateBatches(plan.sources[0]!, args.batchSize));
  const batches = gen.result;
  const rows = batches.reduce((n, b) => n + b.length, 0);
  const run = timeRuns(args.runs, args.warmup, () => runEngine(plan, batches));
  const check = checkTimes(plan, run.result.output);
  const f: ScenarioFigures = {
    id: scenario.id,
    rows,
    generateSeconds: gen.seconds,
    ...measured(run, rows),
    outputRows: run.result.outputRows,
    checksum: outputChecksum(plan, run.result.output),
    goal: GOALS[scenario.id],
    checkCpuSeconds: check.cpu,
    checkJsCpuSeconds: check.jsCpu,
  };
  figures.push(f);
  console.log(
    `  ${f.id.padEnd(3)} ${formatRate(f.rowsPerSecond).padStart(6)} rows/s  (generated in ${gen.seconds.toFixed(2)} s)`,
  );
  if (scenario.id === 'S3a') s3a = { plan, batches, figures: f };
}

console.log(
  '\n' +
    markdownTable(
      [
        'scenario',
        'rows',
        'median s',
        'rows/s',
        'rows/cpu-s',
        'goal',
        'output rows',
        'checksum',
        'gen rows/s',
      ],
      figures.map((f) => [
        f.id,
        count(f.rows),
        f.medianSeconds.toFixed(3),
        formatRate(f.rowsPerSecond),
        formatRate(f.rowsPerCpuSecond),
        `${f.rowsPerSecond >= f.goal ? '✓' : '✗'} ${formatRate(f.goal)}`,
        count(f.outputRows),
        f.checksum,
        formatRate(f.rows / f.generateSeconds),
      ]),
    ),
);

interface Limits {
  engine: Measured;
  handLoop: Measured & { outputRows: number; checksum: string };
  columnScan: Measured & { columns: string[] };
  engineOverHandLoop: number;
  engineOverHandLoopCpu: number;
  engineOverScan: number;
}
let limits: Limits | null = null;
let failed = false;
if (s3a) {
  const { plan, batches } = s3a;
  // Engine, hand loop and scan in alternation: the ratio survives a noisy neighbour.
  const columns = plan.sources[0]!.columns.map((_, c) => c);
  const [engineT, handT, scanT] = timeInterleaved(args.runs, args.warmup, [
    () => runEngine(plan, batches),
    () => runS3aHandLoop(batches, plan.sources[0]!.columns),
    () => scanColumns(batches, columns),
  ]) as [Timed<EngineRun>, Timed<HandLoopResult>, Timed<number>];
  const e = {
    ...s3a.figures,
    ...measured(engineT, s3a.figures.rows),
    checksum: outputChecksum(plan, engineT.result.output),
  };
  const hand = handT;
  const handChecksum = outputChecksum(plan, [buildBatch(handLoopRows(hand.result), plan.output)]);
  const scan = scanT;
  limits = {
    engine: e,
    handLoop: { ...measured(hand, e.rows), outputRows: hand.result.rows, checksum: handChecksum },
    columnScan: { ...measured(scan, e.rows), columns: plan.sources[0]!.columns.map((f) => f.name) },
    engineOverHandLoop: hand.median / e.medianSeconds,
    engineOverHandLoopCpu: hand.cpuMedian / e.medianCpuSeconds,
    engineOverScan: scan.median / e.medianSeconds,
  };
  const row = (name: string, m: Measured, out: string, sum: string): string[] => [
    name,
    m.medianSeconds.toFixed(3),
    formatRate(m.rowsPerSecond),
    formatRate(m.rowsPerCpuSecond),
    out,
    sum,
  ];
  console.log(
    '\n' +
      markdownTable(
        [
          'S3a on the same batches, interleaved',
          'median s',
          'rows/s',
          'rows/cpu-s',
          'output rows',
          'checksum',
        ],
        [
          row('engine', e, count(e.outputRows), e.checksum),
          row('hand-written loop', limits.handLoop, count(hand.result.rows), handChecksum),
          row(`column scan (${limits.columnScan.columns.join(', ')})`, limits.columnScan, '—', '—'),
        ],
      ),
  );
  console.log(
    `\nS3a engine = ${limits.engineOverHandLoop.toFixed(2)} × hand loop by wall time, ${limits.engineOverHandLoopCpu.toFixed(2)} × by CPU time ` +
      `(goal ≥ 0.30); ${limits.engineOverScan.toFixed(3)} × column scan`,
  );
  if (handChecksum !== e.checksum) {
    failed = true;
    console.error(
      `\nFAIL: the engine's S3a checksum ${e.checksum} differs from the hand loop's ${handChecksum}`,
    );
  }
}
/**
 * Generators alone, in CPU time: the whole stream, and each partition-local
 * slice of a 2-partition run (what one `partitioned@2` worker with local
 * sources generates) as a share of the whole stream's CPU.
 */
interface GeneratorFigures {
  id: ScenarioId;
  stream: string;
  rowsPerCpuSecond: number;
  wholeCpuSeconds: number;
  /** The same with the WebAssembly kernels off (the JavaScript loops alone): what the kernels save. */
  jsOnlyRowsPerCpuSecond: number;
  /** CPU of partition 0 and 1 of 2 ÷ CPU of the whole stream (null: the query has no key). */
  localShare: [number, number] | null;
}
function drainGenerator(plan: PhysicalPlan, opts: GeneratorSourceOptions): number {
  const src = createGeneratorSource(plan.sources[0]!, opts);
  let n = 0;
  for (let b = src.next(args.batchSize); b; b = src.next(args.batchSize)) n += b.length;
  return n;
}
const generators: GeneratorFigures[] = [];
for (const { id, plan } of plans) {
  const [whole, jsOnly] = timeKernelsOnOff(args.runs, args.warmup, () => drainGenerator(plan, {}));
  const p = plan.partitioning;
  const share = (partition: number): number =>
    p.kind === 'hash'
      ? timeRuns(args.runs, args.warmup, () =>
          drainGenerator(plan, { partitions: 2, partition, partitionColumns: p.columns[0]! }),
        ).cpuMedian / whole.cpuMedian
      : NaN;
  generators.push({
    id,
    stream: plan.sources[0]!.stream,
    rowsPerCpuSecond: whole.result / whole.cpuMedian,
    wholeCpuSeconds: whole.cpuMedian,
    jsOnlyRowsPerCpuSecond: jsOnly.result / jsOnly.cpuMedian,
    localShare: p.kind === 'hash' ? [share(0), share(1)] : null,
  });
}
console.log(
  '\nGenerators alone (CPU time, batches of ' +
    count(args.batchSize) +
    '; JS only = the same with the WebAssembly kernels off; local share = CPU of one partition-local slice of 2 ÷ CPU of the whole stream)\n\n' +
    markdownTable(
      ['scenario', 'stream', 'gen rows/cpu-s', 'JS only', 'kernels ×', 'local share p0', 'local share p1'],
      generators.map((g) => [
        g.id,
        g.stream,
        formatRate(g.rowsPerCpuSecond),
        formatRate(g.jsOnlyRowsPerCpuSecond),
        (g.rowsPerCpuSecond / g.jsOnlyRowsPerCpuSecond).toFixed(2),
        g.localShare ? g.localShare[0].toFixed(2) : '—',
        g.localShare ? g.localShare[1].toFixed(2) : '—',
      ]),
    ),
);

console.log(
  '\nThe output checksum alone (CPU per run over the outputs above; every worker of `npm run bench` pays it; JS only = its WebAssembly kernel off)\n\n' +
    markdownTable(
      ['scenario', 'output rows', 'check cpu ms', 'JS only', 'kernel ×'],
      figures.map((f) => [
        f.id,
        count(f.outputRows),
        (f.checkCpuSeconds * 1000).toFixed(1),
        (f.checkJsCpuSeconds * 1000).toFixed(1),
        (f.checkJsCpuSeconds / f.checkCpuSeconds).toFixed(2),
      ]),
    ),
);

// The join scenarios: two streams merged in arrival order, then one engine.
const joins = await benchJoins(args, (l) => console.log(l));
if (joins.figures.length)
  console.log(
    '\nJoin scenarios (both streams generated and merged in arrival order first; input rows = both streams)\n\n' +
      markdownTable(
        [
          'scenario',
          'input rows',
          'direct rows/s',
          'rows/cpu-s',
          'peak state rows',
          'output rows',
          'checksum',
          'partitioned(2) in one thread',
          'DuckDB 1 thread (batch join)',
          'engine ÷ DuckDB',
        ],
        joins.figures.map((f) => [
          f.id,
          count(f.inputRows),
          formatRate(f.rowsPerSecond),
          formatRate(f.rowsPerCpuSecond),
          count(f.peakStateRows),
          count(f.outputRows),
          f.checksum,
          `${f.partitioned2.checksum === f.checksum ? 'same checksum' : 'DIFFERS'}`,
          f.duckdb ? `${formatRate(f.duckdb.rowsPerSecond)} rows/s, ${count(f.duckdb.outputRows)} rows` : '—',
          f.duckdb ? (f.duckdb.seconds / f.medianSeconds).toFixed(2) : '—',
        ]),
      ) +
      '\nGoal S4: ≥ 5M input rows/s per worker engine-only; peak state bounded by the ±30 s bounds (about 2 × 3,000 rows at 10 ms per row), not by the input.',
  );
if (joins.failed) failed = true;

// The ranking scenarios: window Top-N over S3a's aggregate, and deduplication.
const ranking = benchRanking(args, (l) => console.log(l));
if (ranking.figures.length)
  console.log(
    '\nRanking scenarios (S6 timed in alternation with S3a on the same batches)\n\n' +
      markdownTable(
        [
          'scenario',
          'rows',
          'median s',
          'rows/s',
          'rows/cpu-s',
          'goal',
          'output rows',
          'checksum',
          'partitioned(2) in one thread',
          'partitioning',
        ],
        ranking.figures.map((f) => [
          f.id,
          count(f.rows),
          f.medianSeconds.toFixed(3),
          formatRate(f.rowsPerSecond),
          formatRate(f.rowsPerCpuSecond),
          `${f.met ? '✓' : '✗'} ${f.goal}${f.s3aRowsPerSecond === null || f.s3aRowsPerCpuSecond === null ? '' : ` (S3a ${formatRate(f.s3aRowsPerSecond)}: ${(f.rowsPerSecond / f.s3aRowsPerSecond).toFixed(2)} ×, by CPU ${(f.rowsPerCpuSecond / f.s3aRowsPerCpuSecond).toFixed(2)} ×)`}`,
          count(f.outputRows),
          f.checksum,
          f.partitioned2Checksum === f.checksum ? 'same checksum' : 'DIFFERS',
          f.partitioning,
        ]),
      ),
  );
if (ranking.failed) failed = true;

console.log(`load after: ${load()}`);

if (args.json) {
  const doc = {
    when: new Date().toISOString(),
    machine: { ...machine, loadAfter: os.loadavg() },
    args,
    scenarios: figures,
    limits,
    generators,
    joins: joins.figures,
    ranking: ranking.figures,
  };
  writeFileSync(args.json, JSON.stringify(doc, null, 2) + '\n');
  console.log(`wrote ${args.json}`);
}
if (failed) process.exit(1);
