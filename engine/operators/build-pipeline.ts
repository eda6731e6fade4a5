/** The one exhaustive switch from plan operators to running operators. */
import type { Schema } from '../core/types';
import { columnsRead } from '../expr/columns-read';
import type { Expr, PhysicalOperator } from '../plan/physical-plan';
import { DistinctOperator } from './distinct-operator';
import { FilterOperator } from './filter-operator';
import { GroupAggregateOperator } from './group-aggregate-operator';
import { LimitOperator } from './limit-operator';
import type { Operator, OperatorContext } from './operator';
import { OverWindowOperator } from './over-window-operator';
import { ProjectOperator } from './project-operator';
import { SessionAggregateOperator } from './session-aggregate-operator';
import { WindowAggregateOperator } from './window-aggregate-operator';

export interface Stage {
  readonly operator: Operator;
  /** Schema of the rows this stage receives. */
  readonly input: Schema;
  readonly output: Schema;
}

/** Output schema of a plan operator given its input schema. */
export function outputSchema(op: PhysicalOperator, input: Schema): Schema {
  switch (op.kind) {
    case 'filter':
    case 'distinct':
    case 'limit':
      return input;
    case 'project':
    case 'windowAggregate':
    case 'groupAggregate':
    case 'overWindow':
      return op.schema;
  }
}

/** Running operators for a pipeline. A filter right before a projection is fused into it. */
export function buildPipeline(
  pipeline: readonly PhysicalOperator[],
  source: Schema,
  ctx: OperatorContext,
  sourceTime: number | null = null,
): Stage[] {
  const stages: Stage[] = [];
  let input = source;
  // Where the event-time column is in the current stage's input (FIRST/LAST_VALUE order by it).
  let time: number | null = sourceTime;
  let pending: Expr | null = null;
  let pendingInput: Schema = source;
  for (let k = 0; k < pipeline.length; k++) {
    const op = pipeline[k]!;
    const names = input.map((f) => f.name);
    let operator: Operator;
    switch (op.kind) {
      case 'filter':
        if (pipeline[k + 1]?.kind === 'project' && pending === null) {
          pending = op.predicate;
          pendingInput = input;
          continue;
        }
        operator = new FilterOperator(op);
        break;
      case 'project':
        operator = new ProjectOperator(op, pending);
        if (pending !== null) input = pendingInput;
        pending = null;
        break;
      case 'windowAggregate':
        operator =
          op.window.kind === 'session'
            ? new SessionAggregateOperator(op, names, ctx)
            : new WindowAggregateOperator(op, names, ctx);
        break;
      case 'groupAggregate':
        operator = new GroupAggregateOperator(op, ctx, time);
        break;
      case 'overWindow': {
        // A projection right after it reads only some input columns: the others need not be held or copied.
        const next = pipeline[k + 1];
        const read = next?.kind === 'project' ? columnsRead(next.exprs) : null;
        operator = new OverWindowOperator(
          op,
          names,
          ctx,
          read === null ? null : names.map((_, c) => read.has(c)),
        );
        break;
      }
      case 'distinct':
        operator = new DistinctOperator(input, ctx);
        break;
      case 'limit':
        operator = new LimitOperator(op);
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown operator ${JSON.stringify(never)}`);
      }
    }
    const output = outputSchema(op, input);
    stages.push({ operator, input, output });
    if (op.kind === 'project') {
      const at = op.exprs.findIndex((e) => e.kind === 'column' && e.index === time);
      time = at < 0 ? null : at;
    } else if (
      op.kind !== 'filter' &&
      op.kind !== 'distinct' &&
      op.kind !== 'limit' &&
      op.kind !== 'overWindow'
    )
      time = null;
    input = output;
  }
  return stages;
}
