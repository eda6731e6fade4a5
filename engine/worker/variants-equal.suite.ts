/**
 * "One answer, whatever the architecture" (dialect §5) as a test suite:
 * every variant over the seed scenarios and the conformance cases gives the
 * same multiset of rows, the same sequence per key for changelogs, the same
 * late/invalid counts and checksum. Run in-process and through real workers.
 */
import { describe, expect, it } from 'vitest';
import { batchToRowsWithOp, type RowWithOp } from '../core/batch-rows';
import type { Row } from '../core/types';
import { compileScript } from '../plan/compile';
import { finalRows } from '../runtime/compare-results';
import type { PhysicalPlan } from '../plan/physical-plan';
import { JOIN_SCENARIOS } from '../scenarios/join-scenarios';
import { SEED_SCENARIOS } from '../scenarios/seed-scenarios';
import { CONFORMANCE_CASES, FLINK_DOC_CASES } from './conformance-cases';
import { startRun, type RunEnv } from './start-run';
import type { RunOptions, RunSummary } from './run-types';

export const EQUALITY_VARIANTS: readonly RunOptions[] = [
  { variant: 'direct', batchSize: 7 },
  { variant: 'per-record' },
  { variant: 'batched', batchSize: 1 },
  { variant: 'batched', batchSize: 100, inFlight: 2 },
  { variant: 'partitioned', partitions: 3, source: 'local', batchSize: 64 },
  { variant: 'partitioned', partitions: 2, source: 'central', batchSize: 50 },
  { variant: 'shared-lock', partitions: 2, batchSize: 128 },
];

export interface Collected {
  readonly summary: RunSummary;
  readonly rows: RowWithOp[];
}

export async function collect(plan: PhysicalPlan, o: RunOptions, env: RunEnv): Promise<Collected> {
  const h = startRun(plan, { ...o, rowsPerSecond: 0 }, env);
  const rows: RowWithOp[] = [];
  h.outputs.subscribe((e) => {
    for (const b of e.batches) rows.push(...batchToRowsWithOp(b, plan.output));
  });
  const summary = await h.done;
  return { summary, rows };
}

/** Numbers to 12 significant digits (the cases allow a relative 1e-9); drops `op` unless the case compares it. */
function roundRow(r: Row, dropOp: boolean): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r))
    if (!(dropOp && k === 'op')) out[k] = typeof v === 'number' ? Number(v.toPrecision(12)) : v;
  return out;
}

const canon = (r: Row): string =>
  JSON.stringify(
    Object.keys(r)
      .sort()
      .map((k) => [k, r[k]]),
  );

export function multiset(rows: readonly Row[]): string[] {
  return rows.map(canon).sort();
}

/** Rows in arrival order, grouped by the plan's output key. */
export function sequencesPerKey(plan: PhysicalPlan, rows: readonly RowWithOp[]): Map<string, string[]> {
  const names = plan.outputKey.map((k) => plan.output[k]!.name);
  const m = new Map<string, string[]>();
  for (const r of rows) {
    const key = JSON.stringify(names.map((n) => r[n]));
    let seq = m.get(key);
    if (!seq) m.set(key, (seq = []));
    seq.push(canon(r));
  }
  return m;
}

function expectSameAnswer(plan: PhysicalPlan, base: Collected, other: Collected): void {
  expect(other.summary.error).toBeUndefined();
  expect(other.summary.rowsIn).toBe(base.summary.rowsIn);
  expect(other.summary.rowsOut).toBe(base.summary.rowsOut);
  expect(other.summary.late).toBe(base.summary.late);
  expect(other.summary.invalid).toBe(base.summary.invalid);
  expect(multiset(other.rows)).toEqual(multiset(base.rows));
  if (plan.emit === 'changes')
    expect(sequencesPerKey(plan, other.rows)).toEqual(sequencesPerKey(plan, base.rows));
  expect(other.summary.checksum).toBe(base.summary.checksum);
}

function compile(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

/** Small seed streams, with event time stretched so tumbling windows close mid-stream. */
function seedPlan(sql: string, rows: number): PhysicalPlan {
  const plan = compile(sql);
  return {
    ...plan,
    sources: plan.sources.map((s) => ({
      ...s,
      options: { ...s.options, total: rows, event_step: 40, rows_per_second: 0 },
    })),
  };
}

/** CUMULATE over a disordered stream with late rows (dropped per window), aggregated and ranked. */
const WINDOW_SCRIPTS: readonly (readonly [string, string])[] = [
  [
    'CUMULATE aggregate, then window Top-N',
    `CREATE STREAM trades (symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,
       WATERMARK FOR ts AS ts - INTERVAL '300' MILLISECOND)
     WITH (generator = 'trades', keys = 8, out_of_order = 0.1, max_out_of_order = '250ms', late = 0.02, seed = 9);
     SELECT * FROM (
       SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY volume DESC) AS rownum
       FROM (SELECT window_start, window_end, symbol, SUM(quantity) AS volume, MAX(price) AS high
             FROM TABLE(CUMULATE(TABLE trades, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
             GROUP BY window_start, window_end, symbol))
     WHERE rownum <= 3;`,
  ],
  [
    'CUMULATE rows, ranked per symbol',
    `CREATE STREAM trades (symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,
       WATERMARK FOR ts AS ts - INTERVAL '300' MILLISECOND)
     WITH (generator = 'trades', keys = 8, out_of_order = 0.1, max_out_of_order = '250ms', late = 0.02, seed = 4);
     SELECT * FROM (
       SELECT symbol, price, ts, window_start, window_end,
         ROW_NUMBER() OVER (PARTITION BY window_start, window_end, symbol ORDER BY price DESC) AS rownum
       FROM TABLE(CUMULATE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '4' SECOND)))
     WHERE rownum <= 2;`,
  ],
];

export function variantsEqualSuite(
  label: string,
  makeEnv: () => RunEnv,
  opts: { rows: number; variants?: readonly RunOptions[] },
): void {
  const variants = opts.variants ?? EQUALITY_VARIANTS;
  describe(`every variant gives the same answer (${label})`, () => {
    for (const s of SEED_SCENARIOS) {
      it(`${s.id}: ${variants.length} variants over ${opts.rows} rows`, async () => {
        const env = makeEnv();
        const plan = seedPlan(s.sql, opts.rows);
        const base = await collect(plan, variants[0]!, env);
        expect(base.summary.error).toBeUndefined();
        expect(base.summary.rowsIn).toBe(opts.rows);
        expect(base.rows.length).toBeGreaterThan(0);
        for (const v of variants.slice(1)) expectSameAnswer(plan, base, await collect(plan, v, env));
      });
    }
    for (const s of JOIN_SCENARIOS) {
      it(`${s.id}: ${variants.length} variants over 2 × ${opts.rows} rows`, async () => {
        const env = makeEnv();
        const plan = seedPlan(s.sql, opts.rows);
        const base = await collect(plan, variants[0]!, env);
        expect(base.summary.error).toBeUndefined();
        expect(base.summary.rowsIn).toBe(2 * opts.rows);
        expect(base.rows.length).toBeGreaterThan(0);
        for (const v of variants.slice(1)) expectSameAnswer(plan, base, await collect(plan, v, env));
      });
    }
    for (const [name, sql] of WINDOW_SCRIPTS) {
      it(`${name}: ${variants.length} variants over ${opts.rows} rows, late rows included`, async () => {
        const env = makeEnv();
        const plan = seedPlan(sql, opts.rows);
        const base = await collect(plan, variants[0]!, env);
        expect(base.summary.error).toBeUndefined();
        expect(base.summary.late).toBeGreaterThan(0);
        expect(base.rows.length).toBeGreaterThan(0);
        for (const v of variants.slice(1)) expectSameAnswer(plan, base, await collect(plan, v, env));
      });
    }
    for (const c of CONFORMANCE_CASES) {
      it(`conformance ${c.name}`, async () => {
        const env = makeEnv();
        const plan = compile(c.script);
        const stream = plan.sources[0]!.stream;
        const rows = c.input[stream] ?? Object.values(c.input)[0]!;
        const inputs = { [stream]: { rows } };
        const base = await collect(plan, { ...variants[0]!, inputs }, env);
        expect(base.summary.error).toBeUndefined();
        expect(multiset(base.rows.map((r) => roundRow(r, c.compare === 'multiset')))).toEqual(
          multiset(c.expected.map((r) => roundRow(r, false))),
        );
        for (const v of variants.slice(1))
          expectSameAnswer(plan, base, await collect(plan, { ...v, inputs }, env));
        // The same rows as a JSON-lines file: parsed in the worker (direct) or by the orchestrator (partitioned).
        const file = { name: `${c.name}.jsonl`, text: rows.map((r) => JSON.stringify(r)).join('\n') + '\n' };
        for (const v of [{ variant: 'direct' }, { variant: 'partitioned', partitions: 2 }] as const)
          expectSameAnswer(plan, base, await collect(plan, { ...v, inputs: { [stream]: { file } } }, env));
      });
    }
    for (const c of FLINK_DOC_CASES) {
      it(`Flink docs ${c.name}`, async () => {
        const env = makeEnv();
        const plan = compile(c.script);
        // Every stream the plan reads, as rows and as JSON-lines files.
        const rowsOf = (stream: string): readonly Row[] => c.input[stream] ?? [];
        const inputs = Object.fromEntries(plan.sources.map((s) => [s.stream, { rows: rowsOf(s.stream) }]));
        const files = Object.fromEntries(
          plan.sources.map((s) => [
            s.stream,
            {
              file: {
                name: `${s.stream}.jsonl`,
                text:
                  rowsOf(s.stream)
                    .map((r) => JSON.stringify(r))
                    .join('\n') + '\n',
              },
            },
          ]),
        );
        const base = await collect(plan, { ...variants[0]!, inputs }, env);
        expect(base.summary.error).toBeUndefined();
        const got = c.compare === 'final' ? finalRows(base.rows) : base.rows;
        expect(multiset(got.map((r) => roundRow(r, c.compare !== 'changelog')))).toEqual(
          multiset(c.expected.map((r) => roundRow(r, false))),
        );
        for (const v of variants.slice(1))
          expectSameAnswer(plan, base, await collect(plan, { ...v, inputs }, env));
        for (const v of [{ variant: 'direct' }, { variant: 'partitioned', partitions: 2 }] as const)
          expectSameAnswer(plan, base, await collect(plan, { ...v, inputs: files }, env));
      });
    }
  });
}
