/**
 * The SIMD uniform draws against the JavaScript ones: the committed bytes
 * are the .wat's, and uniformsFrom / uniformsLow give uniformAt's bits for
 * blocks long enough to take the kernel, across pieces and up to 2^32.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { assembleWat } from '../../scripts/assemble-wat.mjs';
import { describe, expect, it } from 'vitest';
import { uniformAt, uniformsFrom, uniformsLow } from './prng';
import { UNIFORM_PIECE, uniformKernel } from './uniform-kernel';
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
});
