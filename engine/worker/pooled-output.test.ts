/**
 * A worker gives the engine's output batches back to the pool once it has
 * checksummed and copied them when no operator holds a source array or one it
 * emitted (`holdsNoOutput`: filters, projections, aggregates, OVER windows,
 * whose outputs then come from the pool), and the generators, gathers and
 * aggregates of the next batches fill those arrays again. With the pool
 * poisoning what it takes back, an array still shared (with the source's
 * batch, an operator's state, or another output) would read NaN or −1: the
 * delivered rows and the worker's checksum must be those of an engine whose
 * outputs nobody gives back.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { combineHash, hashNumber } from '../core/partition-hash';
import { batchPool } from '../core/batch-pool';
import { holdsNoOutput } from '../operators/keeps-no-input';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { OutputChecksum } from '../runtime/checksum';
import { QueryEngine } from '../runtime/query-engine';
import { scenarioPlan } from '../scenarios/scenario-plan';
import { JOIN_SCENARIOS } from '../scenarios/join-scenarios';
import { RANKING_SCENARIOS } from '../scenarios/ranking-scenarios';
import { SEED_SCENARIOS, TRADES_DDL } from '../scenarios/seed-scenarios';
import { createGeneratorSource } from '../sources/generators';
import { runLocalHere } from './local-run-support';

const ROWS = { total: 30_000 };

function planOf(sql: string): PhysicalPlan {
  const r = compileScript(`${TRADES_DDL}\n${sql}`);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

/**
 * What the checksum leaves out: each row's seq and watermark, hashed and summed (any order). An
 * array recycled while still in use would show here too.
 */
class SeqDigest {
  sum = 0;
  add(b: ColumnBatch): void {
    for (let i = 0; i < b.length; i++)
      this.sum = (this.sum + combineHash(hashNumber(b.seq[i]!), hashNumber(b.wm[i]!))) >>> 0;
  }
}

/** The engine alone, nothing given back: checksum, rows and seq digest. */
function reference(plan: PhysicalPlan): [string, number, number] {
  const src = createGeneratorSource(plan.sources[0]!);
  const engine = new QueryEngine(plan);
  const sum = new OutputChecksum();
  const seqs = new SeqDigest();
  const withOp = plan.emit === 'changes';
  const drain = (): void => {
    for (const o of engine.drainOutput()) {
      sum.add(o, withOp);
      seqs.add(o);
    }
  };
  for (let b = src.next(1000); b; b = src.next(1000)) {
    engine.pushSource(0, b, undefined);
    drain();
  }
  engine.end();
  drain();
  return [sum.hex, sum.rows, seqs.sum];
}

/** A worker's own loop over the whole stream: the delivered rows' checksum, count and seq digest, and the worker's checksum. */
async function inWorker(plan: PhysicalPlan): Promise<[string, number, number, string]> {
  const delivered = new OutputChecksum();
  const seqs = new SeqDigest();
  let checksum = '';
  await runLocalHere(plan, { batchSize: 1000 }, (r) => {
    for (const o of r.outputs) {
      delivered.add(o, plan.emit === 'changes');
      seqs.add(o);
    }
    checksum = r.counters.checksum;
  });
  return [delivered.hex, delivered.rows, seqs.sum, checksum];
}

const RECYCLED = [
  ...SEED_SCENARIOS.map((s) => [s.id, scenarioPlan(s, ROWS)] as const),
  [
    'computed columns',
    planOf(
      "SELECT symbol, price * quantity AS notional, side = 'BUY' AS buy FROM trades WHERE quantity > 20;",
    ),
  ],
  ['strings selected', planOf("SELECT trader_id, UPPER(side) AS s FROM trades WHERE symbol = 'AAPL';")],
  ['every row kept', planOf('SELECT symbol, price FROM trades WHERE price > 0;')],
  ['no filter', planOf('SELECT symbol, price + 1 AS p FROM trades;')],
  [
    'HAVING after a window',
    planOf(`SELECT symbol, window_start, COUNT(*) AS n, MAX(price) AS hi FROM trades
      GROUP BY symbol WINDOW HOPPING (ts, INTERVAL '1' MINUTE, INTERVAL '20' SECOND) HAVING COUNT(*) > 3;`),
  ],
  [
    'a window TVF and its aggregate',
    planOf(`SELECT symbol, window_start, COUNT(*) AS n, AVG(price) AS p
      FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY symbol, window_start, window_end;`),
  ],
  [
    'a window TVF alone',
    planOf(`SELECT symbol, window_start, window_end, price
      FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND)) WHERE quantity > 10;`),
  ],
  [
    'session windows',
    planOf(`SELECT trader_id, window_start, window_end, SUM(quantity) AS q FROM trades
      GROUP BY trader_id WINDOW SESSION (ts, INTERVAL '2' SECOND);`),
  ],
  [
    'OVER window with a WHERE',
    planOf(`SELECT symbol, price, MAX(price) OVER (PARTITION BY symbol ORDER BY ts
      ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS hi FROM trades WHERE side = 'SELL';`),
  ],
] as const;

describe('output batches given back to the pool', () => {
  it.each(RECYCLED)('%s: the same rows and checksum with the arrays refilled', async (_, plan) => {
    expect(holdsNoOutput(plan)).toBe(true);
    const [hex, rows, seqs] = reference(plan);
    expect(rows).toBeGreaterThan(0);
    batchPool.poison = true;
    try {
      expect(await inWorker(plan)).toEqual([hex, rows, seqs, hex]);
    } finally {
      batchPool.poison = false;
    }
  });

  it('plans whose operators may hold an output, or the source’s rows, keep them', () => {
    for (const s of [...JOIN_SCENARIOS, ...RANKING_SCENARIOS])
      expect(holdsNoOutput(scenarioPlan(s, ROWS))).toBe(false);
    expect(holdsNoOutput(planOf('SELECT symbol, price FROM trades WHERE price > 10 LIMIT 10;'))).toBe(false);
    expect(holdsNoOutput(planOf('SELECT DISTINCT symbol FROM trades;'))).toBe(false);
  });
});
