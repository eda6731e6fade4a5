/**
 * The WebAssembly scan against the JavaScript one: the committed bytes are
 * the .wat's, and both loops take the same rows, key ranks, levels, stop
 * points and counts for any range, cap and partition column kind; a timed
 * scan gives own rows the event times and watermarks the time model derives.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { assembleWat } from '../../../scripts/assemble-wat.mjs';
import { describe, expect, it } from 'vitest';
import { resolveGeneratorOptions } from '../../core/stream-options';
import { streamKey, uniformAt, uniformsFrom } from '../prng';
import { createTimeModel, type TimeClock } from './event-time';
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
  clock: TimeClock | null = null,
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
      clock,
    )!;
  return { wasm: make(true), js: make(false) };
}

/** Output arrays for a scan taking at most cap rows. */
function buffers(cap: number) {
  return {
    i: new Float64Array(cap + 1),
    key: new Int32Array(cap + 1),
    level: new Int32Array(cap + 1),
    ts: new Float64Array(cap + 1),
    wm: new Float64Array(cap + 1),
  };
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

  it('a timed scan gives own rows the event times, watermarks and running max of the time model', () => {
    fc.assert(
      fc.property(
        fc.record({
          late: fc.constantFrom(0, 0.03, 0.45),
          ooo: fc.constantFrom(0, 0.2, 0.5),
          maxOoo: fc.constantFrom(1, 400, 2500.7),
          step: fc.constantFrom(1, 0.37, 20),
          start: fc.constantFrom(0, 1_700_000_000_123),
          delay: fc.constantFrom(0, 250),
          seed: fc.integer(),
          partitions: fc.integer({ min: 2, max: 7 }),
          me: fc.nat(6),
          from: fc.oneof(fc.constant(0), fc.nat(5000)),
          length: fc.nat(3000),
          cap: fc.integer({ min: 1, max: 5000 }),
        }),
        (o) => {
          fc.pre(o.late + o.ooo > 0); // in-order streams are never timed
          const time = createTimeModel(
            resolveGeneratorOptions('trades', {
              late: o.late,
              out_of_order: o.ooo,
              max_out_of_order: o.maxOoo,
              event_step: o.step,
              start_time: o.start,
              seed: o.seed,
            }),
            o.delay,
          );
          const me = o.me % o.partitions;
          const timed = scans('trades', ['trader_id', 'symbol'], 40, 1.1, o.partitions, me, time.clock).wasm;
          const plain = scans('trades', ['trader_id', 'symbol'], 40, 1.1, o.partitions, me).js;
          expect(timed.timed).toBe(true);
          const stop = o.from + o.length;
          let i = o.from;
          let m = time.maxBefore(o.from);
          while (i < stop) {
            const out = buffers(o.cap);
            timed.maxTs = m;
            const next = timed.scan(i, stop, 0, o.cap, out.i, out.key, out.level, out.ts, out.wm);
            const want = buffers(o.cap);
            expect(plain.scan(i, stop, 0, o.cap, want.i, want.key, want.level)).toBe(next);
            const n = plain.count;
            expect(timed.count).toBe(n);
            const low = new Int32Array(n).map((_, j) => want.i[j]!);
            const rows = {
              i: want.i,
              ts: want.ts,
              key: want.key,
              from: -1,
              low,
              levelKey: null,
              level: want.level,
            };
            const last = time.ownRows(rows, n, i, m, want.ts, want.wm);
            expect([...out.ts.subarray(0, n)]).toEqual([...want.ts.subarray(0, n)]);
            expect([...out.wm.subarray(0, n)]).toEqual([...want.wm.subarray(0, n)]);
            m = time.maxFrom(n > 0 ? want.i[n - 1]! + 1 : i, last, next);
            expect(timed.maxTs).toBe(m);
            i = next;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a timed scan times row 0 in order even when its class draw says late', () => {
    const seed = [...Array(100).keys()].find((s) => uniformAt(streamKey(s, SALT.timeClass), 0) < 0.45)!;
    const time = createTimeModel(resolveGeneratorOptions('trades', { late: 0.45, seed }), 100);
    let taken = 0;
    // One key: every row is one partition's.
    for (const me of [0, 1]) {
      const scan = scans('trades', ['symbol'], 1, 0, 2, me, time.clock).wasm;
      const out = buffers(10);
      scan.maxTs = -Infinity;
      scan.scan(0, 200, 0, 10, out.i, out.key, out.level, out.ts, out.wm);
      taken += scan.count;
      if (scan.count === 0) continue;
      expect([out.i[0], out.ts[0], out.wm[0]]).toEqual([0, time.base(0), -Infinity]);
      expect(out.wm[1]).toBe(time.base(0) - 100);
    }
    expect(taken).toBe(10);
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
