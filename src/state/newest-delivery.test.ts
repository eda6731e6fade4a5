/**
 * The playground's runs post only each report's newest rows (`deliverNewest` =
 * `rowsReadPerCall(keep)`) and count the rest: the results store must then
 * show exactly what it shows when every row is posted — the kept rows with
 * their numbers, the latest row per key, the totals per op, whether the
 * latest view sampled — with reports of one batch and of the whole stream.
 */
import { describe, expect, it } from 'vitest';
import { compileScript, SEED_SCENARIOS, type PhysicalPlan } from '../../engine/index';
import { runLocalHere } from '../../engine/worker/local-run-support';
import { ResultsStore, rowsReadPerCall } from './results-store';

const ROWS = { total: 40_000 };
const KEEP = 300;

/** The store after a worker's own loop over the stream, reporting every `reportEveryMs` (0: after each batch). */
async function viewOf(
  plan: PhysicalPlan,
  deliverNewest: number | null,
  reportEveryMs: number,
): Promise<{ snapshot: ReturnType<ResultsStore['getSnapshot']>; posted: number }> {
  const store = new ResultsStore((fn) => fn());
  store.reset(
    plan.output.map((f) => f.name),
    plan.outputKey,
    KEEP,
  );
  let posted = 0;
  await runLocalHere(plan, { batchSize: 16384, reportEveryMs, deliverNewest }, (r) => {
    const rows = r.outputs.reduce((n, b) => n + b.length, 0);
    // Every report posts its newest rows, at least as many as the store reads.
    if (deliverNewest !== null)
      expect(rows).toBeGreaterThanOrEqual(Math.min(deliverNewest, rows + (r.skipped?.rows ?? 0)));
    posted += rows;
    if (r.outputs.length > 0 || r.skipped !== null) store.appendBatches(r.outputs, r.skipped);
  });
  const { version: _, ...snapshot } = store.getSnapshot();
  return { snapshot: snapshot as ReturnType<ResultsStore['getSnapshot']>, posted };
}

/** A script's plan over a shorter stream. */
function planOf(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return {
    ...r.plan,
    sources: r.plan.sources.map((src) => ({ ...src, options: { ...src.options, ...ROWS } })),
  };
}

const TRADES_DDL = `${SEED_SCENARIOS.find((s) => s.stream === 'trades')!.sql.split(';')[0]!};`;

const PLANS = [
  ...SEED_SCENARIOS.map((s) => [s.id, planOf(s.sql)] as const),
  [
    'a Top-N (deletes)',
    planOf(`${TRADES_DDL}
      SELECT symbol, price FROM (SELECT symbol, price, ROW_NUMBER() OVER (ORDER BY price DESC) AS rownum
      FROM trades) WHERE rownum <= 3;`),
  ],
] as const;

describe('posting only the newest rows of each report', () => {
  it.each(PLANS)('%s: the results view is the one every row gives', async (_, plan) => {
    for (const every of [0, 1e9]) {
      const all = await viewOf(plan, null, every);
      const newest = await viewOf(plan, rowsReadPerCall(KEEP), every);
      expect(newest.snapshot).toEqual(all.snapshot);
      // A report of a whole 16384-row batch, or of the whole stream, holds more rows than are read.
      if (all.posted > 16384) expect(newest.posted).toBeLessThan(all.posted);
    }
  });
});
