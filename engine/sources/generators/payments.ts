/**
 * `payments`: the payments of `orders` (see payment-plan.ts for which order a
 * payment pays and when). A payment carries its order's customer_id and
 * total_amount, so with matching options the two streams agree row for row.
 */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { streamKey } from '../prng';
import { type GeneratorDef, roundTo, rowIds, SALT, uniformsOf, weightedPicker } from './generator-def';
import { keyRankAt } from './key-rank';
import { orderAmount, orderAmountKey } from './orders';
import { paymentPlan } from './payment-plan';
import { listDomain } from './string-domain';
import { createKeySampler } from './zipf';

const METHODS = ['card', 'paypal', 'bank_transfer', 'apple_pay', 'voucher'];
const METHOD_WEIGHTS = [50, 22, 12, 12, 4];
/** The currencies payments are made in: the first four of `rates`. */
export const PAYMENT_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];
const CURRENCY_WEIGHTS = [45, 30, 15, 10];

export function paymentsGenerator(o: GeneratorOptions): GeneratorDef {
  const s = SALT.payments;
  const plan = paymentPlan(o);
  const customerOf = keyRankAt(createKeySampler(o.keys, o.skew), o.seed);
  const amountKey = orderAmountKey(o.seed);
  const methodKey = streamKey(o.seed, s + 3);
  const currencyKey = streamKey(o.seed, s + 4);
  const pickMethod = weightedPicker(METHOD_WEIGHTS);
  const pickCurrency = weightedPicker(CURRENCY_WEIGHTS);
  return {
    stream: findBuiltinStream('payments')!,
    columns: [
      {
        name: 'payment_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => rowIds(r, n, out, 1),
      },
      {
        name: 'order_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = plan.orderOf(r.i[j]!) + 1;
        },
      },
      {
        name: 'customer_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = customerOf(plan.orderOf(r.i[j]!)) + 1;
        },
      },
      {
        name: 'amount',
        type: 'DOUBLE',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = roundTo(orderAmount(amountKey, plan.orderOf(r.i[j]!)), 2);
        },
      },
      {
        name: 'method',
        type: 'VARCHAR',
        domain: listDomain(METHODS),
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(methodKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = pickMethod(out[j]!);
        },
        draw: { from: 'uniform', key: methodKey, levels: METHODS.length, value: pickMethod },
      },
      {
        name: 'currency',
        type: 'VARCHAR',
        domain: listDomain(PAYMENT_CURRENCIES),
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(currencyKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = pickCurrency(out[j]!);
        },
        draw: { from: 'uniform', key: currencyKey, levels: PAYMENT_CURRENCIES.length, value: pickCurrency },
      },
      {
        name: 'ts',
        type: 'TIMESTAMP',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => out.set(r.ts.subarray(0, n)),
      },
    ],
  };
}
