import { describe, expect, it } from 'vitest';
import { NumberKeyIds } from './number-key-ids';

/** Feeds keys to a NumberKeyIds and a Map side by side; every id must agree. */
function agree(keys: readonly number[]): NumberKeyIds {
  const t = new NumberKeyIds();
  const m = new Map<number, number>();
  let n = 0;
  for (const x of keys) {
    if (!m.has(x)) m.set(x, m.size);
    const id = t.idOf(x, n);
    if (id === n) n++;
    if (id !== m.get(x)) expect(id).toBe(m.get(x));
  }
  expect(n).toBe(m.size);
  let wrong = 0;
  for (const [x, id] of m) if (t.idOf(x, -7) !== id) wrong++;
  expect(wrong).toBe(0);
  return t;
}

function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648);
}

describe('NumberKeyIds', () => {
  it('keeps dense ascending and negative int keys in pages, duplicates included', () => {
    const keys: number[] = [];
    // Past the pages allowed whatever the density (1,300 pages of 1024).
    for (let i = 0; i < 700_000; i++) keys.push(Math.floor(i * 0.9), -i);
    expect(agree(keys).paged).toBe(true);
  });

  it('moves strided and random keys into the hash, with the same ids before and after', () => {
    for (const stride of [8, 1024, 4096, 1 << 20]) {
      const keys: number[] = [];
      for (let i = 0; i < 200_000; i++) keys.push((i * stride) | 0, ((i >> 1) * stride) | 0);
      const t = agree(keys);
      expect(t.paged).toBe(false);
      // 200,000 keys at a load ≤ ½: a probe of more than a few dozen slots would mean clustering.
      expect(t.longestProbe()).toBeLessThan(64);
    }
    const next = lcg(7);
    const random: number[] = [];
    for (let i = 0; i < 200_000; i++) random.push(next() - 1073741824);
    expect(agree(random).paged).toBe(false);
  });

  it('hashes fractions, numbers beyond int32 and infinities beside paged ints; −0 is 0', () => {
    const t = agree([
      0,
      1.5,
      2 ** 31,
      -(2 ** 31),
      2 ** 31 - 1,
      Number.MAX_SAFE_INTEGER,
      -Infinity,
      Infinity,
      5e-324,
      3,
      1.5,
      2 ** 31,
    ]);
    expect(t.idOf(-0, 99)).toBe(0);
    const u = new NumberKeyIds();
    expect(u.idOf(-0, 0)).toBe(0);
    expect(u.idOf(0, 1)).toBe(0);
  });

  it('stays correct for dense keys that arrive in random order', () => {
    const next = lcg(11);
    const keys: number[] = [];
    for (let i = 0; i < 200_000; i++) keys.push(next() % 500_000);
    agree(keys);
  });
});
