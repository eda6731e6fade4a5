/**
 * Join key ids: equal values get equal ids on both sides and across batches, a NULL gets −1,
 * whether a batch is keyed through the small-integer table or the interner.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import type { Expr } from '../plan/physical-plan';
import { JoinKeys } from './join-keys';
import { KEY_COMPACTION } from './key-compaction';

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

  it('forgets keys no longer held once the table has grown, keeping the held ones matching', () => {
    const keys = new JoinKeys([K], [K]);
    let held = new Map<number, number>(); // value → its id, for the keys still held
    let compactions = 0;
    for (let b = 0; b < 300; b++) {
      // Ever-new keys (an id per order), a few large or fractional, some from the batch before.
      const values = Array.from({ length: 1000 }, (_, i) =>
        i % 10 === 0 && b > 0
          ? (b - 1) * 1000 + i
          : i % 97 === 0
            ? 2 ** 40 + b * 1000 + i
            : b * 1000 + i + 0.5 * (i % 3),
      );
      const ids = keys.keysOf((b % 2) as 0 | 1, batch(values));
      values.forEach((v, i) => {
        if (held.has(v)) expect(ids[i]).toBe(held.get(v));
      });
      // Only this batch's keys stay held.
      held = new Map(values.map((v, i) => [v, ids[i]!]));
      const live = new Set(held.values());
      const map = keys.compactIfGrown((k) => live.has(k));
      if (map === null) continue;
      compactions++;
      held = new Map([...held].map(([v, id]) => [v, map[id]!]));
      expect([...held.values()].every((id) => id >= 0)).toBe(true);
      expect(keys.count).toBe(live.size);
    }
    // 300,000 keys seen; the table never grew far past the threshold.
    expect(compactions).toBeGreaterThan(2);
    expect(keys.count).toBeLessThan(2 * KEY_COMPACTION.from + 1000);
  });
});
