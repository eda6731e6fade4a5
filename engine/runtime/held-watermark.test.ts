/**
 * What reads a join is not handed rows it must call late (as in Flink): an
 * interval join holds its output watermark back by its bounds, and a temporal
 * join's rows, released as the watermark passes them, go out before that
 * watermark — so a window over either join's rows counts them all.
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

describe('a temporal join emits its rows before the watermark that releases them', () => {
  const plan = compileOk(`CREATE TABLE p (id BIGINT, cur STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
CREATE TABLE r (cur STRING, rate DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (cur) NOT ENFORCED);
WITH conv AS (SELECT p.id, r.rate, p.ts FROM p JOIN r FOR SYSTEM_TIME AS OF p.ts AS r ON p.cur = r.cur)
SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE conv, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;`);
  // A payment every 100 ms for 3 s; one rate at 0 and the rate stream's watermark far ahead.
  const payments: Row[] = Array.from({ length: 30 }, (_, i) => ({ id: i, cur: 'EUR', ts: i * 100 }));
  const rates: Row[] = [
    { cur: 'EUR', rate: 1.1, ts: 0 },
    { cur: 'EUR', rate: 1.2, ts: 10_000 },
  ];
  it.each(VARIANTS)('%s: every payment counted in its window, none late', (variant) => {
    const run = runPlanOnRows(plan, { p: payments, r: rates }, { variant });
    expect(run.late).toBe(0);
    expect(run.rows.map((x) => x['n'])).toEqual([10, 10, 10]);
  });
});
