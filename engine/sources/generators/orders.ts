/** `orders`: customer_id is the key; order ids count up; amounts are log-normal. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { gaussianAt, streamKey, uniformAt } from '../prng';
import { type GeneratorDef, roundTo, SALT, weightedPicker } from './generator-def';
import { listDomain } from './string-domain';

const STATUSES = ['NEW', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RETURNED'];
const STATUS_WEIGHTS = [30, 30, 20, 12, 6, 2];
/** Median order value; log-normal with σ = 0.9 puts ~29 % of orders above 100. */
const MEDIAN_AMOUNT = 60;

export function ordersGenerator(o: GeneratorOptions): GeneratorDef {
  const s = SALT.orders;
  const statusKey = streamKey(o.seed, s + 1);
  const amountKey1 = streamKey(o.seed, s + 2);
  const amountKey2 = streamKey(o.seed, s + 3);
  const pickStatus = weightedPicker(STATUS_WEIGHTS);
  const logMedian = Math.log(MEDIAN_AMOUNT);
  return {
    stream: findBuiltinStream('orders')!,
    columns: [
      { name: 'order_id', type: 'BIGINT', domain: null, value: (r) => r.i + 1 },
      { name: 'customer_id', type: 'BIGINT', domain: null, value: (r) => r.key + 1 },
      { name: 'status', type: 'VARCHAR', domain: listDomain(STATUSES), value: (r) => pickStatus(uniformAt(statusKey, r.i)) },
      {
        name: 'total_amount',
        type: 'DOUBLE',
        domain: null,
        value: (r) => roundTo(Math.exp(logMedian + 0.9 * gaussianAt(amountKey1, amountKey2, r.i)), 2),
      },
      { name: 'ts', type: 'TIMESTAMP', domain: null, value: (r) => r.ts },
    ],
  };
}
