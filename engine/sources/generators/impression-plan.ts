/**
 * Which impressions of `impressions` lead to a click of `clicks`: with the
 * same seed, keys, skew, event_step and start_time, row c of clicks belongs to
 * user rank key(c) (every generator draws row i's key rank alike). Impressions
 * come four per click step (event_step / 4 apart); in each group of four, one
 * seeded pick is the ad that click c = group + LEAD_ROWS answers, shown to the
 * same user about LEAD_MS earlier. The other three go to users drawn from
 * the same key distribution, on their own counter.
 */
import type { GeneratorOptions } from '../../core/stream-options';
import { streamKey, uniformAt } from '../prng';
import { SALT } from './generator-def';

/** Impressions per click row. */
export const IMPRESSIONS_PER_CLICK = 4;
/** How long before its click a clicked impression is shown, about (rounded to whole click steps). */
export const LEAD_MS = 2000;

export interface ImpressionPlan {
  /** The event-time options of the impression stream. */
  readonly time: GeneratorOptions;
  /** The clicks row impression row i leads to, or −1 when it is not clicked. */
  clickOf(i: number): number;
}

export function impressionPlan(o: GeneratorOptions): ImpressionPlan {
  const step = o.event_step;
  const lead = step > 0 ? Math.round(LEAD_MS / step) : 0;
  const pickKey = streamKey(o.seed, SALT.impressions + 1);
  return {
    time: { ...o, event_step: step / IMPRESSIONS_PER_CLICK },
    clickOf(i) {
      const g = Math.floor(i / IMPRESSIONS_PER_CLICK);
      const q = Math.floor(uniformAt(pickKey, g) * IMPRESSIONS_PER_CLICK);
      return i - g * IMPRESSIONS_PER_CLICK === q ? g + lead : -1;
    },
  };
}
