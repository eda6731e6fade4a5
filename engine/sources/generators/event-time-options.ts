/**
 * The options a generator's event-time model runs on. Most streams put row i
 * at start_time + i · event_step; streams made to join another one derive
 * their own from that one's options (a payment comes after its order, four
 * impressions per click), so the stream and its arrival clock must both ask here.
 */
import type { GeneratorOptions } from '../../core/stream-options';
import { impressionPlan } from './impression-plan';
import { paymentPlan } from './payment-plan';

export function eventTimeOptions(o: GeneratorOptions): GeneratorOptions {
  switch (o.generator) {
    case 'payments':
      return paymentPlan(o).time;
    case 'impressions':
      return impressionPlan(o).time;
    default:
      return o;
  }
}
