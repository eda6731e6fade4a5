import { describe, expect, it } from 'vitest';
import {
  gaussianAt,
  hashAt,
  hashLow,
  normalAt,
  streamKey,
  uniform,
  uniformAt,
  uniformsAt,
  uniformsFrom,
  uniformsLow,
  valueNoise,
} from './prng';

describe('counter-based PRNG', () => {
  it('uniformsFrom gives exactly uniformAt over consecutive counters, also across 2^32', () => {
    for (const [key, from] of [
      [streamKey(7, 3), 0],
      [streamKey(1, 99), 123_456_789],
      [streamKey(5, 1), 2 ** 32 - 5],
    ] as const) {
      const out = new Float64Array(10);
      uniformsFrom(key, from, 10, out);
      for (let j = 0; j < 10; j++) expect(out[j]).toBe(uniformAt(key, from + j));
    }
  });
  it('hashLow, uniformsAt and uniformsLow give exactly hashAt and uniformAt', () => {
    const key = streamKey(3, 1);
    const idx = Float64Array.of(0, 1, 77, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3);
    for (const i of idx.subarray(0, 6)) expect(hashLow(key, i)).toBe(hashAt(key, i));
    const at = new Float64Array(idx.length);
    uniformsAt(key, idx, idx.length, at);
    idx.forEach((i, j) => expect(at[j]).toBe(uniformAt(key, i)));
    const low = Int32Array.from(idx.subarray(1, 6), (i) => i | 0);
    const out = new Float64Array(low.length);
    uniformsLow(key, low, low.length, out, 0);
    low.forEach((_, j) => expect(out[j]).toBe(uniformAt(key, idx[j + 1]!)));
    uniformsLow(key, low, low.length, out, -1);
    low.forEach((_, j) => expect(out[j]).toBe(uniformAt(key, idx[j + 1]! - 1)));
  });

  it('is a pure function of (seed, counter, salt)', () => {
    expect(uniform(7, 123, 5)).toBe(uniform(7, 123, 5));
    expect(uniform(7, 123, 5)).not.toBe(uniform(8, 123, 5));
    expect(uniform(7, 123, 5)).not.toBe(uniform(7, 124, 5));
    expect(uniform(7, 123, 5)).not.toBe(uniform(7, 123, 6));
  });

  it('mixes the high word of counters past 2^32', () => {
    const k = streamKey(1, 1);
    expect(hashAt(k, 5)).not.toBe(hashAt(k, 5 + 2 ** 32));
    expect(hashAt(k, 2 ** 40)).not.toBe(hashAt(k, 2 ** 41));
  });

  it('is uniform on consecutive counters (chi-square over 64 cells)', () => {
    const k = streamKey(42, 3);
    const cells = new Float64Array(64);
    const n = 640_000;
    for (let i = 0; i < n; i++) cells[Math.floor(uniformAt(k, i) * 64)]!++;
    const e = n / 64;
    let chi = 0;
    for (const c of cells) chi += (c - e) ** 2 / e;
    expect(chi).toBeLessThan(110); // 63 degrees of freedom: p ≈ 0.0002
  });

  it('has no lag-1 correlation between consecutive counters or between salts', () => {
    const a = streamKey(9, 1);
    const b = streamKey(9, 2);
    const n = 200_000;
    let lag = 0;
    let cross = 0;
    for (let i = 0; i < n; i++) {
      const u = uniformAt(a, i) - 0.5;
      lag += u * (uniformAt(a, i + 1) - 0.5);
      cross += u * (uniformAt(b, i) - 0.5);
    }
    // Var(u) = 1/12, so the correlation is sum / (n/12); its sd is ~1/sqrt(n).
    expect(Math.abs(lag / (n / 12))).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(cross / (n / 12))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('gives standard normal draws', () => {
    const k1 = streamKey(3, 1);
    const k2 = streamKey(3, 2);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let within1 = 0;
    for (let i = 0; i < n; i++) {
      const z = gaussianAt(k1, k2, i);
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1) within1++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.005);
  });

  it('gives standard normal draws from one uniform (table quantiles)', () => {
    const k = streamKey(4, 1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let within1 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = normalAt(k, i);
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1) within1++;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.005);
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.003);
  });

  it('value noise is continuous and bounded', () => {
    const k = streamKey(1, 77);
    let prev = valueNoise(k, 0);
    for (let t = 0.01; t < 50; t += 0.01) {
      const v = valueNoise(k, t);
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      expect(Math.abs(v - prev)).toBeLessThan(0.03);
      prev = v;
    }
  });
});
