import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { Row, Schema, Value } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { DeduplicateOperator } from './deduplicate-operator';
import type { OperatorContext } from './operator';

const INPUT: Schema = [
  { name: 'k', type: 'VARCHAR', nullable: true },
  { name: 'v', type: 'BIGINT', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
];
const OUTPUT: Schema = [...INPUT, { name: 'rn', type: 'BIGINT', nullable: false }];
const K: Expr = { kind: 'column', index: 0, name: 'k', type: 'VARCHAR' };

function operator(key: Expr = K) {
  const rejected: string[] = [];
  const ctx: OperatorContext = {
    stateLimit: 1_000_000,
    events: null,
    reject: (_b, i, _n, reason, detail) => rejected.push(`${reason} ${i}: ${detail}`),
  };
  const op = new DeduplicateOperator(
    { kind: 'deduplicate', partitionBy: [key], timeColumn: 2, schema: OUTPUT },
    INPUT,
    INPUT.map((f) => f.name),
    ctx,
  );
  const out: Row[][] = [];
  const sink = { push: (b: ColumnBatch): void => void out.push(batchToRows(b, OUTPUT)) };
  let seq = 0;
  /** Rows with the watermark before each (the source's W(i)). */
  const feed = (rows: Value[][], wm: number[]): void =>
    op.onBatch(
      buildBatch(rows, INPUT, { seq: rows.map(() => seq++), wm, wmAfter: wm[wm.length - 1]! }),
      sink,
    );
  return { op, out, feed, rejected, sink };
}

const vs = (batches: Row[][]): Value[][] => batches.map((b) => b.map((r) => r['v']!));

describe('DeduplicateOperator (keep the first row)', () => {
  it('waits for the watermark, keeps the earliest time within it, then drops the key’s later rows', () => {
    const t = operator();
    // a@10 waits (W = 0); a@8 comes first within the delay; b@9 waits; W reaches 9 at the 4th row.
    t.feed(
      [
        ['a', 1, 10],
        ['a', 2, 8],
        ['b', 3, 9],
        ['a', 4, 12],
      ],
      [0, 0, 0, 9],
    );
    expect(vs(t.out)).toEqual([[2, 3]]);
    // a's row went out at 8: a@5 would have come first (late); a@20 is a duplicate; c@3 is behind W but new.
    t.feed(
      [
        ['a', 5, 5],
        ['a', 6, 20],
        ['c', 7, 3],
      ],
      [9, 9, 9],
    );
    expect(vs(t.out)).toEqual([[2, 3], [7]]);
    expect(t.rejected).toEqual([
      "late 0: its key's first row (1970-01-01 00:00:00.008) went out when the watermark reached it; this earlier one came after",
    ]);
    expect(t.out.flat().every((r) => r['rn'] === 1)).toBe(true);
  });

  it('of equal times the earlier arrival wins; the end of the stream sends what still waits', () => {
    const t = operator();
    t.feed(
      [
        ['a', 1, 5],
        ['a', 2, 5],
        [null, 3, 7],
      ],
      [0, 0, 0],
    );
    expect(t.out).toEqual([]);
    t.op.onWatermark(Infinity, t.sink);
    expect(vs(t.out)).toEqual([[1, 3]]);
  });

  it('keys by a computed number (the one-number-key path evaluates it; NULL is a key of its own)', () => {
    // v % 3: rows 1 and 4 share key 1, 2 and 5 key 2; a NULL v is one key.
    const V: Expr = { kind: 'column', index: 1, name: 'v', type: 'BIGINT' };
    const t = operator({
      kind: 'binary',
      op: '%',
      left: V,
      right: { kind: 'literal', value: 3, type: 'BIGINT' },
      type: 'BIGINT',
    });
    t.feed(
      [
        ['x', 1, 1],
        ['x', 2, 2],
        ['x', 4, 3],
        ['x', null, 4],
        ['x', 5, 5],
        ['x', null, 6],
        ['x', 3, 7],
      ],
      [0, 1, 2, 3, 4, 5, 6],
    );
    t.op.onWatermark(Infinity, t.sink);
    expect(vs(t.out).flat()).toEqual([1, 2, null, 3]);
  });
});
