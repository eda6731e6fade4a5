/**
 * A Flink datagen DDL pasted as it is in Flink's documentation (issue #17),
 * run end to end through the app's run path: the datagen generator fills the
 * declared columns, every variant — partitioned ones included — gives the
 * same rows, and the rows follow the fields.* options.
 */
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { inProcessConnection } from './engine-client';
import { collect, multiset } from './variants-equal.suite';

const clock = (): number => performance.timeOrigin + performance.now();
const env = () => ({ createEngine: () => inProcessConnection(clock), clock });

const DDL = `CREATE TABLE Orders (
    order_number BIGINT,
    price        DECIMAL(32,2),
    buyer        STRING,
    quantity     INT,
    order_time   TIMESTAMP(3),
    WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '1000',
  'number-of-rows' = '4000',
  'fields.order_number.kind' = 'sequence',
  'fields.order_number.start' = '1',
  'fields.order_number.end' = '3000',
  'fields.price.min' = '10',
  'fields.price.max' = '20',
  'fields.buyer.length' = '6',
  'fields.quantity.min' = '1',
  'fields.quantity.max' = '5',
  'scan.parallelism' = '4'
);
`;

function plan(sql: string): PhysicalPlan {
  const r = compileScript(DDL + sql);
  expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning']); // scan.parallelism
  return r.plan!;
}

describe('pasted Flink datagen DDL', () => {
  it('runs a projection: the sequence ends the stream, values follow the fields.* options', async () => {
    const p = plan('SELECT order_number, price, buyer, order_time FROM Orders;');
    const out = await collect(p, { variant: 'direct', batchSize: 512 }, env());
    expect(out.summary.error).toBeUndefined();
    expect(out.rows.map((r) => r['order_number'])).toEqual(Array.from({ length: 3000 }, (_, k) => k + 1));
    for (const r of out.rows) {
      expect(r['price'] as number).toBeGreaterThanOrEqual(10);
      expect(r['price'] as number).toBeLessThan(20);
      expect(r['buyer']).toMatch(/^[0-9a-f]{6}$/);
    }
    expect(out.rows[2]!['order_time']).toBe(2); // event_step 1 ms from 0
  });

  it('runs a window aggregation to the same rows in every variant', async () => {
    const p =
      plan(`SELECT window_start, COUNT(*) AS n, MIN(order_number) AS first_order, SUM(price) AS revenue
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(order_time), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;`);
    const direct = await collect(p, { variant: 'direct', batchSize: 256 }, env());
    expect(direct.summary.error).toBeUndefined();
    expect(direct.rows.map((r) => [r['window_start'], r['n'], r['first_order']])).toEqual([
      [0, 1000, 1],
      [1000, 1000, 1001],
      [2000, 1000, 2001],
    ]);
    // Grouped by quantity too: the partitioned runs split the generator by it.
    const q = plan(`SELECT quantity, window_start, COUNT(*) AS n, SUM(price) AS revenue
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(order_time), INTERVAL '1' SECOND))
GROUP BY quantity, window_start, window_end;`);
    expect(q.partitioning.kind).toBe('hash');
    const grouped = await collect(q, { variant: 'direct', batchSize: 256 }, env());
    expect(new Set(grouped.rows.map((r) => r['quantity']))).toEqual(new Set([1, 2, 3, 4, 5]));
    for (const o of [
      { variant: 'partitioned', partitions: 2, source: 'local', batchSize: 100 },
      { variant: 'partitioned', partitions: 3, source: 'central', batchSize: 64 },
    ] as const) {
      const r = await collect(q, o, env());
      expect(r.summary.error).toBeUndefined();
      expect(multiset(r.rows)).toEqual(multiset(grouped.rows));
    }
    for (const o of [
      { variant: 'batched', batchSize: 100 },
      { variant: 'partitioned', partitions: 2, source: 'local', batchSize: 100 },
      { variant: 'partitioned', partitions: 3, source: 'central', batchSize: 64 },
    ] as const) {
      const r = await collect(p, o, env());
      expect(r.summary.error).toBeUndefined();
      expect(multiset(r.rows)).toEqual(multiset(direct.rows));
    }
  });
});
