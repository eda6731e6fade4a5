/**
 * How far an operator's output watermark stays behind its inputs': an
 * interval join holds it back by max(−lower, upper), as Flink does (its
 * KeyedCoProcessOperatorWithWatermarkDelay). A pair leaves the join carrying
 * a time that may be that far behind the inputs' watermark, so what reads the
 * join (a window over its rows, another join) must not yet have passed it.
 * The join itself judges its own inputs on the watermark that is not held back.
 */
import type { PhysicalOperator } from './physical-plan';

export function outputHoldBack(op: PhysicalOperator | null): number {
  if (op?.kind !== 'join' || op.strategy.kind !== 'interval') return 0;
  return Math.max(0, -op.strategy.lower, op.strategy.upper);
}
