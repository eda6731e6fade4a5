/** The one exhaustive switch from plan operators with several inputs to running operators. */
import type { Schema } from '../core/types';
import { columnsRead } from '../expr/columns-read';
import type { MultiInputOp, PhysicalOperator } from '../plan/physical-plan';
import { IntervalJoinOperator } from './interval-join-operator';
import type { MultiInputOperator, OperatorContext } from './operator';
import { RegularJoinOperator } from './regular-join-operator';
import { TemporalJoinOperator } from './temporal-join-operator';
import { UnionOperator } from './union-operator';
import { WindowJoinOperator } from './window-join-operator';

/**
 * `names`: what to call each input in messages (its streams' names); `next`: the node after it in
 * its chain (its only reader), if any.
 */
export function buildMultiInput(
  op: MultiInputOp,
  inputs: readonly Schema[],
  names: readonly string[],
  ctx: OperatorContext,
  next?: PhysicalOperator,
): MultiInputOperator {
  switch (op.kind) {
    case 'union':
      return new UnionOperator(op);
    case 'join': {
      const pair = [names[0] ?? 'left', names[1] ?? 'right'] as const;
      switch (op.strategy.kind) {
        case 'interval': {
          // A projection right after it reads only some columns: the others need not be held or copied.
          const read = next?.kind === 'project' ? columnsRead(next.exprs) : null;
          const used = read === null ? null : op.schema.map((_, c) => read.has(c));
          return new IntervalJoinOperator(op, inputs, pair, ctx, used);
        }
        case 'window':
          return new WindowJoinOperator(op, inputs, pair, ctx);
        case 'temporal':
          return new TemporalJoinOperator(op, inputs, pair, ctx);
        case 'regular':
          return new RegularJoinOperator(op, inputs, ctx);
      }
    }
  }
}
