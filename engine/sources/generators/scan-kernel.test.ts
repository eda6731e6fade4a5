/**
 * The WebAssembly scan against the JavaScript one: the committed bytes are
 * the .wat's, and both loops take the same rows, key ranks, levels, stop
 * points and counts for any range, cap and partition column kind.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { assembleWat } from '../../../scripts/assemble-wat.mjs';
import { describe, expect, it } from 'vitest';
import { streamKey, uniformsFrom } from '../prng';
import { SALT } from './generator-def';
import { generatorDef } from './index';
import { PartitionScan } from './partition-scan';
import { PARTITION_SCAN_WASM } from './partition-scan-wasm';
import { RankKernel } from './rank-kernel';
import { createKeySampler } from './zipf';

const CASES = [
  ['trades', ['trader_id', 'symbol']],
  ['trades', ['symbol']],
  ['trades', ['side']],
  ['orders', ['customer_id', 'status']],
  ['clicks', ['page', 'user_id']],
] as const;

function scans(
  stream: string,
  names: readonly string[],
  keys: number,
  skew: number,
  partitions: number,
  me: number,
) {
  const options = { keys, skew, seed: 11 };
  const def = generatorDef(stream, options);
  const cols = names.map((n) => ({ gen: def.columns.find((c) => c.name === n)!, nullKey: null }));
  const keyKey = streamKey(11, SALT.keyRank);
  const make = (wasm: boolean) =>
    PartitionScan.create(
      cols,
      partitions,
      me,
      createKeySampler(keys, skew),
      keyKey,
      keyKey ^ Math.imul(1, 0x632be5ab),
      wasm,
    )!;
  return { wasm: make(true), js: make(false) };
}

/** Scans [from, stop) in calls that each take at most cap rows, as GeneratedStream does. */
function drain(scan: PartitionScan, from: number, stop: number, cap: number) {
  const taken: number[] = [];
  const ranks: number[] = [];
  const levels: number[] = [];
  const stops: number[] = [];
  const outI = new Float64Array(cap + 1);
  const outKey = new Int32Array(cap + 1);
  const outLevel = new Int32Array(cap + 1);
  let i = from;
  while (i < stop) {
    i = scan.scan(i, stop, 0, cap, outI, outKey, outLevel);
    stops.push(i);
    for (let j = 0; j < scan.count; j++) {
      taken.push(outI[j]!);
      ranks.push(outKey[j]!);
      levels.push(outLevel[j]!);
    }
  }
  return { taken, ranks, levels, stops };
}

describe('WebAssembly partition scan', () => {
  it('is the assembled partition-scan.wat (run npm run build:wasm after editing it)', async () => {
    const text = readFileSync(new URL('./partition-scan.wat', import.meta.url), 'utf8');
    expect(await assembleWat('partition-scan.wat', text)).toBe(PARTITION_SCAN_WASM);
  });

  it.each(CASES)('%s by %j: takes the rows the JavaScript loop takes', (stream, names) => {
    fc.assert(
      fc.property(
        fc.record({
          keys: fc.constantFrom(1, 7, 40, 1000),
          skew: fc.constantFrom(0, 0.8, 1.1),
          partitions: fc.integer({ min: 2, max: 7 }),
          me: fc.nat(6),
          from: fc.nat(5000),
          length: fc.nat(3000),
          cap: fc.integer({ min: 1, max: 5000 }),
        }),
        ({ keys, skew, partitions, me, from, length, cap }) => {
          const s = scans(stream, names, keys, skew, partitions, me % partitions);
          expect(s.wasm.usesWasm).toBe(true);
          expect(s.js.usesWasm).toBe(false);
          expect(drain(s.wasm, from, from + length, cap)).toEqual(drain(s.js, from, from + length, cap));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rows past 2^31 take the JavaScript loop, with the same result', () => {
    const s = scans('trades', ['trader_id', 'symbol'], 40, 1.1, 2, 1);
    const from = 2 ** 31 - 700;
    expect(drain(s.wasm, from, from + 1500, 300)).toEqual(drain(s.js, from, from + 1500, 300));
  });

  it("draws a whole stream's key ranks as the sampler's JavaScript block does, up to row 2^32", () => {
    fc.assert(
      fc.property(
        fc.constantFrom([7, 0], [50, 1.1], [10_000, 0.8], [3000, 0.5]),
        fc.oneof(fc.nat(5_000_000), fc.integer({ min: 2 ** 31 - 9000, max: 2 ** 32 - 9000 })),
        fc.integer({ min: 1, max: 9000 }),
        fc.integer(),
        ([keys, skew], from, count, seed) => {
          const sampler = createKeySampler(keys, skew);
          const k0 = streamKey(seed, SALT.keyRank);
          const k1 = k0 ^ Math.imul(1, 0x632be5ab);
          const u0 = new Float64Array(count);
          const u1 = new Float64Array(count);
          uniformsFrom(k0, from, count, u0);
          uniformsFrom(k1, from, count, u1);
          const js = new Int32Array(count);
          sampler.sampleBlock!(u0, u1, count, js);
          const wasm = new Int32Array(count + 3).fill(-1);
          RankKernel.shared()!.ranks(sampler.table!.entries, from, count, k0, k1, wasm, 3);
          expect([...wasm.subarray(3)]).toEqual([...js]);
          expect([...wasm.subarray(0, 3)]).toEqual([-1, -1, -1]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the ranks right across more streams of a thread than it keeps tables for', () => {
    const samplers = Array.from({ length: 21 }, (_, i) => createKeySampler(10 + i, 1));
    const k0 = streamKey(3, SALT.keyRank);
    const k1 = k0 ^ Math.imul(1, 0x632be5ab);
    const n = 500;
    const u0 = new Float64Array(n);
    const u1 = new Float64Array(n);
    uniformsFrom(k0, 77, n, u0);
    uniformsFrom(k1, 77, n, u1);
    for (let round = 0; round < 3; round++)
      for (const s of [...samplers, samplers[0]!, samplers[20]!]) {
        const js = new Int32Array(n);
        s.sampleBlock!(u0, u1, n, js);
        const wasm = new Int32Array(n);
        RankKernel.shared()!.ranks(s.table!.entries, 77, n, k0, k1, wasm);
        expect([...wasm]).toEqual([...js]);
      }
  });
});
