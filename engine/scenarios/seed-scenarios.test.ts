/**
 * The seed scenarios on small seeded streams: the engine's answer must equal
 * (1) the golden file in engine/testdata/scenarios and (2) an independent
 * row-at-a-time computation of the dialect's rules. A missing golden file is
 * written from the engine's answer, but only once it agrees with (2);
 * `UPDATE_GOLDEN=1` rewrites them deliberately.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { batchDictionaries, batchToRowsWithOp, rowValues } from '../core/batch-rows';
import type { PhysicalPlan } from '../plan/physical-plan';
import { compareMultiset, compareSequencePerGroup, type ResultRow } from '../runtime/compare-results';
import { QueryEngine } from '../runtime/query-engine';
import {
  referenceS0,
  referenceS1,
  referenceS2,
  referenceS3,
  type InputRow,
  type OutRow,
} from './scenario-reference';
import { generateBatches, scenarioPlan } from './scenario-plan';
import { SEED_SCENARIOS, type ScenarioId, type SeedScenario } from './seed-scenarios';

const GOLDEN_DIR = join(__dirname, '../testdata/scenarios');
/** 2,000 rows, 60 ms apart: two one-minute windows plus the rows moved back across t = 0. */
const SMALL = { total: 2000, event_step: 60 };

function run(plan: PhysicalPlan, batches: readonly ColumnBatch[]): ResultRow[] {
  const engine = new QueryEngine(plan);
  const out: ColumnBatch[] = [];
  for (const b of batches) {
    engine.push(b);
    out.push(...engine.drainOutput());
  }
  engine.end();
  out.push(...engine.drainOutput());
  const rows = out.flatMap((b) => batchToRowsWithOp(b, plan.output));
  // Append-only plans compare without their (always +I) op.
  return plan.emit === 'changes' ? rows : rows.map(({ op: _op, ...r }) => r);
}

function inputRows(plan: PhysicalPlan, batches: readonly ColumnBatch[]): InputRow[] {
  const names = plan.sources[0]!.columns.map((f) => f.name);
  return batches.flatMap((b) => {
    const dicts = batchDictionaries(b);
    return Array.from({ length: b.length }, (_, i) => {
      const values = rowValues(b, i, dicts);
      return {
        seq: b.seq[i]!,
        wm: b.wm[i]!,
        row: Object.fromEntries(names.map((n, c) => [n, values[c] ?? null])),
      };
    });
  });
}

function reference(id: ScenarioId, input: readonly InputRow[], delay: number): OutRow[] {
  switch (id) {
    case 'S0':
      return referenceS0(input);
    case 'S1':
      return referenceS1(input, delay).rows;
    case 'S2':
      return referenceS2(input);
    case 'S3a':
      return referenceS3(input, 'final').rows;
    case 'S3b':
      return referenceS3(input, 'changes').rows;
  }
}

/** Groups whose per-group order is part of the answer (EMIT CHANGES). */
const SEQUENCE_KEYS: Partial<Record<ScenarioId, string[]>> = {
  S2: ['trader_id', 'symbol'],
  S3b: ['trader_id', 'symbol', 'window_start'],
};

function compare(
  id: ScenarioId,
  actual: readonly ResultRow[],
  expected: readonly ResultRow[],
): string | null {
  const keys = SEQUENCE_KEYS[id];
  return keys ? compareSequencePerGroup(actual, expected, keys) : compareMultiset(actual, expected);
}

describe.each(SEED_SCENARIOS.map((s) => [s.id, s] as [ScenarioId, SeedScenario]))('%s', (id, scenario) => {
  const plan = scenarioPlan(scenario, SMALL);
  const batches = generateBatches(plan.sources[0]!, 500);
  const input = inputRows(plan, batches);
  const actual = run(plan, batches);

  it('agrees with an independent row-at-a-time computation', () => {
    expect(input.length).toBe(2000);
    expect(compare(id, actual, reference(id, input, plan.sources[0]!.watermarkDelay))).toBeNull();
  });

  it('matches its golden file', () => {
    const file = join(GOLDEN_DIR, `${id}.json`);
    if (!existsSync(file) || process.env['UPDATE_GOLDEN'] === '1') {
      expect(compare(id, actual, reference(id, input, plan.sources[0]!.watermarkDelay))).toBeNull();
      const golden = {
        about: `${scenario.title} on ${SMALL.total} rows (options ${JSON.stringify(SMALL)})`,
        rows: actual,
      };
      writeFileSync(file, JSON.stringify(golden, null, 0).replace(/\},\{/g, '},\n{') + '\n');
    }
    const golden = JSON.parse(readFileSync(file, 'utf8')) as { rows: ResultRow[] };
    expect(compare(id, actual, golden.rows)).toBeNull();
  });

  it('keeps its data-independent facts', () => {
    if (id === 'S1' || id === 'S2' || id === 'S3b') expect(actual.length).toBe(input.length);
    if (id === 'S3a') expect(actual.reduce((n, r) => n + (r['trades'] as number), 0)).toBe(input.length);
    if (id === 'S0')
      expect(actual.length).toBe(input.filter((r) => (r.row['total_amount'] as number) > 100).length);
  });
});

describe('at benchmark shape (1 ms apart, 50,000 rows)', () => {
  it.each(['S2', 'S3a', 'S3b'] as const)('%s keeps its facts', (id) => {
    const plan = scenarioPlan(
      SEED_SCENARIOS.find((s) => s.id === id)!,
      { total: 50_000 },
    );
    const rows = run(plan, generateBatches(plan.sources[0]!, 16384));
    if (id === 'S3a') expect(rows.reduce((n, r) => n + (r['trades'] as number), 0)).toBe(50_000);
    else expect(rows.length).toBe(50_000);
  });

  it('every scenario compiles to the expected pipeline', () => {
    const kinds = SEED_SCENARIOS.map((s) =>
      scenarioPlan(s)
        .nodes.map((n) => n.op)
        .map((op) => op.kind)
        .join('>'),
    );
    expect(kinds).toEqual([
      'filter>project',
      'overWindow>project',
      'groupAggregate>project',
      'windowAggregate>project',
      'windowAggregate>project',
    ]);
  });
});
