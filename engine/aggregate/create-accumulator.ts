/** The one switch from an aggregate call of the plan to its accumulator. */
import type { AggCall } from '../plan/physical-plan';
import type { Accumulator } from './accumulator';
import {
  CountAccumulator,
  MinMaxAccumulator,
  SumAccumulator,
  VarianceAccumulator,
} from './numeric-accumulators';
import { CountDistinctAccumulator, FirstLastAccumulator, ValueMinMaxAccumulator } from './value-accumulators';

function isNumeric(call: AggCall): boolean {
  const t = call.arg?.type;
  return t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP';
}

export function createAccumulator(call: AggCall): Accumulator {
  if (call.distinct && call.fn !== 'MIN' && call.fn !== 'MAX') {
    if (call.fn !== 'COUNT')
      throw new Error(`${call.fn}(DISTINCT …) is not supported; only COUNT(DISTINCT …)`);
    return new CountDistinctAccumulator(call);
  }
  switch (call.fn) {
    case 'COUNT_STAR':
    case 'COUNT':
      return new CountAccumulator(call);
    case 'SUM':
    case 'AVG':
      return new SumAccumulator(call);
    case 'MIN':
    case 'MAX':
      return isNumeric(call) ? new MinMaxAccumulator(call) : new ValueMinMaxAccumulator(call);
    case 'STDDEV_SAMP':
    case 'STDDEV_POP':
    case 'VAR_SAMP':
    case 'VAR_POP':
      return new VarianceAccumulator(call);
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      return new FirstLastAccumulator(call);
  }
}
