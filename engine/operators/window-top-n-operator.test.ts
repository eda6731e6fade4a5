import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { Row, Schema, Value } from '../core/types';
import type { Expr, WindowTopNOp } from '../plan/physical-plan';
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

function operator(
  over: Partial<WindowTopNOp>,
  late: string[] = [],
): {
  feed: (rows: Value[][], wm?: number[]) => void;
  end: () => Row[];
  op: WindowTopNOperator;
  out: Row[];
} {
  const ctx: OperatorContext = {
    stateLimit: 1_000_000,
    events: null,
    reject: (_b, i, _names, reason, detail) => late.push(`${reason} ${i}: ${detail}`),
  };
  const op = new WindowTopNOperator(
    {
      kind: 'windowTopN',
      windowStart: 0,
      windowEnd: 1,
      partitionBy: [],
      orderBy: [{ column: 3, desc: true }],
      limit: 2,
      lateRows: true,
      latestFirst: false,
      schema: OUTPUT,
      ...over,
    },
    INPUT,
    INPUT.map((f) => f.name),
    ctx,
  );
  const out: Row[] = [];
  const sink = { push: (b: ColumnBatch): void => void out.push(...batchToRows(b, OUTPUT)) };
  let seq = 0;
  return {
    op,
    out,
    feed: (rows, wm) => {
      const b = buildBatch(rows, INPUT, {
        seq: rows.map(() => seq++),
        wm: wm ?? rows.map(() => -Infinity),
        wmAfter: wm ? wm[wm.length - 1]! : -Infinity,
      });
      op.onBatch(b, sink);
    },
    end: () => {
      op.onWatermark(Infinity, sink);
      op.onEnd();
      return out;
    },
  };
}

const ranks = (rows: Row[]): (Value | undefined)[][] => rows.map((r) => [r['we'], r['p'], r['rownum']]);

describe('WindowTopNOperator', () => {
  it('keeps the best N per window, DESC, numbered in rank order', () => {
    const t = operator({});
    t.feed([
      [0, 10, 'a', 1, 0],
      [0, 10, 'b', 5, 0],
      [0, 10, 'c', 3, 0],
      [10, 20, 'a', 2, 0],
    ]);
    expect(ranks(t.end())).toEqual([
      [10, 5, 1],
      [10, 3, 2],
      [20, 2, 1],
    ]);
    expect(t.op.stateSize()).toBe(0);
  });

  it('ASC, with NULL lowest, and N larger than the rows there are', () => {
    const t = operator({ orderBy: [{ column: 3, desc: false }], limit: 10 });
    t.feed([
      [0, 10, 'a', 4, 0],
      [0, 10, 'b', null, 0],
      [0, 10, 'c', 2, 0],
    ]);
    expect(ranks(t.end())).toEqual([
      [10, null, 1],
      [10, 2, 2],
      [10, 4, 3],
    ]);
  });

  it('breaks ties by arrival: the earlier row ranks first, and a later equal row does not displace it', () => {
    const t = operator({ limit: 1 });
    t.feed([
      [0, 10, 'first', 7, 0],
      [0, 10, 'second', 7, 0],
    ]);
    t.feed([[0, 10, 'third', 7, 0]]);
    expect(t.end().map((r) => r['k'])).toEqual(['first']);
  });

  it('orders by several keys and partitions by a key beside the window', () => {
    const t = operator({
      partitionBy: [K],
      orderBy: [
        { column: 3, desc: true },
        { column: 4, desc: false },
      ],
      limit: 2,
    });
    t.feed([
      [0, 10, 'x', 1, 9],
      [0, 10, 'y', 8, 0],
      [0, 10, 'x', 5, 3],
      [0, 10, 'x', 5, 1],
      [0, 10, 'y', 2, 0],
      [0, 10, 'y', 1, 0],
    ]);
    const got = t.end().map((r) => [r['k'], r['p'], r['q'], r['rownum']]);
    expect(got).toEqual([
      ['x', 5, 1, 1],
      ['x', 5, 3, 2],
      ['y', 8, 0, 1],
      ['y', 2, 0, 2],
    ]);
  });

  it('emits a window once the watermark reaches end − 1, and reports its later rows as late', () => {
    const late: string[] = [];
    const t = operator({}, late);
    t.feed([[0, 10, 'a', 1, 0]], [-Infinity]);
    // Watermark 8: the window [0, 10) is still open; 9 completes it.
    t.feed([[0, 10, 'b', 2, 0]], [8]);
    expect(t.out).toEqual([]);
    expect(t.op.stateSize()).toBe(2);
    t.feed([[10, 20, 'c', 3, 0]], [9]);
    expect(ranks(t.out)).toEqual([
      [10, 2, 1],
      [10, 1, 2],
    ]);
    expect(t.op.stateSize()).toBe(1);
    t.feed([[0, 10, 'd', 9, 0]], [9]);
    expect(ranks(t.end())).toEqual([
      [10, 2, 1],
      [10, 1, 2],
      [20, 3, 1],
    ]);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatch(/^late 0: late for window \[.*\): watermark .* ≥ end−1$/);
  });

  it('after a window aggregate (rows come as their window completes) nothing is late', () => {
    const late: string[] = [];
    const t = operator({ lateRows: false }, late);
    t.feed(
      [
        [0, 10, 'a', 1, 0],
        [0, 10, 'b', 2, 0],
      ],
      [50, 50],
    );
    expect(ranks(t.end())).toEqual([
      [10, 2, 1],
      [10, 1, 2],
    ]);
    expect(late).toEqual([]);
  });
});
