/**
 * What reads an interval join sees its watermark held back by the bounds (as
 * Flink holds it): a window over the join's rows counts pairs whose second
 * row came seconds after the first, instead of dropping them as late.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { VARIANTS } from './run-in-process';
import { compileOk, runPlanOnRows } from './sql-run-support';

const SQL = `CREATE TABLE o (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE p (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
WITH paid AS (SELECT o.id, o.ts FROM o JOIN p ON o.id = p.id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND)
SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE paid, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;`;

describe('an interval join holds back the watermark of what reads it', () => {
  // Orders every 100 ms for 3 s; each paid 4 s later (within the 5 s bound, long after its window).
  const orders: Row[] = Array.from({ length: 30 }, (_, i) => ({ id: i, ts: i * 100 }));
  const payments: Row[] = orders.map((r) => ({ id: r['id']!, ts: (r['ts'] as number) + 4000 }));
  const plan = compileOk(SQL);
  it.each(VARIANTS)('%s: every pair is counted in its order’s window, none late', (variant) => {
    const run = runPlanOnRows(plan, { o: orders, p: payments }, { variant });
    expect(run.late).toBe(0);
    expect(run.rows).toEqual([
      { op: '+I', window_start: 0, n: 10 },
      { op: '+I', window_start: 1000, n: 10 },
      { op: '+I', window_start: 2000, n: 10 },
    ]);
  });
});
