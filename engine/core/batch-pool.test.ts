/**
 * The pool hands out what it was given, once, by capacity (arrays of other lengths in the same
 * power of two share buffers), keeps only the capacities last given back, and ignores arrays it
 * could not have made.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from './batch';
import { BatchPool, capacityFor } from './batch-pool';

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

const buffersOf = (b: ColumnBatch): ArrayBufferLike[] => [
  b.seq.buffer,
  b.wm.buffer,
  (b.columns[0] as { data: Float64Array }).data.buffer,
];

describe('BatchPool', () => {
  it('cuts arrays from powers of two, at least 64', () => {
    expect([1, 64, 65, 1000, 4700, 16384, 16385].map(capacityFor)).toEqual([
      64, 64, 128, 1024, 8192, 16384, 32768,
    ]);
    const pool = new BatchPool();
    const a = pool.f64(4700);
    expect(a.length).toBe(4700);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(8 * 8192);
  });

  it('reuses a given-back batch’s buffers once, at any length of their capacity, and ignores batches it did not make', () => {
    const pool = new BatchPool();
    const b = batchOf(pool, 3000);
    pool.give(b);
    pool.give(b);
    const stranger: ColumnBatch = { ...b, seq: new Float64Array(4096) };
    pool.give(stranger);
    const taken = [pool.f64(2500), pool.f64(4096), pool.f64(3000), pool.f64(2049)];
    expect(taken.map((a) => a.length)).toEqual([2500, 4096, 3000, 2049]);
    const mine = buffersOf(b);
    expect(taken.filter((a) => mine.includes(a.buffer))).toHaveLength(3);
    expect(taken.some((a) => a.buffer === stranger.seq.buffer)).toBe(false);
  });

  it('keeps arrays of the four capacities last given back', () => {
    const pool = new BatchPool();
    const given = [100, 300, 600, 1200, 2400, 100].map((n) => {
      const b = batchOf(pool, n);
      pool.give(b);
      return b;
    });
    // 300 (capacity 512) was given back longest ago once 2400 and 100 came again: gone; 600's kept.
    expect(buffersOf(given[1]!)).not.toContain(pool.f64(300).buffer);
    expect(buffersOf(given[2]!)).toContain(pool.f64(600).buffer);
    expect(buffersOf(given[5]!)).toContain(pool.f64(100).buffer);
  });

  it('leaves alone views into other buffers, buffers of other sizes, and transferred arrays', () => {
    const pool = new BatchPool();
    const big = new Float64Array(2048);
    const strays = [big.subarray(1024), new Float64Array(1000), new Float64Array(new ArrayBuffer(0))];
    for (const a of strays) pool.made({ length: 0, columns: [], seq: a, wm: a, wmAfter: 0, op: null });
    for (const a of strays) pool.adopt({ length: 0, columns: [], seq: a, wm: a, wmAfter: 0, op: null });
    const taken = [pool.f64(1024), pool.f64(1000), pool.f64(64)];
    expect(taken.some((t) => strays.some((s) => s.buffer === t.buffer))).toBe(false);
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
    expect(pool.i32(4).buffer).toBe(codes.buffer);
  });
});
