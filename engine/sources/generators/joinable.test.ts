/**
 * The joinable generators keep their promises to the streams they join
 * (issue #15): payments name existing orders and come after them, with exact
 * fractions paid on time, late and never; a click follows its impression;
 * rates is a versioned table with a first version of every currency.
 */
import { describe, expect, it } from 'vitest';
import type { Value } from '../../core/types';
import { builtinSourceSpec } from './builtin-source-spec';
import { drainSource } from './drain-source';
import { IMPRESSIONS_PER_CLICK, LEAD_MS } from './impression-plan';
import { createGeneratorSource } from './index';
import { LATE_MS, PAYMENT_FRACTIONS } from './payment-plan';

function table(stream: string, options: Record<string, number>): Record<string, Value[]> {
  const spec = builtinSourceSpec(stream, options);
  const d = drainSource(createGeneratorSource(spec), spec.columns.length, 1000);
  return Object.fromEntries(spec.columns.map((f, k) => [f.name, d.columns[k]!]));
}

describe('payments pay orders', () => {
  // 200 ms steps: blocks of 10 orders (2 s), late payments 10 blocks on; 100 ms: 20, 10 blocks; 1 ms: 1000, 20.
  it.each([200, 100, 1])(
    'event_step %i: existing orders, after them, each once, in exact fractions',
    (step) => {
      const o = { keys: 7, skew: 0.8, event_step: step, seed: 5 };
      const payments = step === 1 ? 64_000 : 24_000;
      const orders = table('orders', { ...o, total: payments * 1.25 });
      const pay = table('payments', { ...o, total: payments });
      const byId = new Map<number, number>();
      (orders['order_id'] as number[]).forEach((id, k) => byId.set(id, k));
      const paid = new Map<number, number>();
      let late = 0;
      pay['order_id']!.forEach((id, k) => {
        const row = byId.get(id as number)!;
        expect(row).toBeDefined();
        expect(paid.has(id as number)).toBe(false);
        paid.set(id as number, k);
        expect(pay['customer_id']![k]).toBe(orders['customer_id']![row]);
        expect(pay['amount']![k]).toBe(orders['total_amount']![row]);
        const delay = (pay['ts']![k] as number) - (orders['ts']![row] as number);
        expect(delay).toBeGreaterThanOrEqual(1000);
        if (delay >= LATE_MS) late++;
        else expect(delay).toBeLessThan(1000 + 4 * Math.max(2000, 10 * step));
      });
      // Past the first late payments, each stretch of orders is paid in the exact fractions.
      const K = Math.round(Math.min(100, Math.max(1, Math.round(2000 / (10 * step)))) * 10);
      const lateFrom = Math.ceil(LATE_MS / (K * step)) * K;
      const lastPaid = payments * 1.25;
      let onTime = 0;
      let paidLate = 0;
      let never = 0;
      // Orders in whole blocks whose late payments are inside the stream too.
      for (let id = lateFrom + 1; id <= lastPaid - lateFrom; id++) {
        if (!paid.has(id)) never++;
        else {
          const k = paid.get(id)!;
          const delay = (pay['ts']![k] as number) - (orders['ts']![byId.get(id)!] as number);
          if (delay >= LATE_MS) paidLate++;
          else onTime++;
        }
      }
      const all = onTime + paidLate + never;
      expect(onTime / all).toBe(PAYMENT_FRACTIONS.onTime);
      expect(paidLate / all).toBe(PAYMENT_FRACTIONS.late);
      expect(never / all).toBe(PAYMENT_FRACTIONS.never);
      expect(late).toBeGreaterThan(0);
    },
  );

  it('which orders are paid, and when, is a function of the seed', () => {
    const o = { total: 2000, event_step: 100, seed: 1 };
    const a = table('payments', o);
    expect(table('payments', o)).toEqual(a);
    const b = table('payments', { ...o, seed: 2 });
    expect(b['order_id']).not.toEqual(a['order_id']);
    // The payment times do not depend on the seed: row i at 3 s + i · 125 ms.
    expect(b['ts']).toEqual(a['ts']);
    expect(a['ts']!.slice(0, 3)).toEqual([3000, 3125, 3250]);
  });
});

describe('impressions precede clicks', () => {
  it('one impression in four is followed about 2 s later by a click of the same user', () => {
    const o = { keys: 9, skew: 1.1, event_step: 100, seed: 8 };
    const clicks = table('clicks', { ...o, total: 3000 });
    const imps = table('impressions', { ...o, total: 3000 * IMPRESSIONS_PER_CLICK });
    const lead = LEAD_MS / 100;
    let matched = 0;
    for (let c = lead; c < 3000; c++) {
      const t = clicks['ts']![c] as number;
      const user = clicks['user_id']![c];
      // Its impression is in group c − lead: rows [4(c − lead), 4(c − lead) + 4).
      const g = c - lead;
      const found = [0, 1, 2, 3].some((q) => {
        const i = IMPRESSIONS_PER_CLICK * g + q;
        const dt = t - (imps['ts']![i] as number);
        return imps['user_id']![i] === user && dt > LEAD_MS - 100 && dt <= LEAD_MS;
      });
      if (found) matched++;
    }
    expect(matched).toBe(3000 - lead);
    // The others go to all users alike, not only to clickers.
    expect(new Set(imps['user_id']).size).toBe(9);
    expect(imps['ts']!.slice(0, 3)).toEqual([0, 25, 50]);
  });
});

describe('rates is a versioned table', () => {
  it('starts with a version of every currency, EUR stays 1, the others move a little', () => {
    const r = table('rates', { keys: 5, total: 400, event_step: 2000, seed: 4 });
    expect(r['currency']!.slice(0, 5)).toEqual(['EUR', 'USD', 'GBP', 'CHF', 'JPY']);
    expect(new Set(r['currency'])).toEqual(new Set(['EUR', 'USD', 'GBP', 'CHF', 'JPY']));
    const of = (c: string): number[] =>
      r['rate']!.filter((_, k) => r['currency']![k] === c).map((x) => x as number);
    expect(new Set(of('EUR'))).toEqual(new Set([1]));
    const usd = of('USD');
    expect(new Set(usd).size).toBeGreaterThan(usd.length / 2);
    for (let k = 1; k < usd.length; k++) expect(Math.abs(usd[k]! / usd[k - 1]! - 1)).toBeLessThan(0.03);
    expect(usd.every((x) => x > 0.8 && x < 1.05)).toBe(true);
  });
});
