/**
 * A worker gives a stateless plan's output batches back to the pool once it
 * has checksummed and copied them (`holdsNoOutput`), and the generators and
 * gathers of the next batches fill those arrays again. With the pool
 * poisoning what it takes back, an output array that was still shared (with
 * the source's batch, or with another output) would read NaN or −1: the
 * delivered rows and the worker's checksum must be those of an engine whose
 * outputs nobody gives back.
 */
import { describe, expect, it } from 'vitest';
import { batchPool } from '../core/batch-pool';
import { holdsNoOutput } from '../operators/keeps-no-input';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { OutputChecksum } from '../runtime/checksum';
import { QueryEngine } from '../runtime/query-engine';
import { scenarioPlan } from '../scenarios/scenario-plan';
import { SEED_SCENARIOS, TRADES_DDL } from '../scenarios/seed-scenarios';
import { createGeneratorSource } from '../sources/generators';
import type { WorkerReport } from './engine-api';
import { runLocalLoop } from './local-run';
import { WorkerRun } from './worker-run';

const ROWS = { total: 30_000 };

function planOf(sql: string): PhysicalPlan {
  const r = compileScript(`${TRADES_DDL}\n${sql}`);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

/** The engine alone, nothing given back: checksum and rows. */
function reference(plan: PhysicalPlan): [string, number] {
  const src = createGeneratorSource(plan.sources[0]!);
  const engine = new QueryEngine(plan);
  const sum = new OutputChecksum();
  for (let b = src.next(1000); b; b = src.next(1000)) {
    engine.pushSource(0, b, undefined);
    for (const o of engine.drainOutput()) sum.add(o);
  }
  engine.end();
  for (const o of engine.drainOutput()) sum.add(o);
  return [sum.hex, sum.rows];
}

/** A worker's own loop over the whole stream: the delivered rows' checksum and count, and the worker's checksum. */
async function inWorker(plan: PhysicalPlan): Promise<[string, number, string]> {
  const delivered = new OutputChecksum();
  let checksum = '';
  const clock = (): number => performance.now();
  const run = new WorkerRun(
    {
      plan,
      worker: 0,
      workers: 1,
      reportEveryMs: 0,
      lock: null,
      failure: null,
      deliverOutputs: true,
      timeline: null,
      clocks: [],
    },
    (r: WorkerReport) => {
      for (const o of r.outputs) delivered.add(o);
      checksum = r.counters.checksum;
    },
    clock,
    (v) => v,
  );
  await runLocalLoop(
    run,
    {
      partition: 0,
      partitions: 1,
      partitionColumns: null,
      batchSize: 1000,
      inputs: {},
      rowsPerSecond: [0],
      startAt: clock(),
    },
    { clock, sleep: async () => {}, yieldNow: async () => {}, whilePaused: async () => 0 },
  );
  return [delivered.hex, delivered.rows, checksum];
}

const STATELESS = [
  [
    'S0',
    scenarioPlan(
      SEED_SCENARIOS.find((s) => s.id === 'S0')!,
      ROWS,
    ),
  ],
  [
    'computed columns',
    planOf(
      "SELECT symbol, price * quantity AS notional, side = 'BUY' AS buy FROM trades WHERE quantity > 20;",
    ),
  ],
  ['strings selected', planOf("SELECT trader_id, UPPER(side) AS s FROM trades WHERE symbol = 'AAPL';")],
  ['every row kept', planOf('SELECT symbol, price FROM trades WHERE price > 0;')],
  ['no filter', planOf('SELECT symbol, price + 1 AS p FROM trades;')],
] as const;

describe('output batches given back to the pool', () => {
  it.each(STATELESS)('%s: the same rows and checksum with the arrays refilled', async (_, plan) => {
    expect(holdsNoOutput(plan)).toBe(true);
    const [hex, rows] = reference(plan);
    expect(rows).toBeGreaterThan(0);
    batchPool.poison = true;
    try {
      expect(await inWorker(plan)).toEqual([hex, rows, hex]);
    } finally {
      batchPool.poison = false;
    }
  });

  it('plans whose operators may hold an output keep them', () => {
    for (const s of SEED_SCENARIOS.filter((s) => s.id !== 'S0'))
      expect(holdsNoOutput(scenarioPlan(s, ROWS))).toBe(false);
    expect(holdsNoOutput(planOf('SELECT symbol, price FROM trades WHERE price > 10 LIMIT 10;'))).toBe(false);
    expect(holdsNoOutput(planOf('SELECT DISTINCT symbol FROM trades;'))).toBe(false);
  });
});
