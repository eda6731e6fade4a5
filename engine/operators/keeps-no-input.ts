/**
 * Whether a plan's operators keep none of an input batch's arrays once the
 * engine has taken the batch and its outputs were drained: a worker's own
 * loop may then give the batch's arrays back to the generators' pool
 * (core/batch-pool.ts), which spares Chromium a page fault per 4 KB written.
 *
 * Only the operators that can see the source's arrays matter: those reading
 * the source, and those reading an operator that may pass arrays on (a
 * filter that keeps every row passes its batch on, a projection its columns).
 * Aggregates build their output rows, so what follows them never sees a
 * source array. Listed by audit, not inferred: the operators below read a
 * batch during `onBatch` and copy what they keep (group keys are interned,
 * aggregates accumulated, over-window frames and late rows copied), and the
 * worker checksums and copies outputs before it gives the batch back. Joins,
 * unions, rankings, deduplication and LIMIT on the source's rows may hold
 * them across pushes, so those plans keep their batches' arrays to themselves.
 */
import type { PhysicalPlan, PlanNode } from '../plan/physical-plan';

type Kind = PlanNode['op']['kind'];

/**
 * Operators that copy what they keep of a batch they read and hold nothing they emit (new arrays,
 * or their input's passed on): the two audits, for `keepsNoInput` and `holdsNoOutput`, found the
 * same operators.
 */
const KEEP_NOTHING: ReadonlySet<Kind> = new Set<Kind>([
  'filter',
  'project',
  'groupAggregate',
  'windowAggregate',
  'windowAssign',
  'overWindow',
]);
/** Operators whose output shares no array with their input. */
const BUILDS_OUTPUT: ReadonlySet<Kind> = new Set<Kind>(['groupAggregate', 'windowAggregate']);

export function keepsNoInput(plan: PhysicalPlan): boolean {
  if (plan.sources.length !== 1) return false;
  /** Per node: whether its output may share the source's arrays. */
  const passes: boolean[] = [];
  return plan.nodes.every((node, k) => {
    const sees = node.inputs.some((i) => i.kind === 'source' || passes[i.index]!);
    passes[k] = sees && !BUILDS_OUTPUT.has(node.op.kind);
    return !sees || KEEP_NOTHING.has(node.op.kind);
  });
}

/**
 * Whether a worker may give the engine's output arrays back to the pool once it has checksummed
 * and copied them: no operator holds a source array (`keepsNoInput`), and none holds what it
 * emitted. Their outputs then come from the pool (`OperatorContext.outputArrays`). The arrays of
 * the batch just pushed, which an output may pass on, go back with that batch (worker-run.ts).
 */
export function holdsNoOutput(plan: PhysicalPlan): boolean {
  return keepsNoInput(plan) && plan.nodes.every((n) => KEEP_NOTHING.has(n.op.kind));
}
