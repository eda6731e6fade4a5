/** The pool hands out what it was given, once, and keeps only the lengths last given back. */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from './batch';
import { BatchPool } from './batch-pool';

function batchOf(pool: BatchPool, n: number): ColumnBatch {
  return pool.made({
    length: n,
    columns: [{ type: 'DOUBLE', data: pool.f64(n), valid: null }],
    seq: pool.f64(n),
    wm: pool.f64(n),
    wmAfter: 0,
    op: null,
  });
}

describe('BatchPool', () => {
  it('reuses a given-back batch’s arrays once, and ignores batches it did not make', () => {
    const pool = new BatchPool();
    const b = batchOf(pool, 8);
    pool.give(b);
    pool.give(b);
    const stranger: ColumnBatch = { ...b, seq: new Float64Array(8) };
    pool.give(stranger);
    const taken = [pool.f64(8), pool.f64(8), pool.f64(8), pool.f64(8)];
    const mine = [b.seq, b.wm, (b.columns[0] as { data: Float64Array }).data];
    expect(mine.every((a) => taken.includes(a))).toBe(true);
    expect(taken.includes(stranger.seq)).toBe(false);
    expect(taken.filter((a) => mine.includes(a))).toHaveLength(3);
  });

  it('keeps arrays of the three lengths last given back', () => {
    const pool = new BatchPool();
    const given = [10, 20, 30, 40, 10].map((n) => {
      const b = batchOf(pool, n);
      pool.give(b);
      return b;
    });
    const arrays = (b: ColumnBatch) => [b.seq, b.wm, (b.columns[0] as { data: Float64Array }).data];
    // 20 was given back longest ago once 40 and 10 came: its arrays are gone, 30's are kept.
    expect(arrays(given[1]!)).not.toContain(pool.f64(20));
    expect(arrays(given[2]!)).toContain(pool.f64(30));
    expect(arrays(given[4]!)).toContain(pool.f64(10));
  });

  it('with poison, fills arrays given back with NaN and codes with −1', () => {
    const pool = new BatchPool();
    pool.poison = true;
    const codes = pool.i32(4).fill(2);
    const b = pool.made({
      length: 4,
      columns: [
        { type: 'VARCHAR', codes, dictBytes: new Uint8Array(0), dictOffsets: new Int32Array(1), valid: null },
      ],
      seq: pool.f64(4).fill(1),
      wm: pool.f64(4).fill(1),
      wmAfter: 0,
      op: null,
    });
    pool.give(b);
    expect([...b.seq]).toEqual([NaN, NaN, NaN, NaN]);
    expect([...codes]).toEqual([-1, -1, -1, -1]);
    expect(pool.i32(4)).toBe(codes);
  });
});
