/**
 * Whether a plan's operators keep none of an input batch's arrays once the
 * engine has taken the batch and its outputs were drained: a worker's own
 * loop may then give the batch's arrays back to the generators' pool
 * (core/batch-pool.ts), which spares Chromium a page fault per 4 KB written.
 *
 * Listed by audit, not inferred: these operators read a batch during
 * `onBatch` and copy what they keep (group keys are interned, aggregates
 * accumulated, over-window frames and late rows copied); what they emit may
 * share the batch's arrays (a filter that keeps every row passes the batch
 * on), and the worker checksums and copies outputs before it gives the batch
 * back. Joins, unions, rankings, deduplication and LIMIT hold rows or batches
 * across pushes, so plans with them keep their batches' arrays to themselves.
 */
import type { PhysicalPlan, PlanNode } from '../plan/physical-plan';

const KEEP_NOTHING: ReadonlySet<PlanNode['op']['kind']> = new Set([
  'filter',
  'project',
  'groupAggregate',
  'windowAggregate',
  'windowAssign',
  'overWindow',
]);

export function keepsNoInput(plan: PhysicalPlan): boolean {
  return plan.sources.length === 1 && plan.nodes.every((n) => KEEP_NOTHING.has(n.op.kind));
}
