/**
 * A plan's nodes grouped into chains: a head node (a source's first reader, a
 * node with several inputs, or a reader of a node that several read) followed
 * by the single-input nodes that only it feeds. Within a chain batches flow
 * from stage to stage by direct calls; between chains they fan out.
 */
import type { PhysicalOperator, PhysicalPlan, PlanInput } from './physical-plan';

export interface Chain {
  /** The head node's inputs. */
  readonly inputs: readonly PlanInput[];
  /** Node indices, in order; `nodes[k + 1]` reads `nodes[k]`. */
  readonly nodes: readonly number[];
}

/** How many nodes read each node's output. */
export function readersOf(plan: PhysicalPlan): number[] {
  const readers = plan.nodes.map(() => 0);
  for (const n of plan.nodes) for (const i of n.inputs) if (i.kind === 'node') readers[i.index]!++;
  return readers;
}

export function planChains(plan: PhysicalPlan): Chain[] {
  const readers = readersOf(plan);
  const chains: Chain[] = [];
  const chainOf = new Map<number, number[]>();
  plan.nodes.forEach((n, k) => {
    const only = n.inputs.length === 1 ? n.inputs[0]! : null;
    const prev = only?.kind === 'node' ? chainOf.get(only.index) : undefined;
    // Extend the reader's chain when this node is the only reader of the chain's last node.
    if (only?.kind === 'node' && prev && prev[prev.length - 1] === only.index && readers[only.index] === 1) {
      prev.push(k);
      chainOf.set(k, prev);
      return;
    }
    const nodes = [k];
    chains.push({ inputs: n.inputs, nodes });
    chainOf.set(k, nodes);
  });
  return chains;
}

/** The schema a plan input delivers. */
export function inputSchema(plan: PhysicalPlan, input: PlanInput) {
  return input.kind === 'source' ? plan.sources[input.index]!.columns : plan.nodes[input.index]!.schema;
}

/** Where the event-time attribute is in what a plan input delivers. */
export function inputTime(plan: PhysicalPlan, input: PlanInput): number | null {
  return input.kind === 'source' ? plan.sources[input.index]!.timeColumn : plan.nodes[input.index]!.time;
}

/** Every node's operator, in plan order (for a single-stream query: its pipeline). */
export function planOps(plan: PhysicalPlan): PhysicalOperator[] {
  return plan.nodes.map((n) => n.op);
}
