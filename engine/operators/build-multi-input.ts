/** The one exhaustive switch from plan operators with several inputs to running operators. */
import type { Schema } from '../core/types';
import type { MultiInputOp } from '../plan/physical-plan';
import type { MultiInputOperator, OperatorContext } from './operator';
import { UnionOperator } from './union-operator';

export function buildMultiInput(
  op: MultiInputOp,
  _inputs: readonly Schema[],
  _ctx: OperatorContext,
): MultiInputOperator {
  switch (op.kind) {
    case 'union':
      return new UnionOperator(op);
  }
}
