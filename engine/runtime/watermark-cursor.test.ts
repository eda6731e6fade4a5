/** The cursor gives `watermarkBefore`'s value for any sequence of keys: ascending, repeated, backwards, far ahead, ±∞. */
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import { arrivalKey, watermarkBefore, type SourceTime } from '../sources/arrival-clock';
import { generatorClock } from '../sources/generators/generator-clock';
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

/** A generated stream's source time: its clock is linear (see ArrivalClock.linear). */
function generated(index: number, withOptions: string): SourceTime {
  const sql = `CREATE STREAM g (id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '3' MILLISECOND)
    WITH (${withOptions}, seed = 9); SELECT * FROM g;`;
  const spec = compileScript(sql).plan!.sources[0]!;
  return { clock: generatorClock(spec), delay: spec.watermarkDelay, index, idleTimeout: null };
}

/** Runs of keys like a batch's: mostly ascending by a few ms, sometimes far ahead or back, some ±∞. */
function keyRuns(rnd: () => number, from: number, span: number): Float64Array[] {
  let a = from;
  return Array.from({ length: 60 }, () => {
    const keys = new Float64Array(1 + Math.floor(rnd() * 40));
    for (let i = 0; i < keys.length; i++) {
      const r = rnd();
      if (r < 0.03) a = from + Math.floor(rnd() * span);
      else if (r < 0.06) a += Math.floor(span / 4);
      else a += Math.floor(rnd() * 4);
      keys[i] = r < 0.01 ? (rnd() < 0.5 ? Infinity : -Infinity) : arrivalKey(a, Math.floor(rnd() * 4));
    }
    return keys;
  });
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

  it('minInto on generated streams (by division, no steps) gives watermarkBefore', () => {
    // [options, where keys start, over how many ms]: each stream's rows and a little around them.
    const streams: [string, number, number][] = [
      ['total = 400, event_step = 10', -20, 4100], // in order: M(n) is row n − 1's arrival
      ['total = 400, event_step = 0.37, start_time = 1001', 990, 170], // several rows per ms
      [
        'total = 400, event_step = 7, start_time = 3, out_of_order = 0.3, max_out_of_order = 40, late = 0.05',
        0,
        2900,
      ],
      ['event_step = 2.5, out_of_order = 0.2, max_out_of_order = 9', -5, 3000], // unbounded
      // Steps that are no binary fraction: the division's estimate needs its rounding fixed at times.
      ['total = 3000, event_step = 0.7', 0, 2110], // floor(90 × 0.7) = 62: the estimate 90 is a row short
      ['total = 900, event_step = 2.3', 0, 2080], // and here a row over
      ['total = 2000, event_step = 1.4', 0, 2810], // a row short that arrives after the one before it
      ['total = 3000, event_step = 0.29, out_of_order = 0.5, max_out_of_order = 3, late = 0.1', 0, 880],
    ];
    streams.forEach(([options, from, span], k) => {
      const s = generated(k % 3, options);
      expect(s.clock.linear).toBeDefined();
      const rnd = lcg(k + 1);
      const c = new WatermarkCursor(s);
      for (const keys of keyRuns(rnd, from, span)) {
        const out = Float64Array.from(keys, () => (rnd() < 0.3 ? Math.floor(rnd() * 3000) : Infinity));
        const want = Array.from(out, (o, i) => Math.min(o, watermarkBefore(s, keys[i]!)));
        c.minInto(keys, keys.length, out);
        expect(Array.from(out)).toEqual(want);
      }
      // And every millisecond in one ascending run: each row count the division can land on.
      const every = Float64Array.from({ length: span }, (_, i) => arrivalKey(from + i, (k + 1) % 3));
      const out = new Float64Array(span).fill(Infinity);
      new WatermarkCursor(s).minInto(every, span, out);
      expect(Array.from(out)).toEqual(Array.from(every, (key) => watermarkBefore(s, key)));
    });
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
