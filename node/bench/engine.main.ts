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
import { SEED_SCENARIOS, type ScenarioId } from '../../engine/scenarios/seed-scenarios';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { generateBatches } from '../../engine/scenarios/scenario-plan';
import { parseBenchArgs } from './bench-args';
import { formatRate, markdownTable } from './bench-table';
import { compileScenario, outputChecksum, runEngine } from './engine-adapter';
import { scanColumns } from './column-scan';
import { handLoopRows, runS3aHandLoop } from './s3a-hand-loop';
import { timeOnce, timeRuns } from './timing';

/** Goals per core (input rows/s), from the issue. */
const GOALS: Record<ScenarioId, number> = { S0: 50e6, S1: 15e6, S2: 8e6, S3a: 30e6, S3b: 8e6 };

interface ScenarioFigures {
  id: ScenarioId;
  rows: number;
  generateSeconds: number;
  seconds: number[];
  medianSeconds: number;
  rowsPerSecond: number;
  outputRows: number;
  checksum: string;
  goal: number;
}

const args = parseBenchArgs(process.argv.slice(2));
const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  model: cpus[0]?.model.trim() ?? 'unknown',
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
};
console.log(`Windtunnel engine benchmark — ${args.rows.toLocaleString('en-US')} rows per scenario, batches of ${args.batchSize}, median of ${args.runs} runs after 1 warm-up`);
console.log(`machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, node ${machine.node} (${machine.platform})\n`);

const figures: ScenarioFigures[] = [];
let s3a: { plan: PhysicalPlan; batches: ColumnBatch[]; figures: ScenarioFigures } | null = null;
for (const scenario of SEED_SCENARIOS) {
  if (args.only && !args.only.includes(scenario.id)) continue;
  const plan = compileScenario(scenario, args.rows);
  const gen = timeOnce(() => generateBatches(plan.source, args.batchSize));
  const batches = gen.result;
  const rows = batches.reduce((n, b) => n + b.length, 0);
  const run = timeRuns(args.runs, () => runEngine(plan, batches));
  const f: ScenarioFigures = {
    id: scenario.id,
    rows,
    generateSeconds: gen.seconds,
    seconds: run.seconds,
    medianSeconds: run.median,
    rowsPerSecond: rows / run.median,
    outputRows: run.result.outputRows,
    checksum: outputChecksum(plan, run.result.output),
    goal: GOALS[scenario.id],
  };
  figures.push(f);
  console.log(`  ${f.id.padEnd(3)} ${formatRate(f.rowsPerSecond).padStart(6)} rows/s  (generated in ${gen.seconds.toFixed(2)} s)`);
  if (scenario.id === 'S3a') s3a = { plan, batches, figures: f };
}

console.log(
  '\n' +
    markdownTable(
      ['scenario', 'rows', 'median s', 'rows/s', 'goal', 'output rows', 'checksum', 'gen rows/s'],
      figures.map((f) => [
        f.id,
        f.rows.toLocaleString('en-US'),
        f.medianSeconds.toFixed(3),
        formatRate(f.rowsPerSecond),
        `${f.rowsPerSecond >= f.goal ? '✓' : '✗'} ${formatRate(f.goal)}`,
        f.outputRows.toLocaleString('en-US'),
        f.checksum,
        formatRate(f.rows / f.generateSeconds),
      ]),
    ),
);

let limits = null;
let failed = false;
if (s3a) {
  const { plan, batches } = s3a;
  const hand = timeRuns(args.runs, () => runS3aHandLoop(batches, plan.source.columns));
  const handChecksum = outputChecksum(plan, [buildBatch(handLoopRows(hand.result), plan.output)]);
  const scan = timeRuns(args.runs, () => scanColumns(batches, plan.source.columns.map((_, c) => c)));
  const rows = s3a.figures.rows;
  limits = {
    handLoop: { seconds: hand.seconds, medianSeconds: hand.median, rowsPerSecond: rows / hand.median, outputRows: hand.result.rows, checksum: handChecksum },
    columnScan: { seconds: scan.seconds, medianSeconds: scan.median, rowsPerSecond: rows / scan.median, columns: plan.source.columns.map((f) => f.name) },
    engineOverHandLoop: hand.median / s3a.figures.medianSeconds,
    engineOverScan: scan.median / s3a.figures.medianSeconds,
  };
  console.log(
    '\n' +
      markdownTable(
        ['S3a on the same batches', 'median s', 'rows/s', 'output rows', 'checksum'],
        [
          ['engine', s3a.figures.medianSeconds.toFixed(3), formatRate(s3a.figures.rowsPerSecond), s3a.figures.outputRows.toLocaleString('en-US'), s3a.figures.checksum],
          ['hand-written loop', hand.median.toFixed(3), formatRate(rows / hand.median), hand.result.rows.toLocaleString('en-US'), handChecksum],
          [`column scan (${limits.columnScan.columns.join(', ')})`, scan.median.toFixed(3), formatRate(rows / scan.median), '—', '—'],
        ],
      ),
  );
  console.log(
    `\nS3a engine speed = ${limits.engineOverHandLoop.toFixed(2)} × hand loop (goal ≥ 0.30), ${limits.engineOverScan.toFixed(3)} × column scan`,
  );
  if (handChecksum !== s3a.figures.checksum) {
    failed = true;
    console.error(`\nFAIL: the engine's S3a checksum ${s3a.figures.checksum} differs from the hand loop's ${handChecksum}`);
  }
}

if (args.json) {
  writeFileSync(args.json, JSON.stringify({ when: new Date().toISOString(), machine, args, scenarios: figures, limits }, null, 2) + '\n');
  console.log(`\nwrote ${args.json}`);
}
if (failed) process.exit(1);
