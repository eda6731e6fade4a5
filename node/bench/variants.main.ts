/**
 * `npm run bench`: the five seed scenarios × the execution variants in real
 * worker threads (or, with --browser, in headless Chromium's Web Workers),
 * next to comparators on the same rows: a hand-written columnar S3a loop, a
 * scan of the columns, DuckDB with one thread for S2 and S3a, and with --flink
 * Apache Flink at parallelism 1 and 2 for S0–S3b (variants-flink.ts). Exits 1
 * if any variant's checksum differs from the others' for a scenario, or
 * Flink's from theirs without a known reason.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { scenarioPlan, generateBatches } from '../../engine/scenarios/scenario-plan';
import { SEED_SCENARIOS } from '../../engine/scenarios/seed-scenarios';
import { JOIN_SCENARIOS } from '../../engine/scenarios/join-scenarios';
import { RANKING_SCENARIOS } from '../../engine/scenarios/ranking-scenarios';
import { WorkerPool } from '../../engine/worker/engine-client';
import { nodeClock, nodeEngineFactory } from '../worker/node-engine-factory';
import { runBrowserMatrix } from './browser-runner';
import { scanColumns } from './column-scan';
import { runS3aHandLoop } from './s3a-hand-loop';
import { timeRuns } from './timing';
import { describeMachine } from './machine';
import { measureParallelCeiling } from './parallel-ceiling';
import type { ParallelCeiling, ParallelCeilings } from './ceiling-loops';
import { parseVariantsArgs } from './bench-args';
import { duckdbComparators, type Comparator } from './variants-duckdb';
import { MAX_ROUNDS_PER_RUN } from './round-schedule';
import { runMatrix, type MatrixResult, type ScenarioPlan } from './variants-matrix';
import { threadCpuSeconds } from './variants-thread-cpu';
import {
  cellsTable,
  comparatorsTable,
  flinkAgreement,
  flinkTable,
  goalLines,
  splitTable,
} from './variants-report';
import {
  checkedAgainstNote,
  flinkUnavailable,
  knownFlinkDifference,
  runFlinkPeer,
  type FlinkPeerResult,
} from './variants-flink';

const args = parseVariantsArgs(process.argv.slice(2));
const machine = {
  ...describeMachine(),
  runtime: args.browser ? 'chromium (Web Workers)' : 'node (worker_threads)',
};
const log = (line: string): void => console.log(line);
// On a shared 2-core machine other work moves every figure: say how busy it was, before and after.
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
// Before minutes of matrix: --flink without Java or Maven says how to install them, and stops.
if (args.flink) {
  const why = flinkUnavailable(log);
  if (why) {
    console.error(`--flink: ${why}`);
    process.exit(1);
  }
}
const loadBefore = load();
log(
  `Windtunnel variants benchmark — ${args.rows.toLocaleString('en-US')} rows per scenario (per-record: ${args.perRecordRows.toLocaleString('en-US')}), median of ${args.runs} runs or more (until the timed rounds of a scenario take ${args.minSeconds} s, at most ${MAX_ROUNDS_PER_RUN * args.runs}) after ${args.warmup} warm-up round${args.warmup === 1 ? '' : 's'}`,
);
log(
  `machine: ${machine.cpus} cores (${machine.model}), ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.runtime}; load average (1 / 5 / 15 min) ${loadBefore}\n`,
);

// The seed scenarios, the join scenarios S4 and S5 (two streams of --rows each), then the ranking scenarios S6 and S7.
const scenarios: ScenarioPlan[] = [...SEED_SCENARIOS, ...JOIN_SCENARIOS, ...RANKING_SCENARIOS].map((s) => ({
  id: s.id,
  plan: scenarioPlan(s, { rows_per_second: 0 }),
}));

let result: MatrixResult;
// Chromium's ceilings are measured in its page after the matrix; Node's after the comparators below.
let browserCeilings: ParallelCeilings | null = null;
if (args.browser) {
  ({ matrix: result, ceilings: browserCeilings } = await runBrowserMatrix(args, log));
} else {
  result = await runMatrix(
    scenarios,
    args,
    { newPool: () => new WorkerPool(nodeEngineFactory()), clock: nodeClock, threadCpu: threadCpuSeconds },
    log,
  );
}

const comparators: Comparator[] = [];
const s3a = scenarios.find((s) => s.id === 'S3a')!;
if (!args.only || args.only.includes('S3a')) {
  const plan = {
    ...s3a.plan,
    source: { ...s3a.plan.sources[0]!, options: { ...s3a.plan.sources[0]!.options, total: args.rows } },
  };
  const batches = generateBatches(plan.sources[0]!, 16384);
  const hand = timeRuns(args.runs, 1, () => runS3aHandLoop(batches, plan.sources[0]!.columns));
  const scan = timeRuns(args.runs, 1, () =>
    scanColumns(
      batches,
      plan.sources[0]!.columns.map((_, c) => c),
    ),
  );
  comparators.push({
    name: 'hand-loop',
    scenario: 'S3a',
    rows: args.rows,
    seconds: hand.median,
    rows_per_s: args.rows / hand.median,
    rows_out: hand.result.rows,
  });
  comparators.push({
    name: 'scan',
    scenario: 'S3a',
    rows: args.rows,
    seconds: scan.median,
    rows_per_s: args.rows / scan.median,
  });
}
if (args.duckdb) {
  for (const id of ['S2', 'S3a'] as const) {
    if (args.only && !args.only.includes(id)) continue;
    comparators.push(
      ...(await duckdbComparators(id, scenarios.find((s) => s.id === id)!.plan, args.rows, args.runs)),
    );
  }
}

// After the matrix, so the JVM competes with no worker; S4/S5 (joins) are not part of the peer.
let flink: FlinkPeerResult[] = [];
const flinkProblems: string[] = [];
if (args.flink) {
  const seeds = SEED_SCENARIOS.filter((s) => !args.only || args.only.includes(s.id));
  flink = await runFlinkPeer(
    seeds,
    { rows: args.rows, runs: args.runs, warmup: Math.min(args.warmup, 2) },
    log,
  );
  for (const f of flink) {
    if (f.error) flinkProblems.push(`${f.scenario} ${f.name} failed: ${f.error}`);
    else if (flinkAgreement(result.cells, f) === 'DIFFERENT' && !knownFlinkDifference(f.scenario))
      flinkProblems.push(
        `${f.scenario} ${f.name}: ${f.rows_out} rows, checksum ${f.checksum} ≠ the variants'`,
      );
  }
}

// Measured after the matrix, in the same run and runtime: the yardstick for the partitioned goal.
const ceilings = browserCeilings ?? (await measureParallelCeiling(args.runs));
const ceiling = ceilings.spin;

log('\n' + cellsTable(result.cells));
log('\nWhere the time goes (startup apart; per worker, after startup)\n\n' + splitTable(result.cells));
log(
  `\n* per-record runs ${args.perRecordRows.toLocaleString('en-US')} rows; its checksum is checked against a direct run over the same rows.`,
);
if (comparators.length)
  log(
    '\nComparators on the same rows (one thread, pre-generated or loaded data):\n\n' +
      comparatorsTable(comparators),
  );
if (flink.length) {
  log(
    '\nApache Flink 2.3 on the same rows (embedded MiniCluster in one warm JVM, JSON-lines files, blackhole sink; ' +
      'job start = planning to every task running, run = running to finished):\n\n' +
      flinkTable(result.cells, flink),
  );
  for (const id of new Set(
    flink.filter((f) => flinkAgreement(result.cells, f) === 'DIFFERENT').map((f) => f.scenario),
  )) {
    const why = knownFlinkDifference(id);
    if (why) log(`\n${id}: Flink's rows differ for a known reason (flink/known-differences.json): ${why}`);
  }
  for (const id of new Set(flink.map((f) => f.scenario))) {
    const note = checkedAgainstNote(id);
    if (note) log(`\n${id}: ${note}`);
  }
}
const seconds = (c: ParallelCeiling): string =>
  `${c.oneThreadSeconds.toFixed(3)} s on one thread and ${c.twoThreadsSeconds.toFixed(3)} s split over two = ${c.speedup.toFixed(2)} ×`;
log(
  `\nParallel ceiling of this machine (${args.browser ? 'Chromium Web Workers' : 'Node worker threads'}, the same run): ` +
    `a loop with no memory traffic or messages takes ${seconds(ceiling)}; ` +
    `a loop streaming two 8 MiB arrays per thread takes ${seconds(ceilings.stream)}.`,
);
const loadAfter = load();
log(`\nload average (1 / 5 / 15 min): ${loadBefore} before, ${loadAfter} after`);
log(
  '\nGoals:\n' +
    goalLines(result.cells, comparators, ceiling.speedup)
      .map((l) => `  ${l}`)
      .join('\n'),
);

if (args.json) {
  const cells = result.cells.map((c) => ({ ...c, runs: [...c.runs] }));
  writeFileSync(
    args.json,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: {
          ...machine,
          loadBefore,
          loadAfter,
          parallelCeiling: ceiling,
          streamingCeiling: ceilings.stream,
        },
        args,
        cells,
        comparators,
        flink,
        mismatches: result.mismatches,
        flinkProblems,
      },
      null,
      2,
    ) + '\n',
  );
  log(`\nwrote ${args.json}`);
}
if (result.mismatches.length > 0) {
  console.error(`\nFAIL: variants disagree:\n  ${result.mismatches.join('\n  ')}`);
  process.exit(1);
}
if (flinkProblems.length > 0) {
  console.error(`\nFAIL: Flink disagrees or failed:\n  ${flinkProblems.join('\n  ')}`);
  process.exit(1);
}
// A Flink row set checked against a scenario this run left out (--only S3b without S3a) is not checked.
const unchecked = flink
  .filter((f) => flinkAgreement(result.cells, f) === null)
  .map((f) => `${f.scenario} ${f.name}`);
const flinkVerdict = !flink.length
  ? ''
  : unchecked.length
    ? `; Flink's rows could not be checked for ${unchecked.join(', ')} (run ${[...new Set(flink.filter((f) => flinkAgreement(result.cells, f) === null).map((f) => f.checked_against))].join(', ')} too), and agree elsewhere unless a known difference says otherwise`
    : '; so does Flink, where no known difference says otherwise';
log(`\nall variants agree on every scenario (${machine.cpus} cores)${flinkVerdict}.`);
