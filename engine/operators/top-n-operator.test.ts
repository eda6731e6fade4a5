import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import { batchToRowsWithOp, type RowWithOp } from '../core/batch-rows';
import type { Schema, Value } from '../core/types';
import type { Expr, TopNOp } from '../plan/physical-plan';
import type { OperatorContext } from './operator';
import { TopNOperator } from './top-n-operator';

const INPUT: Schema = [
  { name: 'k', type: 'VARCHAR', nullable: true },
  { name: 'p', type: 'DOUBLE', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: false },
];
const OUTPUT: Schema = [...INPUT, { name: 'rownum', type: 'BIGINT', nullable: false }];
const K: Expr = { kind: 'column', index: 0, name: 'k', type: 'VARCHAR' };

function operator(over: Partial<TopNOp>, stateLimit = 1_000_000) {
  const ctx: OperatorContext = { stateLimit, events: null, reject: () => {} };
  const op = new TopNOperator(
    {
      kind: 'topN',
      partitionBy: [K],
      orderBy: [{ column: 1, desc: true }],
      limit: 2,
      latestFirst: false,
      schema: OUTPUT,
      ...over,
    },
    INPUT,
    ctx,
  );
  const out: RowWithOp[] = [];
  const sink = { push: (b: ColumnBatch): void => void out.push(...batchToRowsWithOp(b, OUTPUT)) };
  let seq = 0;
  const feed = (rows: Value[][]): void => {
    const b = buildBatch(rows, INPUT, { seq: rows.map(() => seq++), wm: rows.map(() => 0), wmAfter: 0 });
    op.onBatch(b, sink);
  };
  return { op, out, feed };
}

const text = (rows: RowWithOp[]): string[] => rows.map((r) => `${r.op} ${r['k']} ${r['p']} #${r['rownum']}`);

/** What a table applying the changelog holds: +I adds the row, −D removes an equal one (which must be there). */
function applied(rows: RowWithOp[]): string[] {
  const held: string[] = [];
  for (const { op, ...r } of rows) {
    const key = JSON.stringify(r);
    if (op === '+I') held.push(key);
    else {
      const at = held.indexOf(key);
      expect(at, `retracts a row it does not hold: ${key}`).toBeGreaterThanOrEqual(0);
      held.splice(at, 1);
    }
  }
  return held.sort();
}

/** The top `limit` per key of all rows so far, by p DESC then arrival: the answer by sorting. */
function reference(rows: Value[][], limit: number): string[] {
  const byKey = new Map<Value, { r: Value[]; i: number }[]>();
  rows.forEach((r, i) => {
    const l = byKey.get(r[0]!) ?? [];
    l.push({ r, i });
    byKey.set(r[0]!, l);
  });
  const out: string[] = [];
  for (const l of byKey.values()) {
    l.sort((a, b) => {
      const [x, y] = [a.r[1] as number | null, b.r[1] as number | null];
      if (x !== y) return x === null ? 1 : y === null ? -1 : y - x;
      return a.i - b.i;
    });
    l.slice(0, limit).forEach(({ r }, j) =>
      out.push(JSON.stringify({ k: r[0], p: r[1], ts: r[2], rownum: j + 1 })),
    );
  }
  return out.sort();
}

describe('TopNOperator', () => {
  it("emits Flink's changelog order: each moved row retracted and re-inserted, the one past N only retracted", () => {
    const t = operator({});
    t.feed([
      ['a', 1, 0],
      ['a', 3, 1],
    ]);
    t.feed([['a', 2, 2]]);
    expect(text(t.out)).toEqual([
      '+I a 1 #1',
      '-D a 1 #1',
      '+I a 3 #1',
      '+I a 1 #2',
      '-D a 1 #2',
      '+I a 2 #2',
    ]);
    // 1 is out of the top (freed); 0.5 does not enter and changes nothing.
    t.out.length = 0;
    t.feed([['a', 0.5, 3]]);
    expect(t.out).toEqual([]);
    expect(t.op.stateSize()).toBe(2);
  });

  it('ties go to the earlier row; with latestFirst (keep the last row) to the later', () => {
    const first = operator({ limit: 1, orderBy: [{ column: 2, desc: true }] });
    first.feed([
      ['a', 1, 5],
      ['a', 2, 5],
    ]);
    expect(text(first.out)).toEqual(['+I a 1 #1']);
    const last = operator({ limit: 1, orderBy: [{ column: 2, desc: true }], latestFirst: true });
    last.feed([['a', 1, 5]]);
    last.feed([
      ['a', 2, 5],
      ['a', 3, 4],
    ]);
    expect(text(last.out)).toEqual(['+I a 1 #1', '-D a 1 #1', '+I a 2 #1']);
  });

  it('NULL ranks lowest, and keys are ranked apart', () => {
    const t = operator({ limit: 1, orderBy: [{ column: 1, desc: false }] });
    t.feed([
      ['a', 2, 0],
      ['a', null, 1],
      ['b', 7, 2],
    ]);
    expect(text(t.out)).toEqual(['+I a 2 #1', '-D a 2 #1', '+I a null #1', '+I b 7 #1']);
  });

  it('after every batch, the changelog applied is the top N by sorting (random rows, several batch sizes)', () => {
    let x = 7;
    const rnd = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const limit of [1, 3]) {
      for (const size of [1, 5, 64]) {
        const t = operator({ limit });
        const all: Value[][] = [];
        for (let b = 0; b < 20; b++) {
          const rows = Array.from({ length: size }, (_, j): Value[] => [
            'abc'[Math.floor(rnd() * 3)]!,
            rnd() < 0.1 ? null : Math.floor(rnd() * 10),
            b * size + j,
          ]);
          all.push(...rows);
          t.feed(rows);
          expect(applied(t.out), `limit ${limit}, batch ${size}, after ${all.length}`).toEqual(
            reference(all, limit),
          );
        }
        expect(t.op.stateSize()).toBeLessThanOrEqual(3 * limit);
      }
    }
  });

  it('stops at the state limit', () => {
    const t = operator({ limit: 5 }, 3);
    expect(() =>
      t.feed([
        ['a', 1, 0],
        ['b', 1, 1],
        ['c', 1, 2],
        ['d', 1, 3],
      ]),
    ).toThrow(/state limit of 3 rows held by the Top-N/);
  });
});
