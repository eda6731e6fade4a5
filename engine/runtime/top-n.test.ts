/**
 * Regular Top-N and deduplication over a disordered stream: the same changelog per partition key
 * in every variant (hashed by the PARTITION BY keys, or on one partition without them), and a
 * final state that is the answer by sorting.
 */
import { describe, expect, it } from 'vitest';
import type { Row, Value } from '../core/types';
import { compareMultiset, compareSequencePerGroup } from './compare-results';
import { aggregateDdl, randomAggregateStream } from './random-scripts';
import type { RunOptions } from './run-in-process';
import { compileOk, runPlanOnRows } from './sql-run-support';

/** In-order rows with every 5th row moved 4 places later, and some times repeated. */
function disordered(seed: number): Row[] {
  const rows = randomAggregateStream(seed, 900);
  for (let i = 5; i + 4 < rows.length; i += 5) rows.splice(i + 4, 0, rows.splice(i, 1)[0]!);
  for (let i = 3; i < rows.length; i += 11) rows[i] = { ...rows[i]!, ts: rows[i - 1]!['ts']! };
  return rows;
}

/** A table applying a changelog: +I adds, −D removes an equal row. */
function finalState(rows: readonly Row[]): Row[] {
  const held: Row[] = [];
  for (const { op, ...r } of rows) {
    if (op === '+I' || op === '+U') held.push(r);
    else {
      const at = held.findIndex((h) => JSON.stringify(h) === JSON.stringify(r));
      if (at < 0) throw new Error(`retracts a row not held: ${JSON.stringify(r)}`);
      held.splice(at, 1);
    }
  }
  return held;
}

/** Per key k, the rows ranked by `cmp` (ties by arrival), first `n`, numbered. */
function bySorting(rows: readonly Row[], n: number, cmp: (a: Row, b: Row) => number, keyed: boolean): Row[] {
  const groups = new Map<Value, { r: Row; i: number }[]>();
  rows.forEach((r, i) => {
    const k = keyed ? r['k']! : 0;
    groups.set(k, [...(groups.get(k) ?? []), { r, i }]);
  });
  return [...groups.values()].flatMap((g) =>
    g
      .sort((a, b) => cmp(a.r, b.r) || a.i - b.i)
      .slice(0, n)
      .map(({ r }, j) => ({ ...r, rn: j + 1 })),
  );
}

const num = (v: Value | undefined): number => (v === null || v === undefined ? -Infinity : (v as number));
const TOP = (partition: string, order: string, bound: string): string =>
  `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (${partition} ORDER BY ${order}) AS rn FROM t) WHERE ${bound}`;

const CASES: {
  name: string;
  query: string;
  partitioning: 'hash' | 'single';
  want: (rows: Row[]) => Row[];
}[] = [
  {
    name: 'top 3 per key by v DESC',
    query: TOP('PARTITION BY k', 'v DESC', 'rn <= 3'),
    partitioning: 'hash',
    want: (rows) => bySorting(rows, 3, (a, b) => num(b['v']) - num(a['v']), true),
  },
  {
    name: 'global top 4 by x ASC, v DESC (one partition)',
    query: TOP('', 'x, v DESC', 'rn < 5'),
    partitioning: 'single',
    want: (rows) =>
      bySorting(rows, 4, (a, b) => num(a['x']) - num(b['x']) || num(b['v']) - num(a['v']), false),
  },
  {
    name: 'deduplication keeping the last row per key (ts DESC; of equal times the later)',
    query: TOP('PARTITION BY k', 'ts DESC', 'rn = 1'),
    partitioning: 'hash',
    want: (rows) => {
      const last = new Map<Value, Row>();
      for (const r of rows) {
        const had = last.get(r['k']!);
        if (!had || num(r['ts']) >= num(had['ts'])) last.set(r['k']!, r);
      }
      return [...last.values()].map((r) => ({ ...r, rn: 1 }));
    },
  },
];

const VARIANTS: [string, RunOptions][] = [
  ['per-record', { variant: 'per-record' }],
  ['batched 1', { variant: 'batched', batchSize: 1 }],
  ['batched 97', { variant: 'batched', batchSize: 97 }],
  ['partitioned 2', { variant: 'partitioned', partitions: 2, batchSize: 50 }],
  ['partitioned 3', { variant: 'partitioned', partitions: 3, batchSize: 7 }],
];

describe('regular Top-N and deduplication: one changelog per key in every variant', () => {
  for (const c of CASES)
    it(c.name, () => {
      const plan = compileOk(`${aggregateDdl(100)}\n${c.query};`);
      expect(plan.partitioning.kind).toBe(c.partitioning);
      expect(plan.emit).toBe('changes');
      const input = { t: disordered(3) };
      const want = runPlanOnRows(plan, input, { variant: 'direct' });
      expect(want.rows.filter((r) => r['op'] === '-D').length).toBeGreaterThan(20);
      expect(compareMultiset(finalState(want.rows), c.want(input.t))).toBeNull();
      const key = plan.outputKey.map((k) => plan.output[k]!.name);
      // With rn selected, a (key, rn) is one place of the top.
      expect(key).toEqual(c.partitioning === 'hash' ? ['k', 'rn'] : ['rn']);
      for (const [v, opts] of VARIANTS) {
        const got = runPlanOnRows(plan, input, opts);
        expect(compareSequencePerGroup(got.rows, want.rows, key), v).toBeNull();
      }
    });

  it('deduplication keeping the first row per key (ts ASC) is append-only: each key once, as the watermark reaches it', () => {
    const plan = compileOk(`${aggregateDdl(100)}\n${TOP('PARTITION BY k', 'ts', 'rn = 1')};`);
    expect(plan.emit).toBe('append');
    expect(plan.nodes[0]!.op.kind).toBe('deduplicate');
    // At the end, rows of known keys from before their first row: late.
    const rows = disordered(5);
    const t0 = num(rows[0]!['ts']);
    for (const k of ['key1', 'key2', null]) rows.push({ ts: t0 - 500, k, k2: 1, v: 1, x: 1 });
    const input = { t: rows };
    const want = runPlanOnRows(plan, input, { variant: 'direct' });
    // The rule, row by row: W = max(ts before) − 100; a key's first row by (ts, arrival) goes out
    // once W reaches it; after that a row of the key with an earlier ts is late.
    const cand = new Map<Value, { r: Row; out: boolean }>();
    let max = -Infinity;
    let late = 0;
    for (const r of input.t) {
      const w = max - 100;
      for (const c of cand.values()) if (!c.out && num(c.r['ts']) <= w) c.out = true;
      const k = r['k']!;
      const t = num(r['ts']);
      const c = cand.get(k);
      if (c?.out) late += t < num(c.r['ts']) ? 1 : 0;
      else if (!c || t < num(c.r['ts'])) cand.set(k, { r, out: t <= w });
      max = Math.max(max, t);
    }
    const first = [...cand.values()].map(({ r }) => ({ ...r, rn: 1, op: '+I' }));
    expect(compareMultiset(want.rows, first)).toBeNull();
    expect(want.late).toBe(late);
    expect(late).toBe(3);
    for (const [v, opts] of VARIANTS) {
      const got = runPlanOnRows(plan, input, opts);
      expect(compareMultiset(got.rows, want.rows), v).toBeNull();
      expect(got.late, v).toBe(want.late);
    }
  });
});
