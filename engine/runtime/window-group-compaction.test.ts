/**
 * A windowed GROUP BY forgets the groups no open window holds (GroupKeys.compactIfGrown): with
 * compaction at every doubling of the group table from one group on, every window kind, emit
 * mode, grace period and partitioning gives the same rows in the same order as without, on keys
 * that come and go (an order id per order) and keys that stay (a customer); a window Top-N
 * (WindowTopNOperator forgets its partition keys alike) the same rows; session windows likewise.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import type { GroupKeys } from '../operators/group-keys';
import { KEY_COMPACTION } from '../operators/key-compaction';
import type { OperatorContext } from '../operators/operator';
import { buildChain } from '../operators/build-pipeline';
import { batchToRowsWithOp } from '../core/batch-rows';
import type { Row } from '../core/types';
import { compareMultiset } from './compare-results';
import { compactingKeys } from './join-test-support';
import { runInProcess, type RunOptions } from './run-in-process';
import { compileOk } from './sql-run-support';
import { createGeneratorSource } from '../sources/generators/index';

const ORDERS = `CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (generator = 'orders', total = 4000, rows_per_second = 0, keys = 300, event_step = 5,
        out_of_order = 0.2, max_out_of_order = '1500ms', late = 0.02, seed = 7);`;

const BUCKETS = (per: number): string =>
  `(SELECT CAST(FLOOR(order_id / ${per}) AS BIGINT) AS oid, customer_id, total_amount, ts FROM orders)`;

const QUERIES: Record<string, string> = {
  'tumbling final, a group per few orders': `SELECT oid, window_start, COUNT(*) AS n, SUM(total_amount) AS s
    FROM ${BUCKETS(3)} GROUP BY oid WINDOW TUMBLING (ts, INTERVAL '1' SECOND)`,
  'hopping changes, customers': `SELECT customer_id, window_start, window_end, COUNT(*) AS n, MAX(total_amount) AS mx
    FROM orders GROUP BY customer_id WINDOW HOPPING (ts, INTERVAL '2' SECOND, INTERVAL '500' MILLISECOND) EMIT CHANGES`,
  'tumbling grace, a group per order': `SELECT order_id, window_start, COUNT(*) AS n
    FROM orders GROUP BY order_id WINDOW TUMBLING (ts, INTERVAL '1' SECOND) GRACE PERIOD INTERVAL '1' SECOND`,
  'cumulate, customers': `SELECT customer_id, window_start, window_end, SUM(total_amount) AS s
    FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '500' MILLISECOND, INTERVAL '2' SECOND))
    GROUP BY window_start, window_end, customer_id`,
  'Top-N over the aggregate': `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY n DESC, oid) AS rn
    FROM (SELECT oid, window_start, window_end, COUNT(*) AS n FROM ${BUCKETS(5)}
          GROUP BY oid WINDOW TUMBLING (ts, INTERVAL '1' SECOND))) WHERE rn <= 3`,
  'sessions, a group per few orders': `SELECT oid, window_start, window_end, COUNT(*) AS n
    FROM ${BUCKETS(4)} GROUP BY oid WINDOW SESSION (ts, INTERVAL '30' MILLISECOND)`,
  'sessions changes, customers': `SELECT customer_id, window_start, window_end, COUNT(*) AS n
    FROM orders GROUP BY customer_id WINDOW SESSION (ts, INTERVAL '400' MILLISECOND) EMIT CHANGES`,
  'window Top-N per customer over the TVF': `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, customer_id ORDER BY total_amount DESC) AS rn
    FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' SECOND))) WHERE rn <= 2`,
  'window deduplication per order': `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, order_id ORDER BY ts DESC) AS rn
    FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' SECOND))) WHERE rn = 1`,
};

const SHAPES: RunOptions[] = [
  { variant: 'direct' },
  { variant: 'batched', batchSize: 7 },
  { variant: 'partitioned', partitions: 2, batchSize: 64 },
];

function run(sql: string, opts: RunOptions): Row[] {
  const plan = compileOk(`${ORDERS}\n${sql};`);
  const r = runInProcess(plan, createGeneratorSource(plan.sources[0]!), opts);
  return r.batches.flatMap((b) => batchToRowsWithOp(b, r.schema));
}

describe('windowed GROUP BY forgetting unheld groups', () => {
  for (const [name, sql] of Object.entries(QUERIES))
    it(name, () => {
      for (const opts of SHAPES) {
        const want = run(sql, opts);
        expect(want.length).toBeGreaterThan(50);
        let got: Row[] = [];
        compactingKeys(() => (got = run(sql, opts)));
        // A window Top-N emits a window's partitions by key id, and a key forgotten and seen
        // again is numbered anew: the same rows, in another order within the window.
        if (name.startsWith('window')) expect(compareMultiset(got, want)).toBeNull();
        else expect(got).toEqual(want);
      }
    });
});

const PER_ORDER = `CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts) WITH (generator = 'orders', total = 300000, rows_per_second = 0, event_step = 1, seed = 3);`;

/** The most keys any stage's table held while 300,000 order ids streamed through the chain, and the rows out. */
function keyTablePeak(sql: string): { most: number; rows: number } {
  const plan = compileOk(`${PER_ORDER}\n${sql};`);
  const ctx: OperatorContext = { stateLimit: 1e9, events: null, reject: () => {} };
  const src = plan.sources[0]!;
  const stages = buildChain(
    plan.nodes,
    plan.nodes.map((_, k) => k),
    src.columns,
    src.timeColumn,
    ctx,
  );
  let rows = 0;
  const sinks = stages.map((_, k) => ({
    push: (b: ColumnBatch): void => {
      if (k + 1 < stages.length) stages[k + 1]!.operator.onBatch(b, sinks[k + 1]!);
      else rows += b.length;
    },
  }));
  const keyed = stages.flatMap((s) => {
    const keys = (s.operator as unknown as { keys?: GroupKeys }).keys;
    return keys === undefined ? [] : [() => keys.count];
  });
  const g = createGeneratorSource(src);
  let most = 0;
  for (let b = g.next(4096); b; b = g.next(4096)) {
    stages[0]!.operator.onBatch(b, sinks[0]!);
    for (const count of keyed) most = Math.max(most, count());
  }
  stages.forEach((s, k) => s.operator.onEnd(sinks[k]!));
  expect(keyed.length).toBeGreaterThan(0);
  return { most, rows };
}

describe('windowed key tables', () => {
  // 300,000 order ids, 1,000 per one-second window: the tables are compacted from 65,536 on.
  it('a window aggregate per order stays near what its open windows hold', () => {
    const r = keyTablePeak(
      `SELECT order_id, window_start, COUNT(*) AS n FROM orders GROUP BY order_id WINDOW TUMBLING (ts, INTERVAL '1' SECOND)`,
    );
    expect(r.rows).toBe(300_000);
    expect(r.most).toBeLessThan(2 * KEY_COMPACTION.from + 4096);
  });

  it('session windows per order too', () => {
    const r = keyTablePeak(
      `SELECT order_id, window_start, COUNT(*) AS n FROM orders GROUP BY order_id WINDOW SESSION (ts, INTERVAL '5' MILLISECOND)`,
    );
    expect(r.rows).toBe(300_000);
    expect(r.most).toBeLessThan(2 * KEY_COMPACTION.from + 4096);
  });

  it('a window deduplication per order too', () => {
    const r =
      keyTablePeak(`SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, order_id ORDER BY ts) AS rn
      FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' SECOND))) WHERE rn = 1`);
    expect(r.rows).toBe(300_000);
    expect(r.most).toBeLessThan(2 * KEY_COMPACTION.from + 4096);
  });
});
