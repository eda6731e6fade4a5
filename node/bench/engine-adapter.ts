/** The benchmark's only contact with the engine: compile a scenario, run it over batches, checksum the output. */
import type { ColumnBatch } from '../../engine/core/batch';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { checksumBatches } from '../../engine/runtime/checksum';
import { QueryEngine } from '../../engine/runtime/query-engine';
import { scenarioPlan } from '../../engine/scenarios/scenario-plan';
import type { SeedScenario } from '../../engine/scenarios/seed-scenarios';

export function compileScenario(s: SeedScenario, rows: number): PhysicalPlan {
  return scenarioPlan(s, { total: rows });
}

export interface EngineRun {
  readonly outputRows: number;
  readonly output: ColumnBatch[];
}

/** One engine over every batch, as the direct variant drives it: push, drain, end. */
export function runEngine(plan: PhysicalPlan, batches: readonly ColumnBatch[]): EngineRun {
  const engine = new QueryEngine(plan, { stateLimit: 1e9 });
  const output: ColumnBatch[] = [];
  for (const b of batches) {
    engine.push(b);
    for (const o of engine.drainOutput()) output.push(o);
  }
  engine.end();
  for (const o of engine.drainOutput()) output.push(o);
  let outputRows = 0;
  for (const o of output) outputRows += o.length;
  return { outputRows, output };
}

/** Order-independent checksum of the output multiset; the op is included for change-log plans. */
export function outputChecksum(plan: PhysicalPlan, output: readonly ColumnBatch[]): string {
  return checksumBatches(output, plan.emit === 'changes');
}
