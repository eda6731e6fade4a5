/**
 * The SIMD column loops against their JavaScript ones: the committed bytes are
 * the .wat's, and row numbers, shifted integers and in-order event times with
 * their watermarks are the same doubles (zeros' signs included) across pieces,
 * odd counts and starts where M is ahead of the times.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleWat } from '../../../scripts/assemble-wat.mjs';
import { useWasmKernels } from '../../core/wasm-module';
import { COLUMN_FILL_WASM } from './column-fill-wasm';
import { FILL_PIECE, fillInOrderTimes, fillRowNumbers, fillShifted } from './fill-kernel';

/** Runs `f` with the kernel and with the JavaScript loop; returns both results. */
function bothWays<T>(f: () => T): [T, T] {
  useWasmKernels(true);
  const kernel = f();
  useWasmKernels(false);
  const js = f();
  useWasmKernels(true);
  return [kernel, js];
}

const sameDoubles = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((x, j) => Object.is(x, b[j]));

describe('SIMD column fills', () => {
  afterEach(() => useWasmKernels(true));

  it('is the assembled column-fill.wat (run npm run build:wasm after editing it)', async () => {
    const text = readFileSync(new URL('./column-fill.wat', import.meta.url), 'utf8');
    expect(await assembleWat('column-fill.wat', text)).toBe(COLUMN_FILL_WASM);
  });

  const count = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 2 * FILL_PIECE + 77 }));

  it('row numbers are start + j', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat(2 ** 40),
          fc.double({ min: -1e15, max: 1e15, noNaN: true }),
          // Past 2^53, where start + j rounds: a running sum would round differently.
          fc.double({ min: 2 ** 53, max: 2 ** 60, noNaN: true }),
        ),
        count,
        (start, n) => {
          const [k, js] = bothWays(() => {
            const out = new Float64Array(n);
            fillRowNumbers(out, start, n);
            return out;
          });
          expect(sameDoubles(k, js)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('shifted integers are ints[j] + offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 2 * FILL_PIECE + 9 }),
        fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true })),
        (values, offset) => {
          const ints = Int32Array.from(values);
          const [k, js] = bothWays(() => {
            const out = new Float64Array(ints.length);
            fillShifted(out, ints, ints.length, offset);
            return out;
          });
          expect(sameDoubles(k, js)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('in-order event times and watermarks are the JavaScript scan’s, and so is M after them', () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 33),
        count,
        fc.oneof(fc.constant(-Infinity), fc.double({ min: 0, max: 2e12, noNaN: true })),
        fc.oneof(fc.constant(1.7e12), fc.double({ min: -1e6, max: 2e12, noNaN: true })),
        fc.oneof(fc.constant(0.02), fc.constant(0), fc.double({ min: 0, max: 1000, noNaN: true })),
        fc.oneof(fc.constant(0), fc.constant(1000), fc.double({ min: 0, max: 1e5, noNaN: true })),
        (pos, n, maxTs, start, step, minus) => {
          const [k, js] = bothWays(() => {
            const ts = new Float64Array(n);
            const mb = new Float64Array(n);
            const m = fillInOrderTimes(pos, n, maxTs, start, step, ts, mb, minus);
            return { ts, mb, m };
          });
          expect(sameDoubles(k.ts, js.ts)).toBe(true);
          expect(sameDoubles(k.mb, js.mb)).toBe(true);
          expect(Object.is(k.m, js.m)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives a row the watermark of the rows before it, within a pair and across pieces', () => {
    // One row a millisecond from 10 ms, M = 20 before the first: M before row j is then 20 until
    // row 11 (time 21) and the time of row j − 1 after it; watermarks lag 1000 ms.
    const n = FILL_PIECE + 3;
    const ts = new Float64Array(n);
    const mb = new Float64Array(n);
    const m = fillInOrderTimes(10, n, 20, 0, 1, ts, mb, 1000);
    expect([ts[0], ts[1], ts[FILL_PIECE]]).toEqual([10, 11, 10 + FILL_PIECE]);
    expect([mb[0], mb[1], mb[11], mb[12], mb[13]]).toEqual([-980, -980, -980, -979, -978]);
    expect([mb[FILL_PIECE - 1], mb[FILL_PIECE]]).toEqual([
      10 + FILL_PIECE - 2 - 1000,
      10 + FILL_PIECE - 1 - 1000,
    ]);
    expect(m).toBe(10 + n - 1);
  });
});
