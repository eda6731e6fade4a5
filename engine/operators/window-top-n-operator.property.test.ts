/**
 * The window Top-N against a sort-everything model, on random batches built to tie: few order
 * values, NULLs, whole batches sharing one seq (as a window aggregate's output does), several
 * windows per batch. The rows kept and their numbers must be the model's: each (window, key)'s
 * rows sorted by the ORDER BY (NULL lowest), then seq, then the rows' values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { Row, Schema, Value } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import type { OperatorContext } from './operator';
import { WindowTopNOperator } from './window-top-n-operator';

const INPUT: Schema = [
  { name: 'ws', type: 'TIMESTAMP', nullable: false },
  { name: 'we', type: 'TIMESTAMP', nullable: false },
  { name: 'k', type: 'VARCHAR', nullable: true },
  { name: 'p', type: 'DOUBLE', nullable: true },
  { name: 'q', type: 'BIGINT', nullable: true },
];
const OUTPUT: Schema = [...INPUT, { name: 'rownum', type: 'BIGINT', nullable: false }];
const K: Expr = { kind: 'column', index: 2, name: 'k', type: 'VARCHAR' };

function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Case {
  readonly batches: {
    readonly rows: [number, string | null, number | null, number | null][];
    readonly oneSeq: boolean;
  }[];
  readonly limit: number;
  readonly desc: boolean;
  readonly keyed: boolean;
}

const row = fc.tuple(
  fc.integer({ min: 0, max: 2 }),
  fc.constantFrom('a', 'b', null),
  fc.constantFrom(null, 1, 2, 3),
  fc.constantFrom(null, 0, 1),
);
const testCase: fc.Arbitrary<Case> = fc.record({
  batches: fc.array(
    fc
      .record({ rows: fc.array(row, { maxLength: 30 }), oneSeq: fc.boolean(), nulls: fc.boolean() })
      // Half the batches have no NULL to order by: those take the one-number threshold path.
      .map(({ rows, oneSeq, nulls }) => ({
        oneSeq,
        rows: nulls
          ? rows
          : rows.map(([w, k, p, q]): [number, string | null, number | null, number | null] => [
              w,
              k,
              p ?? 2,
              q,
            ]),
      })),
    { maxLength: 6 },
  ),
  limit: fc.integer({ min: 1, max: 4 }),
  desc: fc.boolean(),
  keyed: fc.boolean(),
});

const canonical = (rows: Row[]): string[] =>
  rows.map((r) => JSON.stringify(OUTPUT.map((f) => r[f.name] ?? null))).sort();

function model(c: Case): Row[] {
  const all: { values: Value[]; seq: number }[] = [];
  let seq = 0;
  for (const b of c.batches) {
    const s = seq;
    for (const [w, k, p, q] of b.rows)
      all.push({ values: [w * 10, w * 10 + 10, k, p, q], seq: b.oneSeq ? s : seq++ });
    if (b.oneSeq) seq++;
  }
  const buckets = new Map<string, { values: Value[]; seq: number }[]>();
  for (const r of all) {
    const id = JSON.stringify([r.values[0], c.keyed ? r.values[2] : 0]);
    buckets.set(id, [...(buckets.get(id) ?? []), r]);
  }
  const out: Row[] = [];
  for (const rows of buckets.values()) {
    rows.sort((x, y) => {
      const o = compareValues(x.values[3]!, y.values[3]!);
      if (o !== 0) return c.desc ? -o : o;
      if (x.seq !== y.seq) return x.seq - y.seq;
      for (let i = 0; i < x.values.length; i++) {
        const d = compareValues(x.values[i]!, y.values[i]!);
        if (d !== 0) return d;
      }
      return 0;
    });
    rows.slice(0, c.limit).forEach((r, i) => {
      const o: Row = { rownum: i + 1 };
      INPUT.forEach((f, j) => (o[f.name] = r.values[j]!));
      out.push(o);
    });
  }
  return out;
}

function run(c: Case): Row[] {
  const ctx: OperatorContext = { stateLimit: 1_000_000, events: null, reject: () => {} };
  const op = new WindowTopNOperator(
    {
      kind: 'windowTopN',
      windowStart: 0,
      windowEnd: 1,
      partitionBy: c.keyed ? [K] : [],
      orderBy: [{ column: 3, desc: c.desc }],
      limit: c.limit,
      lateRows: true,
      latestFirst: false,
      schema: OUTPUT,
    },
    INPUT,
    INPUT.map((f) => f.name),
    ctx,
  );
  const out: Row[] = [];
  const sink = { push: (b: ColumnBatch): void => void out.push(...batchToRows(b, OUTPUT)) };
  let seq = 0;
  for (const b of c.batches) {
    const s = seq;
    const seqs = b.rows.map(() => (b.oneSeq ? s : seq++));
    if (b.oneSeq) seq++;
    const values = b.rows.map(([w, k, p, q]): Value[] => [w * 10, w * 10 + 10, k, p, q]);
    op.onBatch(
      buildBatch(values, INPUT, { seq: seqs, wm: values.map(() => -Infinity), wmAfter: -Infinity }),
      sink,
    );
  }
  op.onWatermark(Infinity, sink);
  expect(op.stateSize()).toBe(0);
  return out;
}

describe('WindowTopNOperator against a sort-everything model', () => {
  it('keeps and numbers the same rows, ties and NULLs included', () => {
    fc.assert(
      fc.property(testCase, (c) => {
        expect(canonical(run(c))).toEqual(canonical(model(c)));
      }),
      { numRuns: 400 },
    );
  });
});
