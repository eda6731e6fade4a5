/** `orders`: customer_id is the key; order ids count up; amounts are log-normal. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { type QuantileSampler, quantileSampler, streamKey } from '../prng';
import {
  copyKeys,
  type GeneratorDef,
  quantilesOf,
  rowIds,
  SALT,
  uniformsOf,
  weightedPicker,
} from './generator-def';
import { QUANTILE_CENTS } from '../uniform-kernel';
import { listDomain } from './string-domain';

const STATUSES = ['NEW', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RETURNED'];
const STATUS_WEIGHTS = [30, 30, 20, 12, 6, 2];
/** Median order value; log-normal with σ = 0.9 puts ~29 % of orders above 100. */
const MEDIAN_AMOUNT = 60;

/** Order row i's total_amount is orderAmount(orderAmountKey(seed), i), rounded to cents: `payments` pays it. */
export const orderAmount: QuantileSampler = quantileSampler((z) => MEDIAN_AMOUNT * Math.exp(0.9 * z));
export const orderAmountKey = (seed: number): number => streamKey(seed, SALT.orders + 2);

export function ordersGenerator(o: GeneratorOptions): GeneratorDef {
  const s = SALT.orders;
  const statusKey = streamKey(o.seed, s + 1);
  const amountKey1 = orderAmountKey(o.seed);
  const pickStatus = weightedPicker(STATUS_WEIGHTS);
  return {
    stream: findBuiltinStream('orders')!,
    columns: [
      {
        name: 'order_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => rowIds(r, n, out, 1),
      },
      {
        name: 'customer_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => copyKeys(r.key, n, out, 1),
        draw: { from: 'key', value: (k) => k + 1 },
      },
      {
        name: 'status',
        type: 'VARCHAR',
        domain: listDomain(STATUSES),
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(statusKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = pickStatus(out[j]!);
        },
        draw: { from: 'uniform', key: statusKey, levels: STATUSES.length, value: pickStatus },
      },
      {
        name: 'total_amount',
        type: 'DOUBLE',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          quantilesOf(orderAmount, amountKey1, r, n, out, QUANTILE_CENTS);
        },
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
