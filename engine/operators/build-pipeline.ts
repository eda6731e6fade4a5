/** The one exhaustive switch from plan operators to running operators. */
import type { Schema } from '../core/types';
import { columnsRead } from '../expr/columns-read';
import type { Expr, PlanNode } from '../plan/physical-plan';
import { DistinctOperator } from './distinct-operator';
import { FilterOperator } from './filter-operator';
import { GroupAggregateOperator } from './group-aggregate-operator';
import { LimitOperator } from './limit-operator';
import type { Operator, OperatorContext } from './operator';
import { OverWindowOperator } from './over-window-operator';
import { ProjectOperator } from './project-operator';
import { SessionAggregateOperator } from './session-aggregate-operator';
import { WindowAggregateOperator } from './window-aggregate-operator';
import { WindowAssignOperator } from './window-assign-operator';
import { DeduplicateOperator } from './deduplicate-operator';
import { TopNOperator } from './top-n-operator';
import { WindowTopNOperator } from './window-top-n-operator';
import { preselectSpec } from '../plan/preselect-spec';

export interface Stage {
  readonly operator: Operator;
  /** Schema of the rows this stage receives. */
  readonly input: Schema;
  readonly output: Schema;
  /** The plan nodes this stage runs (two when a filter is fused into the projection after it). */
  readonly nodes: readonly number[];
  /**
   * Rows the stage's operator computed but did not hand on, as the nodes after it could not use
   * them (WindowPreselect): still counted as rows out of `nodes`, this stage's and the next ones'.
   */
  readonly withheld?: { readonly nodes: readonly number[]; readonly rows: () => number };
}

/**
 * Running operators for a chain of single-input plan nodes (`chain[k + 1]` reads `chain[k]`),
 * whose first node reads rows of schema `input` with the event-time attribute at `inputTime`.
 * A filter right before a projection is fused into it.
 */
export function buildChain(
  nodes: readonly PlanNode[],
  chain: readonly number[],
  input: Schema,
  inputTime: number | null,
  ctx: OperatorContext,
): Stage[] {
  const stages: Stage[] = [];
  // Where the event-time column is in the current stage's input (FIRST/LAST_VALUE order by it).
  let time = inputTime;
  let pending: { predicate: Expr; input: Schema; node: number } | null = null;
  for (let k = 0; k < chain.length; k++) {
    const id = chain[k]!;
    const node = nodes[id]!;
    const op = node.op;
    const next = chain[k + 1] === undefined ? undefined : nodes[chain[k + 1]!]!.op;
    const names = input.map((f) => f.name);
    let operator: Operator;
    let covers: number[] = [id];
    let stageInput = input;
    let withheld: Stage['withheld'];
    switch (op.kind) {
      case 'filter':
        if (next?.kind === 'project' && pending === null) {
          pending = { predicate: op.predicate, input, node: id };
          input = node.schema;
          time = node.time;
          continue;
        }
        operator = new FilterOperator(op, ctx.outputArrays);
        break;
      case 'project':
        operator = new ProjectOperator(op, pending?.predicate ?? null, ctx.outputArrays);
        if (pending !== null) {
          stageInput = pending.input;
          covers = [pending.node, id];
        }
        pending = null;
        break;
      case 'windowAggregate': {
        if (op.window.kind === 'session') {
          operator = new SessionAggregateOperator(op, names, ctx);
          break;
        }
        const after = chain.slice(k + 1);
        const spec = preselectSpec(
          op,
          after.map((n) => nodes[n]!.op),
        );
        const agg = new WindowAggregateOperator(op, names, ctx, spec);
        const pre = agg.preselect;
        // The aggregate and the projections up to the Top-N would have passed the rows on.
        if (spec !== null && pre !== null)
          withheld = { nodes: [id, ...after.slice(0, spec.projections)], rows: () => pre.withheld };
        operator = agg;
        break;
      }
      case 'groupAggregate':
        operator = new GroupAggregateOperator(op, ctx, time);
        break;
      case 'overWindow': {
        // A projection right after it reads only some input columns: the others need not be held or copied.
        const read = next?.kind === 'project' ? columnsRead(next.exprs) : null;
        operator = new OverWindowOperator(
          op,
          names,
          ctx,
          read === null ? null : names.map((_, c) => read.has(c)),
        );
        break;
      }
      case 'windowTopN':
        operator = new WindowTopNOperator(op, input, names, ctx);
        break;
      case 'topN':
        operator = new TopNOperator(op, input, ctx);
        break;
      case 'deduplicate':
        operator = new DeduplicateOperator(op, input, names, ctx);
        break;
      case 'distinct':
        operator = new DistinctOperator(input, ctx);
        break;
      case 'limit':
        operator = new LimitOperator(op);
        break;
      case 'windowAssign':
        operator = new WindowAssignOperator(op, names, ctx);
        break;
      case 'union':
      case 'join':
        throw new Error(
          `${op.kind} has several inputs: it heads a chain (buildMultiInput), it is not a stage`,
        );
      default: {
        const never: never = op;
        throw new Error(`unknown operator ${JSON.stringify(never)}`);
      }
    }
    stages.push({
      operator,
      input: stageInput,
      output: node.schema,
      nodes: covers,
      ...(withheld ? { withheld } : {}),
    });
    input = node.schema;
    time = node.time;
  }
  return stages;
}
