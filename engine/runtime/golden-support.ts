/**
 * Loading and running the golden queries of engine/testdata/queries: each
 * `NAME.sql` starts with `-- input: DATA` (rows in DATA.input.jsonl, for the
 * query's stream) and has its expected output in NAME.expected.json.
 */
import { batchToRowsWithOp } from '../core/batch-rows';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { createFileSource } from '../sources/file-source';
import { compareMultiset, compareSequencePerGroup, type ResultRow } from './compare-results';
import { runInProcess, type RunOptions } from './run-in-process';

export interface GoldenOutput {
  readonly late: number;
  readonly invalid: number;
  readonly rows: ResultRow[];
}

export function goldenInputName(sql: string): string | null {
  const m = /^--\s*input:\s*([\w-]+)/m.exec(sql);
  return m ? m[1]! : null;
}

export function compileGolden(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (r.plan === null || errors.length) throw new Error(`does not compile: ${JSON.stringify(errors)}`);
  return r.plan;
}

export function runGolden(plan: PhysicalPlan, input: string, opts: RunOptions = {}): GoldenOutput {
  const file = createFileSource(plan.sources[0]!, input, 'jsonl');
  if (file.errors().length) throw new Error(`bad input rows: ${JSON.stringify(file.errors())}`);
  const res = runInProcess(plan, file.source, opts);
  const rows = res.batches.flatMap((b) => batchToRowsWithOp(b, res.schema));
  return { late: res.stats.late, invalid: res.stats.invalid, rows };
}

/** null if equal: multiset for append plans, sequence per output key for change-log plans. */
export function compareGolden(
  plan: PhysicalPlan,
  actual: GoldenOutput,
  expected: GoldenOutput,
): string | null {
  if (actual.late !== expected.late) return `late: expected ${expected.late}, got ${actual.late}`;
  if (actual.invalid !== expected.invalid)
    return `invalid: expected ${expected.invalid}, got ${actual.invalid}`;
  const multiset = compareMultiset(actual.rows, expected.rows);
  if (multiset !== null || plan.emit !== 'changes') return multiset;
  const key = plan.outputKey.map((i) => plan.output[i]!.name);
  return compareSequencePerGroup(actual.rows, expected.rows, key);
}

export function formatGolden(out: GoldenOutput): string {
  return (
    `{"late": ${out.late}, "invalid": ${out.invalid}, "rows": [\n` +
    out.rows.map((r) => '  ' + JSON.stringify(r)).join(',\n') +
    '\n]}\n'
  );
}
