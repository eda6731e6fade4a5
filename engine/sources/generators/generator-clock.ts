/**
 * A generated stream's arrival clock (see `arrival-clock.ts`), straight from
 * its time model: row i arrives at its base time, and M(n) comes from the
 * model's scan back — so any partition knows the whole stream's watermark at
 * any point without generating a row.
 */
import { resolveGeneratorOptions } from '../../core/stream-options';
import type { SourceSpec } from '../../plan/physical-plan';
import { linearRowsUpTo, type ArrivalClock } from '../arrival-clock';
import { createTimeModel } from './event-time';
import { eventTimeOptions } from './event-time-options';

export function generatorClock(spec: SourceSpec): ArrivalClock {
  const o = eventTimeOptions(resolveGeneratorOptions(spec.generator ?? spec.stream, spec.options));
  const model = createTimeModel(o, spec.watermarkDelay);
  const { start_time: start, event_step: step } = o;
  const total = o.total;
  // The last M(n) computed: the next is usually a few rows on, found from it by a short scan back.
  let lastN = 0;
  let lastM = -Infinity;
  return {
    total,
    maxGap: Math.ceil(step) + 1,
    ...(step > 0 ? { linear: { start, step, inOrder: o.late + o.out_of_order === 0 } } : {}),
    arrivalOf: (n) => model.base(n),
    arrivalOfSeq: (seq) => model.base(seq),
    rowsArrived(t, inclusive) {
      if (t === Infinity) return total ?? Infinity;
      if (t === -Infinity) return 0;
      const limit = inclusive ? t : t - 1;
      if (step <= 0) return limit >= Math.floor(start) ? (total ?? Infinity) : 0;
      return linearRowsUpTo(start, step, total ?? Infinity, limit);
    },
    maxTsOf(n) {
      if (n <= 0) return -Infinity;
      const m = n >= lastN ? model.maxFrom(lastN, lastM, n) : model.maxFrom(0, -Infinity, n);
      lastN = n;
      lastM = m;
      return m;
    },
  };
}
