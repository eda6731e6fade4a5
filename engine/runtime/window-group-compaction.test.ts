/**
 * A windowed GROUP BY forgets the groups no open window holds (GroupKeys.compactIfGrown): with
 * compaction at every doubling of the group table from one group on, every window kind, emit
 * mode, grace period and partitioning gives the same rows in the same order as without, on keys
 * that come and go (an order id per order) and keys that stay (a customer).
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import type { GroupKeys } from '../operators/group-keys';
import { KEY_COMPACTION } from '../operators/key-compaction';
import type { OperatorContext } from '../operators/operator';
import { WindowAggregateOperator } from '../operators/window-aggregate-operator';
import { batchToRowsWithOp } from '../core/batch-rows';
import type { Row } from '../core/types';
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
        expect(got).toEqual(want);
      }
    });
});

describe('windowed GROUP BY key table', () => {
  it('stays near what the open windows hold, not what the input had', () => {
    const plan =
      compileOk(`CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, total_amount DOUBLE, ts TIMESTAMP,
      WATERMARK FOR ts AS ts) WITH (generator = 'orders', total = 300000, rows_per_second = 0, event_step = 1, seed = 3);
      SELECT order_id, window_start, COUNT(*) AS n FROM orders GROUP BY order_id WINDOW TUMBLING (ts, INTERVAL '1' SECOND);`);
    const node = plan.nodes.find((n) => n.op.kind === 'windowAggregate')!;
    if (node.op.kind !== 'windowAggregate') throw new Error('no window aggregate');
    const ctx: OperatorContext = { stateLimit: 1e9, events: null, reject: () => {} };
    const agg = new WindowAggregateOperator(
      node.op,
      plan.sources[0]!.columns.map((c) => c.name),
      ctx,
    );
    const src = createGeneratorSource(plan.sources[0]!);
    let rows = 0;
    const sink = { push: (b: ColumnBatch) => void (rows += b.length) };
    let most = 0;
    for (let b = src.next(4096); b; b = src.next(4096)) {
      agg.onBatch(b, sink);
      most = Math.max(most, (agg as unknown as { keys: GroupKeys }).keys.count);
    }
    agg.onEnd(sink);
    // 300,000 order ids, 1,000 per one-second window: the table is compacted from 65,536 on.
    expect(rows).toBe(300_000);
    expect(most).toBeLessThan(2 * KEY_COMPACTION.from + 4096);
  });
});
