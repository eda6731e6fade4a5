import { describe, expect, it } from 'vitest';
import { compileScript } from './compile';
import { explainPlan, type ExplainNode } from './explain';
import { SEED_QUERIES } from './seed-queries.test-data';

function explain(sql: string): { text: string; tree: ExplainNode } {
  const r = compileScript(sql);
  expect(r.diagnostics).toEqual([]);
  return explainPlan(r.plan!);
}

function chain(n: ExplainNode): string[] {
  const out: string[] = [];
  for (let x: ExplainNode | undefined = n; x; x = x.children[0]) out.push(x.label);
  return out;
}

describe('explainPlan', () => {
  it('S0: filter and projection over orders', () => {
    const { text, tree } = explain(SEED_QUERIES.S0);
    expect(chain(tree)).toEqual(['Output', 'Project', 'Filter', 'Source orders']);
    expect(text).toContain('WHERE total_amount > 100');
    expect(text).toContain('generator: orders');
    expect(text).toContain('reads: order_id, customer_id, total_amount, ts');
    expect(text).toContain('partitioning: any');
    expect(text).toContain('emit: append');
  });

  it('CUMULATE: the nested windows, aggregated per window and keyed by start and end', () => {
    const { text, tree } = explain(
      `SELECT customer_id, window_start, window_end, SUM(total_amount) AS revenue
       FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))
       GROUP BY customer_id, window_start, window_end`,
    );
    expect(chain(tree)).toEqual(['Output', 'Project', 'WindowAggregate', 'Source orders']);
    expect(text).toContain(
      'window: CUMULATE (ts, step 10m, size 1h): windows [start, start + k·10m) for k = 1…6, start aligned on 1h',
    );
    expect(text).toContain('key: customer_id, window_start, window_end');
    expect(text).toContain('emit: append');
  });

  it('S1: OVER with partition, order and frames', () => {
    const { text, tree } = explain(SEED_QUERIES.S1);
    expect(chain(tree)).toEqual(['Output', 'Project', 'OverWindow', 'Source trades']);
    expect(text).toContain('partition by: symbol');
    expect(text).toContain('function: AVG(price) ROWS BETWEEN 99 PRECEDING AND CURRENT ROW');
    expect(text).toContain('partitioning: hash(symbol)');
    expect(text).toMatch(/\n\s+moving_avg\n/);
  });

  it('S2: group aggregate, emit changes, keys', () => {
    const { text } = explain(SEED_QUERIES.S2);
    expect(text).toContain('GroupAggregate');
    expect(text).toContain('group by: trader_id, symbol');
    expect(text).toContain('aggregates: COUNT(*), AVG(price), SUM(quantity), SUM(price * quantity)');
    expect(text).toContain('emit: CHANGES');
    expect(text).toContain('key: trader_id, symbol');
    expect(text).toContain('partitioning: hash(trader_id, symbol)');
  });

  it('S3a: window, watermark and final emission', () => {
    const { text, tree } = explain(SEED_QUERIES.S3a);
    expect(chain(tree)).toEqual(['Output', 'Project', 'WindowAggregate', 'Source trades']);
    expect(text).toContain('window: TUMBLING (ts, 1m)');
    expect(text).toContain('emit: FINAL');
    expect(text).toContain('watermark = max(ts) - 0s');
    expect(text).toContain('key: trader_id, symbol, window_start');
  });

  it('a window aggregate read by a window Top-N builds only the rows that can rank', () => {
    const agg = `SELECT trader_id, symbol, window_start, window_end, SUM(quantity) AS volume FROM trades
      GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE) EMIT FINAL`;
    const top = (from: string): string =>
      `${SEED_QUERIES.S3a.slice(0, SEED_QUERIES.S3a.indexOf('SELECT'))}SELECT * FROM (SELECT *, ROW_NUMBER() OVER
      (PARTITION BY window_start, window_end, symbol ORDER BY volume DESC) AS rn FROM ${from}) WHERE rn <= 3;`;
    expect(explain(top(`(${agg})`)).text).toContain(
      'builds only rows that can make the Top-N: none that 3 rows of its window and symbol outrank by SUM(quantity) DESC',
    );
    // A step between them (here a filter) reads every row: nothing is left out.
    expect(explain(top(`(SELECT * FROM (${agg}) WHERE volume > 0)`)).text).not.toContain('make the Top-N');
  });

  it('grace, HAVING, DISTINCT, LIMIT and options', () => {
    const { text, tree } =
      explain(`CREATE STREAM trades (symbol VARCHAR, price DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
      WITH (keys = 5, max_out_of_order = '1s');
      SELECT DISTINCT symbol, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW SESSION (ts, 3s) GRACE PERIOD 1s HAVING COUNT(*) > 2 LIMIT 10`);
    expect(chain(tree)).toEqual([
      'Output',
      'Limit 10',
      'Distinct',
      'Project',
      'Filter',
      'WindowAggregate',
      'Source trades',
    ]);
    expect(text).toContain('window: SESSION (ts, 3s) GRACE PERIOD 1s');
    expect(text).toContain('HAVING count(*) > 2');
    expect(text).toContain('watermark = max(ts) - 2s');
    expect(text).toContain('options: keys=5, max_out_of_order=1000');
    expect(text).toContain('single partition: DISTINCT');
    expect(text).toContain('emit: changes');
  });

  it('a stream without generator says it needs a file', () => {
    expect(explain('CREATE STREAM f (ts TIMESTAMP, v DOUBLE); SELECT v FROM f').text).toContain(
      'generator: none',
    );
  });
});
