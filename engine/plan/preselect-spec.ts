/**
 * Whether a window aggregate can drop the rows a window Top-N after it could never rank (see
 * WindowPreselect): plan data only, so EXPLAIN says what the running operators do.
 */
import type { PhysicalOperator, PhysicalPlan, WindowAggregateOp } from './physical-plan';
import { planChains } from './plan-chains';

export interface PreselectSpec {
  /** The aggregate (index in the aggregate's calls) whose result is the Top-N's first ORDER BY value. */
  readonly aggregate: number;
  readonly desc: boolean;
  readonly limit: number;
  /** GROUP BY positions forming the Top-N's partition besides the window. */
  readonly keyParts: readonly number[];
  /** How many column-only projections lie between the aggregate and the Top-N. */
  readonly projections: number;
}

/**
 * The preselection for a window aggregate whose rows reach a window Top-N through column-only
 * projections (`after`: the operators that follow it in its chain), or null when the Top-N's
 * window, partition or first order column is not one of the aggregate's own.
 */
export function preselectSpec(
  agg: WindowAggregateOp,
  after: readonly PhysicalOperator[],
): PreselectSpec | null {
  if (agg.window.kind === 'session' || agg.emit === 'changes' || agg.grace !== 0) return null;
  const nKeys = agg.groupKeys.length;
  // Column c of the current operator's input is the aggregate's output column map[c].
  let map = agg.schema.map((_, c) => c);
  for (const [projections, op] of after.entries()) {
    if (op.kind === 'project') {
      const next: number[] = [];
      for (const e of op.exprs) {
        if (e.kind !== 'column') return null;
        next.push(map[e.index]!);
      }
      map = next;
      continue;
    }
    if (op.kind !== 'windowTopN') return null;
    if (map[op.windowStart] !== nKeys || map[op.windowEnd] !== nKeys + 1) return null;
    const keyParts: number[] = [];
    for (const e of op.partitionBy) {
      if (e.kind !== 'column') return null;
      const c = map[e.index]!;
      if (c === nKeys || c === nKeys + 1) continue;
      if (c > nKeys) return null;
      keyParts.push(c);
    }
    const first = op.orderBy[0];
    if (first === undefined) return null;
    const aggregate = map[first.column]! - nKeys - 2;
    const type = agg.aggregates[aggregate]?.type;
    if (type !== 'BIGINT' && type !== 'DOUBLE' && type !== 'TIMESTAMP') return null;
    return { aggregate, desc: first.desc, limit: op.limit, keyParts, projections };
  }
  return null;
}

/** The preselection of plan node `index` (a window aggregate), found in its chain as the engine finds it. */
export function preselectOfNode(plan: PhysicalPlan, index: number): PreselectSpec | null {
  const op = plan.nodes[index]!.op;
  if (op.kind !== 'windowAggregate') return null;
  const chain = planChains(plan).find((c) => c.nodes.includes(index))!;
  const after = chain.nodes.slice(chain.nodes.indexOf(index) + 1);
  return preselectSpec(
    op,
    after.map((n) => plan.nodes[n]!.op),
  );
}
