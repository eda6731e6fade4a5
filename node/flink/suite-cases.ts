/**
 * Every case `npm run test:flink` runs: the conformance and Flink-docs cases,
 * the scripts of flink/cases/, every query of every lesson, the five seed
 * scenarios, and seeded random scripts (aggregates, joins and nested window queries). A case is a
 * script, which of its queries runs, and the rows each stream reads — the
 * same rows on both sides.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../../engine/core/types';
import type { PhysicalPlan, SourceSpec } from '../../engine/plan/physical-plan';
import { compileScript } from '../../engine/plan/compile';
import {
  AGGREGATE_SHAPES,
  aggregateScript,
  randomAggregateStream,
  randomJoinScript,
  randomSubqueryJoinScript,
} from '../../engine/runtime/random-scripts';
import { randomNestingScript } from '../../engine/runtime/random-nesting';
import { SEED_SCENARIOS } from '../../engine/scenarios/seed-scenarios';
import { LESSONS } from '../../src/lessons/lessons';
import { generatorRows } from './flink-rows';
import type { StreamRows } from './flink-script';

/** Which record of flink/checked.json a case answers for (none for the rest). */
export type CheckedGroup = { readonly kind: 'lessons' | 'scenarios'; readonly id: string };

export interface SuiteCase {
  readonly id: string;
  readonly script: string;
  /** Where the query that runs starts (undefined: the last query, as the app and CLI run it). */
  readonly offset?: number;
  readonly checked?: CheckedGroup;
  /** The rows a stream reads: given rows (typed by the whole stream) or its bounded generator's. */
  readonly rowsOf: (spec: SourceSpec) => StreamRows;
}

/** Rows per generated stream for lessons and scenarios: enough for every window shape, quick on Flink. */
export const CHECK_ROWS = 20_000;

const CASE_DIRS = ['engine/testdata/conformance', 'engine/testdata/flink-docs'];
const SCRIPT_DIR = 'flink/cases';

/** Random scripts: every aggregate shape over 10 seeded streams, 36 seeded random joins, 12 IN / EXISTS ones and 16 nestings. */
export const RANDOM_AGGREGATE_SEEDS = 10;
export const RANDOM_JOIN_SEEDS = 36;
/** Window SEMI / ANTI joins written IN / NOT IN / EXISTS / NOT EXISTS, keys sometimes NULL. */
export const RANDOM_SUBQUERY_JOIN_SEEDS = 12;
/** Random nesting (engine/runtime/random-nesting.ts): TUMBLE/HOP/CUMULATE under WITH steps and subqueries, then a filter or a window Top-N. */
export const RANDOM_NESTING_SEEDS = 16;

const givenRows =
  (input: Readonly<Record<string, readonly Row[]>>) =>
  (spec: SourceSpec): StreamRows => ({ rows: input[spec.stream] ?? [], schema: spec.streamSchema });

const generated = (spec: SourceSpec): StreamRows => generatorRows(spec);

const withoutNullKeys = (input: Readonly<Record<string, readonly Row[]>>): Record<string, Row[]> =>
  Object.fromEntries(Object.entries(input).map(([k, rows]) => [k, rows.filter((r) => r['k'] !== null)]));

/** `total = N` above CHECK_ROWS becomes CHECK_ROWS (the check says so); smaller totals stay. */
export function boundedTotals(script: string): string {
  return script.replace(/\btotal\s*=\s*(\d+)/g, (m, n: string) =>
    Number(n) > CHECK_ROWS ? `total = ${CHECK_ROWS}` : m,
  );
}

/** Start offsets of a script's queries, in order (the last is the one that runs by default). */
export function queryOffsets(script: string): number[] {
  return compileScript(script).queries.map((q) => q.span.start);
}

function scriptCases(id: string, script: string, checked: CheckedGroup): SuiteCase[] {
  const offsets = queryOffsets(script);
  return offsets.map((offset, k) =>
    k === offsets.length - 1
      ? { id, script, checked, rowsOf: generated }
      : { id: `${id}#${k + 1}`, script, offset, checked, rowsOf: generated },
  );
}

export function loadSuiteCases(root: string): SuiteCase[] {
  const json = CASE_DIRS.flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f): SuiteCase => {
        const c = JSON.parse(readFileSync(join(root, d, f), 'utf8')) as {
          script: string;
          input: Record<string, Row[]>;
        };
        return {
          id: `${d.split('/').pop()!}/${f.replace(/\.json$/, '')}`,
          script: c.script,
          rowsOf: givenRows(c.input),
        };
      }),
  );
  const scripts = readdirSync(join(root, SCRIPT_DIR))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f): SuiteCase => ({
      id: `flink-cases/${f.replace(/\.sql$/, '')}`,
      script: readFileSync(join(root, SCRIPT_DIR, f), 'utf8'),
      rowsOf: generated,
    }));
  const lessons = LESSONS.flatMap((l) =>
    scriptCases(`lessons/${l.id}`, boundedTotals(l.script), { kind: 'lessons', id: l.id }),
  );
  const scenarios = SEED_SCENARIOS.flatMap((s) =>
    scriptCases(`scenarios/${s.id}`, boundedTotals(s.sql), { kind: 'scenarios', id: s.id }),
  );
  const aggregates: SuiteCase[] = [];
  for (let seed = 1; seed <= RANDOM_AGGREGATE_SEEDS; seed++) {
    const rows = randomAggregateStream(seed, 1500);
    // Flink's windows need event time; the rows are in order, so any delay leaves nothing late.
    const delay = [0, 50, 1000][seed % 3]!;
    for (const shape of AGGREGATE_SHAPES) {
      const c = aggregateScript(shape, rows, delay);
      aggregates.push({
        id: `random/aggregate-${seed}-${shape}`,
        script: c.script,
        rowsOf: givenRows(c.input),
      });
    }
  }
  const joins: SuiteCase[] = [];
  let nullKeysKept = false;
  for (let seed = 1; seed <= RANDOM_JOIN_SEEDS; seed++) {
    const c = randomJoinScript(seed);
    const kind = c.name.split(' ')[0]!;
    const id = `random/join-${seed}-${kind}`;
    if (kind !== 'temporal') {
      joins.push({ id, script: c.script, rowsOf: givenRows(c.input) });
      continue;
    }
    // Flink's temporal join matches NULL keys (a known difference): compare on the rows with keys,
    // and keep the first temporal case's NULL-key rows too, so the difference stays shown.
    joins.push({ id, script: c.script, rowsOf: givenRows(withoutNullKeys(c.input)) });
    if (!nullKeysKept) {
      nullKeysKept = true;
      joins.push({ id: `${id}-null-keys`, script: c.script, rowsOf: givenRows(c.input) });
    }
  }
  for (let seed = 1; seed <= RANDOM_SUBQUERY_JOIN_SEEDS; seed++) {
    const c = randomSubqueryJoinScript(seed);
    const form = /^window ((?:NOT )?(?:IN|EXISTS))/.exec(c.name)![1]!.replace(' ', '-').toLowerCase();
    joins.push({ id: `random/subquery-join-${seed}-${form}`, script: c.script, rowsOf: givenRows(c.input) });
  }
  const nesting: SuiteCase[] = [];
  for (let seed = 1; seed <= RANDOM_NESTING_SEEDS; seed++) {
    const c = randomNestingScript(seed);
    nesting.push({ id: `random/nesting-${seed}`, script: c.script, rowsOf: givenRows(c.input) });
  }
  return [...json, ...scripts, ...lessons, ...scenarios, ...aggregates, ...joins, ...nesting];
}

/** The case compiled as it runs: the query at its offset (the last one without). */
export function compileCase(c: SuiteCase): PhysicalPlan {
  const r = compileScript(c.script, c.offset === undefined ? {} : { offset: c.offset });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (r.plan === null || errors.length)
    throw new Error(
      `does not compile: ${errors.map((d) => `${d.line}:${d.column}: ${d.message}`).join('; ')}`,
    );
  return r.plan;
}
