import { describe, expect, it } from 'vitest';
import { ResultColumn } from '../aggregate/result-column';
import { extremeCall as call, resultValues as values, rng } from './extreme-test-support';
import { FrameMinMax } from './frame-min-max';
import { SlidingExtreme } from './sliding-extreme';
import { runMinMax } from './sliding-min-max';

describe('runMinMax', () => {
  // The reference is the per-row monotonic deque (FrameMinMax.step) for each side. Most runs have no NULL
  // (no bitmap), so the shared pass runs, with runs holding NULL, NaN or −0 in between, where each side goes on alone.
  for (const frame of [1, 2, 3, 5, 8, 100])
    for (const seed of [1, 2, 3])
      it(`MIN and MAX over ${frame} rows in one pass, runs of random length (seed ${seed})`, () => {
        const r = rng(seed * 104729 + frame);
        const keys = 3;
        const refLo = new FrameMinMax(call('MIN'), frame - 1);
        const refHi = new FrameMinMax(call('MAX'), frame - 1);
        const lo = new SlidingExtreme(frame, false);
        const hi = new SlidingExtreme(frame, true);
        const count = new Array<number>(keys).fill(0);
        for (let run = 0; run < 200; run++) {
          const k = Math.floor(r() * keys);
          const len = 1 + Math.floor(r() * (r() < 0.5 ? 5 : 3 * frame));
          const odd = r() < 0.1;
          const nulls = r() < 0.1;
          const data = new Float64Array(len);
          const valid = nulls ? new Uint8Array((len + 7) >> 3) : null;
          const expLo = new ResultColumn('DOUBLE');
          const expHi = new ResultColumn('DOUBLE');
          expLo.ensure(len);
          expHi.ensure(len);
          for (let i = 0; i < len; i++) {
            const u = r();
            data[i] = odd && u < 0.05 ? NaN : odd && u < 0.1 ? -0 : u < 0.12 ? 0 : Math.round(r() * 20);
            const isNull = valid !== null && r() < 0.3;
            if (valid !== null && !isNull) valid[i >> 3]! |= 1 << (i & 7);
            refLo.step(k, count[k]! + i, data[i]!, isNull ? null : 1, null, expLo, i);
            refHi.step(k, count[k]! + i, data[i]!, isNull ? null : 1, null, expHi, i);
          }
          const outLo = new ResultColumn('DOUBLE');
          const outHi = new ResultColumn('DOUBLE');
          outLo.ensure(len);
          outHi.ensure(len);
          const at = Int32Array.from({ length: len }, (_, i) => i);
          runMinMax(lo, hi, k, count[k]!, data, valid, at, 0, len, outLo, outHi);
          count[k]! += len;
          expect(values(outLo, len)).toEqual(values(expLo, len));
          expect(values(outHi, len)).toEqual(values(expHi, len));
        }
      });
});
