/** Compiling a seed scenario with its stream resized (tests use 2,000 rows, the benchmark millions). */
import type { ColumnBatch } from '../core/batch';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan, SourceSpec } from '../plan/physical-plan';
import { createGeneratorSource } from '../sources/generators';

/** The scenario's plan with generator options overridden (normalised values: numbers, ms). */
export function scenarioPlan(
  s: { readonly id: string; readonly sql: string },
  overrides: Readonly<Record<string, number>> = {},
): PhysicalPlan {
  const r = compileScript(s.sql);
  if (!r.plan) throw new Error(`${s.id} does not compile: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return {
    ...r.plan,
    sources: r.plan.sources.map((src) => ({ ...src, options: { ...src.options, ...overrides } })),
  };
}

/** Every batch of a bounded generated stream. */
export function generateBatches(source: SourceSpec, batchSize: number): ColumnBatch[] {
  const src = createGeneratorSource(source);
  if (!src.bounded) throw new Error(`stream '${source.stream}' is unbounded: give it a total`);
  const out: ColumnBatch[] = [];
  for (let b = src.next(batchSize); b; b = src.next(batchSize)) out.push(b);
  return out;
}
