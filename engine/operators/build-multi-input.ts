/** The one exhaustive switch from plan operators with several inputs to running operators. */
import type { Schema } from '../core/types';
import type { MultiInputOp } from '../plan/physical-plan';
import { IntervalJoinOperator } from './interval-join-operator';
import type { MultiInputOperator, OperatorContext } from './operator';
import { UnionOperator } from './union-operator';

/** `names`: what to call each input in messages (its streams' names). */
export function buildMultiInput(
  op: MultiInputOp,
  inputs: readonly Schema[],
  names: readonly string[],
  ctx: OperatorContext,
): MultiInputOperator {
  switch (op.kind) {
    case 'union':
      return new UnionOperator(op);
    case 'join': {
      const pair = [names[0] ?? 'left', names[1] ?? 'right'] as const;
      switch (op.strategy.kind) {
        case 'interval':
          return new IntervalJoinOperator(op, inputs, pair, ctx);
        default:
          throw new Error(`${op.strategy.kind} joins are not built yet`);
      }
    }
  }
}
