/**
 * Join key ids: equal values get equal ids on both sides and across batches, a NULL gets −1,
 * whether a batch is keyed through the small-integer table or the interner.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import type { Expr } from '../plan/physical-plan';
import { JoinKeys } from './join-keys';

const K: Expr = { kind: 'column', index: 0, name: 'k', type: 'BIGINT' };

function batch(values: readonly (number | null)[]): ColumnBatch {
  const n = values.length;
  const valid = new Uint8Array((n + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null) valid[i >> 3]! |= 1 << (i & 7);
  });
  return {
    length: n,
    columns: [{ type: 'BIGINT', data: Float64Array.from(values, (v) => v ?? 7), valid }],
    seq: new Float64Array(n),
    wm: new Float64Array(n),
    wmAfter: -Infinity,
    op: null,
  };
}

describe('join keys', () => {
  it('gives equal values one id on both sides, small integers or not, and NULL −1', () => {
    const keys = new JoinKeys([K], [K]);
    const idOf = new Map<number, number>();
    // Small integers, repeats (served by the table once seen), large, negative, fractional, -0, NULL.
    const pool = [0, -0, 1, 2, 3, 1023, 1024, 70000, 2 ** 20, 2 ** 20 + 1, 2 ** 40, -5, 2.5, null];
    let x = 12345;
    for (let b = 0; b < 40; b++) {
      const values = Array.from({ length: 50 }, () => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return b % 4 === 3 ? pool[x % 4]! : pool[x % pool.length]!;
      });
      const ids = keys.keysOf((b % 2) as 0 | 1, batch(values));
      values.forEach((v, i) => {
        if (v === null) return expect(ids[i]).toBe(-1);
        const v0 = v === 0 ? 0 : v;
        const known = idOf.get(v0);
        if (known === undefined) idOf.set(v0, ids[i]!);
        else expect(ids[i]).toBe(known);
      });
    }
    // Distinct values, distinct ids.
    expect(new Set(idOf.values()).size).toBe(idOf.size);
  });
});
