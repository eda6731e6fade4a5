/**
 * The WebAssembly price column against the JavaScript one: the committed
 * bytes are the .wat's, and both give the same double for every row — any
 * symbol count the cells cache, event times near and far from 0, rows out of
 * order, pieces longer than the kernel's, cells carried from block to block.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { assembleWat } from '../../../scripts/assemble-wat.mjs';
import { describe, expect, it } from 'vitest';
import { useWasmKernels } from '../../core/wasm-module';
import { resolveGeneratorOptions } from '../../core/stream-options';
import type { RowBlock } from './generator-def';
import { PRICE_PIECE, PriceKernel } from './price-kernel';
import { PRICE_WALK_WASM } from './price-walk-wasm';
import { tradesGenerator } from './trades';

function block(ts: number[], keys: number[]): RowBlock & { ts: Float64Array; key: Int32Array } {
  const n = ts.length;
  return {
    i: Float64Array.from({ length: n }, (_, j) => j),
    ts: Float64Array.from(ts),
    key: Int32Array.from(keys),
    from: 0,
    low: null,
    levelKey: null,
    level: new Int32Array(n),
  };
}

/** A price column of its own definition; `wasm` is read when it first fills a block (the kernel is kept per block). */
function pricer(keys: number, seed: number, wasm: boolean) {
  const def = tradesGenerator(resolveGeneratorOptions('trades', { keys, seed }));
  const price = def.columns.find((c) => c.name === 'price')!;
  return (r: RowBlock): number[] => {
    const out = new Float64Array(r.ts.length);
    useWasmKernels(wasm);
    try {
      price.fill(r, r.ts.length, out);
    } finally {
      useWasmKernels(true);
    }
    return Array.from(out);
  };
}

describe('WebAssembly price column', () => {
  it('is the assembled price-walk.wat (run npm run build:wasm after editing it)', async () => {
    const text = readFileSync(new URL('./price-walk.wat', import.meta.url), 'utf8');
    expect(await assembleWat('price-walk.wat', text)).toBe(PRICE_WALK_WASM);
  });

  it('loads here, so the case below tests the kernel', () => {
    expect(PriceKernel.create(new Float64Array(4).fill(10), new Int32Array(32), {})).not.toBeNull();
  });

  it('refills its own cells, handing back only lattice indices its hash cannot take', () => {
    const kernel = PriceKernel.create(new Float64Array(4).fill(10), new Int32Array(32).fill(7), {})!;
    const stops = (ts: (j: number) => number): number[] => {
      const seen: number[] = [];
      const n = 300;
      for (let j = 0; j < n; j++) {
        kernel.ts[j] = ts(j);
        kernel.key[j] = j % 4;
      }
      kernel.prices(n, (j) => {
        seen.push(j);
        // What trades.ts does for such a row: make its cells current (any values do here).
        for (let oct = 0; oct < 8; oct++)
          kernel.cells[3 * (8 * (j % 4) + oct)] = Math.floor((kernel.ts[j]! / 1000) * 0.25 ** oct);
      });
      return seen;
    };
    // Every row of a 1 s step leaves the finest octave's cell of its key: all refilled inside.
    expect(stops((j) => 1_700_000_000_000 + 1000 * j)).toEqual([]);
    // Before 1970 the lattice index is negative, and the first row of each key comes back.
    expect(stops((j) => -86_400_000 + j)).toEqual([0, 1, 2, 3]);
    // The last second whose index and the next are counters below 2^32, and the one after it.
    expect(stops((j) => (j < 4 ? 4294967294_000 : 4294967295_000))).toEqual([4, 5, 6, 7]);
  });

  it('gives the JavaScript loop’s price, bit for bit, block after block', () => {
    fc.assert(
      fc.property(
        fc.record({
          keys: fc.constantFrom(1, 7, 50, 1000, 4096),
          seed: fc.nat(1000),
          start: fc.constantFrom(0, 1_700_000_000_000, -86_400_000, 2 ** 40),
          step: fc.constantFrom(0.02, 1, 250, 40_000),
          n: fc.integer({ min: 1, max: PRICE_PIECE + 1500 }),
          jitter: fc.nat(5000),
          blocks: fc.integer({ min: 1, max: 3 }),
          keySeed: fc.nat(),
        }),
        ({ keys, seed, start, step, n, jitter, blocks, keySeed }) => {
          const js = pricer(keys, seed, false);
          const kernel = pricer(keys, seed, true);
          let s = keySeed | 1;
          const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
          // One block object, refilled: the cells carry over from block to block as in a stream.
          const rows = block(new Array<number>(n).fill(0), new Array<number>(n).fill(0));
          for (let b = 0; b < blocks; b++) {
            for (let j = 0; j < n; j++) {
              rows.ts[j] = Math.floor(start + (b * n + j) * step - next() * jitter);
              rows.key[j] = Math.floor(next() ** 3 * keys);
            }
            const want = js(rows);
            const got = kernel(rows);
            expect(got.map((x, j) => Object.is(x, want[j]))).not.toContain(false);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
