/**
 * Cases transcribed from Apache Flink's documentation (engine/testdata/flink-docs):
 * joins, window TVFs read as rows and HOP aggregates, with Flink's published
 * results, through every in-process variant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { compareMultiset, finalRows, type ResultRow } from './compare-results';
import type { RunOptions } from './run-in-process';
import { compileOk, runPlanOnRows } from './sql-run-support';

interface Case {
  readonly about: string;
  readonly script: string;
  readonly input: Record<string, Row[]>;
  readonly expected: ResultRow[];
  /** Late rows the case's published result implies (dropped from a window that had fired); 0 if absent. */
  readonly late?: number;
  readonly compare: 'multiset' | 'changelog' | 'final';
}

const dir = join(__dirname, '../testdata/flink-docs');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case] as const);

const variants: [string, RunOptions][] = [
  ['direct', { variant: 'direct' }],
  ['per-record', { variant: 'per-record' }],
  ['batched 2', { variant: 'batched', batchSize: 2 }],
  ['partitioned 2', { variant: 'partitioned', partitions: 2, batchSize: 3 }],
  ['partitioned 3', { variant: 'partitioned', partitions: 3, batchSize: 1 }],
];

describe("Flink documentation's examples give Flink's published rows", () => {
  it('found the cases', () => expect(cases.length).toBeGreaterThanOrEqual(4));
  for (const [file, c] of cases)
    for (const [name, opts] of variants)
      it(`${file} (${name})`, () => {
        const plan = compileOk(c.script);
        const run = runPlanOnRows(plan, c.input, opts);
        // 'changelog': an updating result, compared with its ops (Flink's −U/+U written as −D/+I);
        // 'final': what applying it leaves (Flink's retract-sink results).
        const rows =
          c.compare === 'changelog'
            ? run.rows
            : c.compare === 'final'
              ? finalRows(run.rows)
              : run.rows.map(({ op: _op, ...r }) => r);
        expect(compareMultiset(rows, c.expected), c.about).toBeNull();
        expect(run.late).toBe(c.late ?? 0);
      });
});
