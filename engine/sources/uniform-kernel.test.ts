/**
 * The SIMD uniform draws against the JavaScript ones: the committed bytes
 * are the .wat's, and uniformsFrom / uniformsLow give uniformAt's bits for
 * blocks long enough to take the kernel, across pieces and up to 2^32; a
 * quantile draw with its rounding gives the JavaScript passes' doubles.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { assembleWat } from '../../scripts/assemble-wat.mjs';
import { describe, expect, it } from 'vitest';
import { useWasmKernels } from '../core/wasm-module';
import { quantilesOf, type RowBlock } from './generators/generator-def';
import { quantileSampler, uniformAt, uniformsFrom, uniformsLow } from './prng';
import {
  QUANTILE_AS_IS,
  QUANTILE_CENTS,
  QUANTILE_COUNT,
  UNIFORM_PIECE,
  uniformKernel,
} from './uniform-kernel';
import { UNIFORMS_WASM } from './uniforms-wasm';

describe('SIMD uniform draws', () => {
  it('is the assembled uniforms.wat (run npm run build:wasm after editing it)', async () => {
    const text = readFileSync(new URL('./uniforms.wat', import.meta.url), 'utf8');
    expect(await assembleWat('uniforms.wat', text)).toBe(UNIFORMS_WASM);
  });

  it('runs here (Node has WebAssembly SIMD), so the cases below test the kernel', () => {
    expect(uniformKernel()).not.toBeNull();
  });

  it('uniformsFrom and uniformsLow give uniformAt’s bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.oneof(fc.nat(2 ** 31), fc.integer({ min: 2 ** 32 - 3 * UNIFORM_PIECE, max: 2 ** 32 - 10_000 })),
        fc.integer({ min: 64, max: 2 * UNIFORM_PIECE + 77 }),
        fc.integer({ min: -3, max: 3 }),
        (key, from, n, offset) => {
          const out = new Float64Array(n);
          uniformsFrom(key, from, n, out);
          const want = Array.from({ length: n }, (_, j) => uniformAt(key, from + j));
          expect(Array.from(out)).toEqual(want);
          // Own rows of a partition: increasing, with gaps, as int32 low words (past 2^31 they wrap).
          const low = Int32Array.from({ length: n }, (_, j) => (from + 3 * j) | 0);
          uniformsLow(key, low, n, out, offset);
          const wantLow = Array.from(low, (l) => uniformAt(key, ((l + offset) | 0) >>> 0));
          expect(Array.from(out)).toEqual(wantLow);
        },
      ),
      { numRuns: 50 },
    );
  });

  // Log-normal counts and amounts as the generators draw them; eighths, whose counts and cents
  // are exact ties; and values that round to zeros of either sign.
  const samplers = [
    quantileSampler((z) => Math.exp(2.5 + 1.3 * z)),
    quantileSampler((z) => 60 * Math.exp(0.9 * z)),
    quantileSampler((z) => Math.round(z * 8) / 8),
    quantileSampler((z) => (z < -1 ? -0.004 : z < 0 ? -0 : 0.004)),
  ];
  const rounds = [QUANTILE_AS_IS, QUANTILE_COUNT, QUANTILE_CENTS] as const;

  function block(from: number, low: Int32Array | null, n: number): RowBlock {
    return {
      i: new Float64Array(n),
      ts: new Float64Array(n),
      key: new Int32Array(n),
      from,
      low,
      levelKey: null,
      level: new Int32Array(n),
    };
  }

  function drawn(
    s: number,
    key: number,
    rows: RowBlock,
    n: number,
    round: 0 | 1 | 2,
    kernels: boolean,
  ): number[] {
    useWasmKernels(kernels);
    try {
      const out = new Float64Array(n);
      quantilesOf(samplers[s]!, key, rows, n, out, round);
      return Array.from(out);
    } finally {
      useWasmKernels(true);
    }
  }

  it('a quantile draw and its rounding give the JavaScript passes’ doubles, consecutive rows or a partition’s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samplers.length - 1 }),
        fc.constantFrom(...rounds),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.nat(2 ** 31),
        fc.integer({ min: 64, max: UNIFORM_PIECE + 333 }),
        (s, round, key, from, n) => {
          const whole = block(from, null, n);
          const own = block(
            -1,
            Int32Array.from({ length: n }, (_, j) => (from + 2 * j + (j % 3)) | 0),
            n,
          );
          for (const rows of [whole, own]) {
            const want = drawn(s, key, rows, n, round, false);
            const got = drawn(s, key, rows, n, round, true);
            expect(got.map((x, j) => Object.is(x, want[j]))).not.toContain(false);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('keeps each table right when more samplers come than it keeps tables for', () => {
    // Fresh samplers every time: the kernel's table region starts over past its limit.
    for (let t = 0; t < 20; t++) {
      const fresh = quantileSampler((z) => Math.exp(t / 10 + z));
      samplers.push(fresh);
      const rows = block(1000 * t, null, 500);
      expect(drawn(samplers.length - 1, 77 + t, rows, 500, QUANTILE_CENTS, true)).toEqual(
        drawn(samplers.length - 1, 77 + t, rows, 500, QUANTILE_CENTS, false),
      );
      // An older sampler after the region started over.
      expect(drawn(0, 5, rows, 500, QUANTILE_COUNT, true)).toEqual(
        drawn(0, 5, rows, 500, QUANTILE_COUNT, false),
      );
      samplers.pop();
    }
  });
});
