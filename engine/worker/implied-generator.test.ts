// Dialect §2: which generator or file feeds a stream is decided at run time. A
// stream that only shares a built-in generator's name (people call their own
// data `orders`) compiles against its DDL; a generator the script names is checked now.
import { describe, expect, it } from 'vitest';
import { createStreamSources } from './stream-source';
import { compileScript } from '../plan/compile';
import { explainPlan } from '../plan/explain';

const OWN =
  "CREATE STREAM orders (order_id BIGINT, customer VARCHAR, amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n" +
  'SELECT customer, COUNT(*) FROM orders GROUP BY customer;';

describe('a stream named like a built-in generator', () => {
  it('compiles against its own columns and needs a file to run', () => {
    const r = compileScript(OWN);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const src = r.plan!.sources[0]!;
    expect(src.generator).toBeNull();
    expect(src.columns.map((c) => c.name)).toContain('customer');
    expect(explainPlan(r.plan!).text).toMatch(/generator: none, the built-in `orders` has other columns/);
  });

  it('says at run time what is missing and offers a file or a generator', () => {
    const plan = compileScript(OWN).plan!;
    expect(() =>
      createStreamSources(plan, { partition: 0, partitions: 1, partitionColumns: null, inputs: {} }),
    ).toThrow(
      /^stream 'orders' has no file, and the built-in generator 'orders' cannot fill it \(it makes no `customer`, `amount`; it has order_id BIGINT, .*\): give it a file \(CSV or JSON lines\), or name a generator whose columns fit with WITH \(generator = '…'\)$/,
    );
  });

  it('keeps the generator when the columns fit it', () => {
    const r = compileScript(
      'CREATE STREAM orders (order_id BIGINT, total_amount DOUBLE, ts TIMESTAMP) WITH (total = 10);\nSELECT order_id FROM orders;',
    );
    expect(r.plan!.sources[0]!.generator).toBe('orders');
    expect(r.plan!.sources[0]!.generatorMismatch).toBeUndefined();
  });

  it('is checked at compile time where the script names the generator', () => {
    const r = compileScript(
      "CREATE STREAM mine (order_id BIGINT, customer VARCHAR, ts TIMESTAMP) WITH (generator = 'orders');\nSELECT customer FROM mine;",
    );
    expect(r.plan).toBeNull();
    const d = r.diagnostics.find((x) => x.message.includes('has no column `customer`'))!;
    expect([d.line, d.column, d.length]).toEqual([1, 38, 'customer'.length]);
  });
});
