import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchToRows, batchToRowsWithOp } from '../core/batch-rows';
import type { Row } from '../core/types';
import { compileScript } from '../plan/compile';
import { createRowsSource } from '../sources/rows-source';
import { compareMultiset, compareSequencePerGroup, type ResultRow } from './compare-results';
import { runInProcess, type RunOptions } from './run-in-process';

interface Case {
  about: string;
  script: string;
  input: Record<string, Row[]>;
  expected: ResultRow[];
  compare: 'multiset' | 'sequence-per-group';
  group_by?: string[];
}

const dir = join(__dirname, '../testdata/conformance');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case] as const);

const variants: [string, RunOptions][] = [
  ['direct', { variant: 'direct' }],
  ['per-record', { variant: 'per-record' }],
  ['batched 3', { variant: 'batched', batchSize: 3 }],
  ['batched 7', { variant: 'batched', batchSize: 7 }],
  ['partitioned 2', { variant: 'partitioned', partitions: 2, batchSize: 5 }],
  ['partitioned 3', { variant: 'partitioned', partitions: 3, batchSize: 1 }],
];

describe('conformance cases through the engine', () => {
  it('found all seven cases', () => expect(cases.length).toBe(7));
  for (const [file, c] of cases) {
    for (const [name, opts] of variants) {
      it(`${file} (${name})`, () => {
        const compiled = compileScript(c.script);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const plan = compiled.plan!;
        const src = createRowsSource(plan.sources[0]!, c.input[plan.sources[0]!.stream] ?? []);
        const res = runInProcess(plan, src, opts);
        const seq = c.compare === 'sequence-per-group';
        const rows: ResultRow[] = res.batches.flatMap((b) =>
          seq ? batchToRowsWithOp(b, res.schema) : batchToRows(b, res.schema),
        );
        const diff = seq
          ? compareSequencePerGroup(rows, c.expected, c.group_by ?? [])
          : compareMultiset(rows, c.expected);
        expect(diff, c.about).toBeNull();
        expect(res.stats.late).toBe(res.rejected.filter((r) => r.reason === 'late').length);
        expect(res.stats.late).toBeGreaterThan(0);
      });
    }
  }
});
