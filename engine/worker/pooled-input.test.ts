/**
 * A worker's own loop gives generated batches back to the pool when the plan's
 * operators keep none of their arrays (`keepsNoInput`): for those plans the
 * output is the same with the arrays refilled, here poisoned in between so a
 * kept array would read garbage; plans whose operators hold rows across
 * pushes keep their batches.
 */
import { describe, expect, it } from 'vitest';
import { batchPool } from '../core/batch-pool';
import { keepsNoInput } from '../operators/keeps-no-input';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { OutputChecksum } from '../runtime/checksum';
import { QueryEngine } from '../runtime/query-engine';
import { JOIN_SCENARIOS } from '../scenarios/join-scenarios';
import { RANKING_SCENARIOS } from '../scenarios/ranking-scenarios';
import { scenarioPlan } from '../scenarios/scenario-plan';
import { SEED_SCENARIOS, TRADES_DDL } from '../scenarios/seed-scenarios';
import { createGeneratorSource } from '../sources/generators';

const ROWS = { total: 30_000 };

function planOf(sql: string): PhysicalPlan {
  const r = compileScript(`${TRADES_DDL}\n${sql}`);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

/** The plan's output checksum and rows, run as a worker's local loop does, giving each batch back or not. */
function run(plan: PhysicalPlan, giveBack: boolean): [string, number] {
  const src = createGeneratorSource(plan.sources[0]!);
  const engine = new QueryEngine(plan, { stateLimit: 1e9 });
  const sum = new OutputChecksum();
  const drain = (): void => engine.drainOutput().forEach((o) => sum.add(o, plan.emit === 'changes'));
  for (let b = src.next(1000); b; b = src.next(1000)) {
    engine.pushSource(0, b, undefined);
    drain();
    if (giveBack) batchPool.give(b);
  }
  engine.end();
  drain();
  return [sum.hex, sum.rows];
}

const S6 = RANKING_SCENARIOS.find((s) => s.id === 'S6')!;

const ALLOWED = [
  ...SEED_SCENARIOS.map((s) => [s.id, scenarioPlan(s, ROWS)] as const),
  // Its ranking reads the window aggregate's rows, never the source's.
  ['S6', scenarioPlan(S6, ROWS)],
  [
    'a window TVF',
    planOf(`SELECT symbol, window_start, price FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND))
      WHERE quantity > 5;`),
  ],
  [
    'HOP with a WHERE',
    planOf(`SELECT symbol, window_start, MAX(price) AS hi FROM trades WHERE side = 'BUY'
      GROUP BY symbol WINDOW HOPPING (ts, INTERVAL '1' MINUTE, INTERVAL '20' SECOND);`),
  ],
] as const;

describe('generated batches given back to the pool', () => {
  it.each(ALLOWED)('%s: the same output when every batch is refilled after the engine took it', (_, plan) => {
    expect(keepsNoInput(plan)).toBe(true);
    const fresh = run(plan, false);
    expect(fresh[1]).toBeGreaterThan(0);
    batchPool.poison = true;
    try {
      expect(run(plan, true)).toEqual(fresh);
    } finally {
      batchPool.poison = false;
    }
  });

  it('plans that may hold the source’s rows across pushes keep their batches', () => {
    const held = [...JOIN_SCENARIOS, ...RANKING_SCENARIOS.filter((s) => s !== S6)];
    for (const s of held) expect(keepsNoInput(scenarioPlan(s, ROWS))).toBe(false);
    expect(keepsNoInput(planOf('SELECT * FROM trades LIMIT 10;'))).toBe(false);
    // A projection passes the source's columns on to the LIMIT.
    expect(keepsNoInput(planOf('SELECT symbol, price FROM trades WHERE price > 10 LIMIT 10;'))).toBe(false);
    // After an aggregate, a LIMIT sees only rows the aggregate built.
    expect(keepsNoInput(planOf('SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol LIMIT 10;'))).toBe(
      true,
    );
  });
});
