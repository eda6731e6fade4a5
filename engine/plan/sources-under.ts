import type { PhysicalPlan, PlanInput } from './physical-plan';

/** The sources below a plan input, each once, in the order first reached. */
export function sourcesUnder(plan: PhysicalPlan, input: PlanInput): number[] {
  if (input.kind === 'source') return [input.index];
  return [...new Set(plan.nodes[input.index]!.inputs.flatMap((i) => sourcesUnder(plan, i)))];
}
