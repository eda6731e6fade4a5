/**
 * The joinable generators (issue #15) joined in SQL, through the run path the
 * app uses: each join finds the matches the generators promise — counted
 * against the generated rows themselves — and partitioned runs agree.
 */
import { describe, expect, it } from 'vitest';
import type { Row, Value } from '../core/types';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { builtinSourceSpec } from '../sources/generators/builtin-source-spec';
import { drainSource } from '../sources/generators/drain-source';
import { createGeneratorSource } from '../sources/generators/index';
import { inProcessConnection } from './engine-client';
import { collect, multiset } from './variants-equal.suite';

const clock = (): number => performance.timeOrigin + performance.now();
const env = () => ({ createEngine: () => inProcessConnection(clock), clock });

const ORDERS = 2500;
const PAYMENTS = 2000; // 8 per 10 orders: the same stretch of event time
const OPTS = "keys = 20, event_step = '100ms', seed = 3";
const NUM = { keys: 20, event_step: 100, seed: 3 };
const DDL = `CREATE STREAM orders (order_id BIGINT, customer_id BIGINT, total_amount DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = ${ORDERS}, ${OPTS});
CREATE STREAM payments (payment_id BIGINT, order_id BIGINT, amount DOUBLE, currency VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (total = ${PAYMENTS}, ${OPTS});
CREATE STREAM rates (currency VARCHAR, rate DOUBLE, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND, PRIMARY KEY (currency) NOT ENFORCED)
  WITH (total = 260, keys = 4, event_step = '1s', seed = 3);
`;

function plan(sql: string): PhysicalPlan {
  const r = compileScript(DDL + sql);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (r.plan === null || errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return r.plan;
}

function rows(stream: string, options: Record<string, number>): Row[] {
  const spec = builtinSourceSpec(stream, options);
  const d = drainSource(createGeneratorSource(spec), spec.columns.length, 4096);
  return d.seq.map((_, k) => Object.fromEntries(spec.columns.map((f, c) => [f.name, d.columns[c]![k]!])));
}

/** The join's rows, direct and partitioned (the same multiset), without ops. */
async function run(sql: string): Promise<Row[]> {
  const p = plan(sql);
  const direct = await collect(p, { variant: 'direct', batchSize: 256 }, env());
  expect(direct.summary.error).toBeUndefined();
  expect(direct.summary.late).toBe(0);
  const parts = await collect(
    p,
    { variant: 'partitioned', partitions: 2, source: 'local', batchSize: 100 },
    env(),
  );
  expect(multiset(parts.rows)).toEqual(multiset(direct.rows));
  return direct.rows.map(({ op: _op, ...r }) => r);
}

const orders = rows('orders', { ...NUM, total: ORDERS });
const payments = rows('payments', { ...NUM, total: PAYMENTS });
const orderById = new Map(orders.map((o) => [o['order_id'], o]));
const delayOf = (p: Row): number | null => {
  const o = orderById.get(p['order_id']);
  return o === undefined ? null : (p['ts'] as number) - (o['ts'] as number);
};

describe('orders ⋈ payments', () => {
  const within10s = payments.filter((p) => {
    const d = delayOf(p);
    return d !== null && d <= 10_000;
  });

  it('an interval join of 10 s finds the payments made in time, and only those', async () => {
    const out = await run(`SELECT o.order_id, o.total_amount, p.payment_id, p.amount
FROM orders o JOIN payments p ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;`);
    expect(out.length).toBe(within10s.length);
    expect(out.length).toBeGreaterThan(0.7 * ORDERS);
    expect(out.length).toBeLessThan(0.85 * ORDERS);
    for (const r of out) expect(r['amount']).toBe(r['total_amount']);
    expect(new Set(out.map((r) => r['payment_id']))).toEqual(new Set(within10s.map((p) => p['payment_id'])));
  });

  it('a LEFT interval join keeps the unpaid and the late-paid orders, NULL-padded', async () => {
    const out = await run(`SELECT o.order_id, p.payment_id
FROM orders o LEFT JOIN payments p ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;`);
    expect(out.length).toBe(ORDERS);
    const unmatched = out.filter((r) => r['payment_id'] === null);
    expect(unmatched.length).toBe(ORDERS - within10s.length);
    // Both kinds: never paid, and paid but too late for the bound.
    const paidIds = new Set(payments.map((p) => p['order_id']));
    expect(unmatched.some((r) => paidIds.has(r['order_id']))).toBe(true);
    expect(unmatched.some((r) => !paidIds.has(r['order_id']))).toBe(true);
  });

  it('a tumbling window join matches an order and its payment in the same 10 s window', async () => {
    const out = await run(`SELECT O.order_id, O.window_start, P.payment_id
FROM (SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))) O
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '10' SECOND))) P
  ON O.order_id = P.order_id AND O.window_start = P.window_start AND O.window_end = P.window_end;`);
    const win = (t: Value): number => Math.floor((t as number) / 10_000);
    const same = payments.filter((p) => {
      const o = orderById.get(p['order_id']);
      return o !== undefined && win(o['ts']!) === win(p['ts']!);
    });
    expect(out.length).toBe(same.length);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(within10s.length);
  });
});

describe('payments ⋈ rates', () => {
  const rates = rows('rates', { keys: 4, event_step: 1000, seed: 3, total: 260 });
  /** The rate of a currency valid at t: its last version at or before t. */
  const rateAt = (c: Value, t: number): Value => {
    let v: Value = null;
    for (const r of rates) if (r['currency'] === c && (r['ts'] as number) <= t) v = r['rate']!;
    return v;
  };

  it('a temporal join takes the version valid at each payment', async () => {
    const out = await run(`SELECT p.payment_id, p.currency, r.rate, p.amount * r.rate AS eur
FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency;`);
    expect(out.length).toBe(PAYMENTS);
    const byId = new Map(payments.map((p) => [p['payment_id'], p]));
    for (const r of out)
      expect(r['rate']).toBe(rateAt(r['currency']!, byId.get(r['payment_id'])!['ts'] as number));
    // The rates did change while payments came: a currency got several rates.
    expect(new Set(out.filter((r) => r['currency'] === 'USD').map((r) => r['rate'])).size).toBeGreaterThan(5);
  });

  it('a regular join pairs each payment with every version of its currency', async () => {
    const out = await run(
      `SELECT p.payment_id, r.rate FROM payments p JOIN rates r ON p.currency = r.currency;`,
    );
    const versions = new Map<Value, number>();
    for (const r of rates) versions.set(r['currency']!, (versions.get(r['currency']!) ?? 0) + 1);
    const expected = payments.reduce((n, p) => n + versions.get(p['currency']!)!, 0);
    expect(out.length).toBe(expected);
    expect(out.length).toBeGreaterThan(20 * PAYMENTS);
  });
});

describe('clicks ⋈ impressions', () => {
  it('an interval join finds the impression before each click', async () => {
    const sql = `CREATE STREAM clicks (user_id BIGINT, page VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (total = 600, keys = 50, event_step = '100ms', seed = 9);
CREATE STREAM impressions (impression_id BIGINT, user_id BIGINT, ad_id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (total = 2400, keys = 50, event_step = '100ms', seed = 9);
SELECT c.user_id, c.ts, i.impression_id, i.ad_id
FROM clicks c JOIN impressions i ON c.user_id = i.user_id AND c.ts BETWEEN i.ts AND i.ts + INTERVAL '3' SECOND;`;
    const r = compileScript(sql);
    expect(r.plan).not.toBeNull();
    const out = (await collect(r.plan!, { variant: 'direct' }, env())).rows;
    const o = { keys: 50, event_step: 100, seed: 9 };
    const clicks = rows('clicks', { ...o, total: 600 });
    const imps = rows('impressions', { ...o, total: 2400 });
    let pairs = 0;
    const clicked = new Set<number>();
    clicks.forEach((c, k) => {
      for (const i of imps) {
        const dt = (c['ts'] as number) - (i['ts'] as number);
        if (i['user_id'] === c['user_id'] && dt >= 0 && dt <= 3000) {
          pairs++;
          clicked.add(k);
        }
      }
    });
    expect(out.length).toBe(pairs);
    // Every click after the first 2 s answers an impression (with 50 users, chance alone would miss many).
    for (let k = 20; k < 600; k++) expect(clicked.has(k)).toBe(true);
  });
});
