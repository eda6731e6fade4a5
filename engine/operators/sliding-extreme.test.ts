import { describe, expect, it } from 'vitest';
import { ResultColumn } from '../aggregate/result-column';
import { extremeCall as call, resultValues as values, rng } from './extreme-test-support';
import { FrameMinMax } from './frame-min-max';
import { SlidingExtreme } from './sliding-extreme';

describe('SlidingExtreme', () => {
  // The reference is the per-row monotonic deque (FrameMinMax.step), the operator's semantics for NULL, NaN and −0 too.
  for (const fn of ['MIN', 'MAX'] as const)
    for (const frame of [1, 2, 3, 5, 8, 100])
      for (const seed of [1, 2, 3])
        it(`${fn} over ${frame} rows, runs of random length, NULL / NaN / −0 / ±∞ mixed in (seed ${seed})`, () => {
          const r = rng(seed * 7919 + frame);
          const keys = 3;
          const ref = new FrameMinMax(call(fn), frame - 1);
          const blocks = new SlidingExtreme(frame, fn === 'MAX');
          const count = new Array<number>(keys).fill(0);
          for (let run = 0; run < 150; run++) {
            const k = Math.floor(r() * keys);
            const len = 1 + Math.floor(r() * (r() < 0.5 ? 5 : 3 * frame));
            const odd = r() < 0.15;
            const data = new Float64Array(len);
            const valid = new Uint8Array((len + 7) >> 3);
            const expected = new ResultColumn('DOUBLE');
            expected.ensure(len);
            for (let i = 0; i < len; i++) {
              const u = r();
              data[i] =
                odd && u < 0.05
                  ? NaN
                  : odd && u < 0.1
                    ? -0
                    : u < 0.12
                      ? 0
                      : u < 0.13
                        ? Infinity
                        : u < 0.14
                          ? -Infinity
                          : Math.round(r() * 20);
              const isNull = r() < (run % 4 === 0 ? 0.6 : 0.1);
              if (!isNull) valid[i >> 3]! |= 1 << (i & 7);
              ref.step(k, count[k]! + i, data[i]!, isNull ? null : 1, null, expected, i);
            }
            const actual = new ResultColumn('DOUBLE');
            actual.ensure(len);
            const at = Int32Array.from({ length: len }, (_, i) => i);
            blocks.run(k, count[k]!, data, valid, at, 0, len, actual);
            count[k]! += len;
            expect(values(actual, len)).toEqual(values(expected, len));
          }
        });
});
