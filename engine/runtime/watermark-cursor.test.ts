/** The cursor gives `watermarkBefore`'s value for any sequence of keys: ascending, repeated, backwards, far ahead, ±∞. */
import { describe, expect, it } from 'vitest';
import { arrivalKey, watermarkBefore, type SourceTime } from '../sources/arrival-clock';
import { rowsClock, rowsClockData } from '../sources/rows-clock';
import { CombinedWatermark } from './combined-watermark';
import { WatermarkCursor } from './watermark-cursor';

/** A small deterministic generator (no Math.random: failures must reproduce). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function source(index: number, rows: number, rnd: () => number): SourceTime {
  // Event times with disorder; several rows per millisecond at times (equal arrivals).
  const ts: number[] = [];
  let t = 1000;
  for (let k = 0; k < rows; k++) {
    t += Math.floor(rnd() * 3) * 5;
    ts.push(t - Math.floor(rnd() * 40));
  }
  return {
    clock: rowsClock(
      rowsClockData(
        ts,
        ts.map((_, k) => k),
      ),
    ),
    delay: 7,
    index,
    idleTimeout: null,
  };
}

describe('watermark cursor', () => {
  it('equals watermarkBefore on ascending runs, repeats, jumps back and far ahead', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = lcg(seed);
      const s = source(seed % 3, 300, rnd);
      const c = new WatermarkCursor(s);
      let a = 900;
      for (let q = 0; q < 2000; q++) {
        const r = rnd();
        if (r < 0.05)
          a = 900 + Math.floor(rnd() * 2000); // anywhere, often behind
        else if (r < 0.1)
          a += 500; // far ahead
        else a += Math.floor(rnd() * 4);
        const key = r < 0.01 ? (rnd() < 0.5 ? Infinity : -Infinity) : arrivalKey(a, Math.floor(rnd() * 4));
        expect(c.at(key)).toBe(watermarkBefore(s, key));
      }
    }
  });

  it('minInto gives the minimum with watermarkBefore over runs of such keys', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = lcg(seed);
      const s = source(seed % 3, 300, rnd);
      const c = new WatermarkCursor(s);
      let a = 900;
      for (let run = 0; run < 100; run++) {
        const keys = new Float64Array(1 + Math.floor(rnd() * 40));
        for (let i = 0; i < keys.length; i++) {
          const r = rnd();
          if (r < 0.03) a = 900 + Math.floor(rnd() * 2000);
          else if (r < 0.06) a += 500;
          else a += Math.floor(rnd() * 4);
          keys[i] = r < 0.01 ? (rnd() < 0.5 ? Infinity : -Infinity) : arrivalKey(a, Math.floor(rnd() * 4));
        }
        // Finite values (some below every watermark) let the lower bound decide without the clock.
        const out = Float64Array.from(keys, () =>
          rnd() < 0.3 ? 1000 + Math.floor(rnd() * 1000) : rnd() < 0.3 ? 900 : Infinity,
        );
        const want = Array.from(out, (o, i) => Math.min(o, watermarkBefore(s, keys[i]!)));
        c.minInto(keys, keys.length, out);
        expect(Array.from(out)).toEqual(want);
      }
    }
  });

  it('gives CombinedWatermark.minRawInto the values of rawAt', () => {
    const rnd = lcg(7);
    const sources = [source(0, 200, rnd), source(1, 300, rnd)];
    const w = new CombinedWatermark(sources);
    const keys = Float64Array.from({ length: 500 }, (_, i) => arrivalKey(950 + i * 3, i % 2));
    const out = Float64Array.from(keys, (_, i) => (i % 5 === 0 ? -50 : Infinity));
    w.minRawInto(keys, keys.length, out);
    keys.forEach((key, i) => expect(out[i]).toBe(Math.min(i % 5 === 0 ? -50 : Infinity, w.rawAt(key))));
  });
});
