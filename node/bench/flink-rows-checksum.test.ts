import { describe, expect, it } from 'vitest';
import { batchToRowsWithOp } from '../../engine/core/batch-rows';
import type { Row } from '../../engine/core/types';
import { runInProcess } from '../../engine/runtime/run-in-process';
import { scenarioPlan } from '../../engine/scenarios/scenario-plan';
import { findScenario, type ScenarioId } from '../../engine/scenarios/seed-scenarios';
import { createGeneratorSource } from '../../engine/sources/generators/index';
import { OutputChecksum } from '../../engine/worker/output-checksum';
import { FlinkRowsChecksum } from './flink-rows-checksum';

/** A scenario's engine output: the checksum a worker reports, and its rows as Flink would print them. */
function engineRun(id: ScenarioId, total: number) {
  const plan = scenarioPlan(findScenario(id), { rows_per_second: 0, total });
  const res = runInProcess(plan, createGeneratorSource(plan.sources[0]!), {});
  const worker = new OutputChecksum(plan);
  for (const b of res.batches) worker.add(b);
  // Through JSON, as the runner's stdout reaches Node; Flink writes "op" first.
  const rows = res.batches
    .flatMap((b) => batchToRowsWithOp(b, res.schema))
    .map(({ op, ...r }) => JSON.parse(JSON.stringify({ op, ...r })) as Row);
  return { plan, checksum: worker.value, rows };
}

describe('FlinkRowsChecksum', () => {
  it('gives the worker checksum of an append-only result (S0), in any order', () => {
    const { plan, checksum, rows } = engineRun('S0', 3000);
    expect(rows.length).toBeGreaterThan(500);
    const c = new FlinkRowsChecksum(plan);
    for (const r of [...rows].reverse()) c.add(r);
    expect(c.count).toBe(rows.length);
    expect(c.value).toBe(checksum);
  });

  it("gives the worker checksum of a changelog (S2), skipping Flink's -U rows and counting the ops", () => {
    const { plan, checksum, rows } = engineRun('S2', 3000);
    expect(rows.some((r) => r['op'] === '+U')).toBe(true);
    const c = new FlinkRowsChecksum(plan);
    for (const r of rows) {
      // Flink retracts the old value before each update: a row Windtunnel never emits.
      if (r['op'] === '+U') c.add({ ...r, op: '-U', trades: -1 });
      c.add(r);
    }
    expect(c.count).toBe(rows.length);
    expect(c.value).toBe(checksum);
  });

  it('tells a different value or op apart', () => {
    const { plan, checksum, rows } = engineRun('S2', 3000);
    const k = rows.findIndex((r) => r['op'] === '+U');
    const changed = (edit: (r: Row) => Row): string => {
      const c = new FlinkRowsChecksum(plan);
      rows.forEach((r, i) => c.add(i === k ? edit(r) : r));
      return c.value;
    };
    expect(changed((r) => ({ ...r, volume: (r['volume'] as number) + 1 }))).not.toBe(checksum);
    expect(changed((r) => ({ ...r, op: '+I' }))).not.toBe(checksum);
  });
});
