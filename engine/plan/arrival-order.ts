/**
 * Whether a plan's rows must meet in arrival order (see `arrival-clock.ts`):
 * when it reads several streams, or one stream more than once (a join or a
 * union of a stream with itself) — an operator with several inputs orders
 * its rows by their arrival keys, and so needs every source's clock.
 */
import type { MultiInputOp, PhysicalOperator, PhysicalPlan } from './physical-plan';

export function isMultiInput(op: PhysicalOperator): op is MultiInputOp {
  return op.kind === 'union' || op.kind === 'join';
}

export function needsArrivalOrder(plan: PhysicalPlan): boolean {
  return plan.sources.length > 1 || plan.nodes.some((n) => isMultiInput(n.op));
}
