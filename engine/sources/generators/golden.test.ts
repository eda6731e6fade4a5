/**
 * Pins the exact bytes of every generator's batches (values, seq, watermarks,
 * validity bitmaps and each row's string) at several knob settings,
 * batch sizes and partitionings. Generator speed-ups must leave these hashes
 * unchanged: a stream is a contract (same seed → same rows), not an output
 * to be re-blessed. Update a hash only with a deliberate, documented change
 * of the stream itself.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../../core/batch';
import { builtinSourceSpec } from './builtin-source-spec';
import { createGeneratorSource, type GeneratorSourceOptions } from './index';

/** FNV-1a over bytes, continued across calls. */
function fnv(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
const asBytes = (a: ArrayBufferView, n: number, width: number): Uint8Array =>
  new Uint8Array(a.buffer, a.byteOffset, Math.min(a.byteLength, n * width));

/** After each string's bytes, so "ab" + "c" and "a" + "bc" differ. */
const STRING_END = Uint8Array.of(0xff);

function hashBatch(h: number, b: ColumnBatch): number {
  const n = b.length;
  h = fnv(h, asBytes(Float64Array.of(n, b.wmAfter), 2, 8));
  h = fnv(h, asBytes(b.seq, n, 8));
  h = fnv(h, asBytes(b.wm, n, 8));
  for (const c of b.columns) {
    h = fnv(h, new TextEncoder().encode(c.type));
    if ('valid' in c && c.valid) h = fnv(h, asBytes(c.valid, (n + 7) >> 3, 1));
    else h = fnv(h, Uint8Array.of(0xee));
    if (c.type === 'VARCHAR') {
      // Each row's string, not codes and dictionary: how a batch codes its strings is free.
      const { codes, dictBytes, dictOffsets, valid } = c;
      for (let j = 0; j < n; j++) {
        if (valid && (valid[j >> 3]! & (1 << (j & 7))) === 0) continue;
        h = fnv(h, dictBytes.subarray(dictOffsets[codes[j]!]!, dictOffsets[codes[j]! + 1]!));
        h = fnv(h, STRING_END);
      }
    } else if ('data' in c) h = fnv(h, asBytes(c.data, n, 8));
  }
  return h;
}

function streamHash(
  stream: string,
  options: Record<string, number>,
  size: number,
  opts: GeneratorSourceOptions = {},
): string {
  const spec = builtinSourceSpec(stream, options, { watermarkDelay: 1000 });
  const src = createGeneratorSource(spec, opts);
  let h = 0x811c9dc5;
  let rows = 0;
  for (let b = src.next(size); b; b = src.next(size)) {
    h = hashBatch(h, b);
    rows += b.length;
  }
  return `${rows}:${h.toString(16).padStart(8, '0')}`;
}

const ROWS = 20_000;
/** Knob settings: the seed scenarios' streams, a messy one, uniform keys, and key sets past each cache/table limit. */
const SETTINGS: Record<string, Record<string, number>> = {
  scenario: { total: ROWS, keys: 50, skew: 1.1, out_of_order: 0.05, max_out_of_order: 200, seed: 42 },
  orders: { total: ROWS, keys: 10_000, skew: 0.8, seed: 42 },
  messy: {
    total: ROWS,
    keys: 30,
    skew: 1.1,
    out_of_order: 0.2,
    max_out_of_order: 400,
    late: 0.03,
    null_rate: 0.05,
    seed: 11,
  },
  uniform: { total: ROWS, keys: 7, skew: 0, event_step: 3.5, start_time: 1000, seed: 5 },
  wide: { total: ROWS, keys: 100_000, skew: 0.9, out_of_order: 0.1, max_out_of_order: 50, seed: 3 },
  huge: { total: ROWS, keys: 2_000_000, skew: 1.2, late: 0.01, seed: 9 },
};

// Computed once from the generators as of commit 2710700 (before the speed-up work).
const GOLDEN: Record<string, string> = {
  'trades/scenario/16384': '20000:bf236f0e',
  'trades/scenario/1000': '20000:2c27f157',
  'trades/orders/16384': '20000:f0769ebb',
  'trades/orders/1000': '20000:f3181ab2',
  'trades/messy/16384': '20000:5151b52a',
  'trades/messy/1000': '20000:2a6f9199',
  'trades/uniform/16384': '20000:83a1a43e',
  'trades/uniform/1000': '20000:e72003b5',
  'trades/wide/16384': '20000:c00879c5',
  'trades/wide/1000': '20000:d20c022f',
  'trades/huge/16384': '20000:6f27b852',
  'trades/huge/1000': '20000:96220aa9',
  'orders/scenario/16384': '20000:26d28ac8',
  'orders/scenario/1000': '20000:bab5d273',
  'orders/orders/16384': '20000:7076749e',
  'orders/orders/1000': '20000:74dbe589',
  'orders/messy/16384': '20000:1335392c',
  'orders/messy/1000': '20000:7082719d',
  'orders/uniform/16384': '20000:eed08bca',
  'orders/uniform/1000': '20000:a8e9b3bf',
  'orders/wide/16384': '20000:4a1dfb9f',
  'orders/wide/1000': '20000:87f5e2a5',
  'orders/huge/16384': '20000:b6b14f92',
  'orders/huge/1000': '20000:e9f8640f',
  'sensors/scenario/16384': '20000:3f86dcd5',
  'sensors/scenario/1000': '20000:7115c10c',
  'sensors/orders/16384': '20000:8babd062',
  'sensors/orders/1000': '20000:2d52d543',
  'sensors/messy/16384': '20000:724417d2',
  'sensors/messy/1000': '20000:3309073d',
  'sensors/uniform/16384': '20000:f19e08fd',
  'sensors/uniform/1000': '20000:3308895c',
  'sensors/wide/16384': '20000:c1df910c',
  'sensors/wide/1000': '20000:ea12ab38',
  'sensors/huge/16384': '20000:2a03c9c4',
  'sensors/huge/1000': '20000:f3816ded',
  'clicks/scenario/16384': '20000:b3638a03',
  'clicks/scenario/1000': '20000:c42aa0f2',
  'clicks/orders/16384': '20000:7b3b2541',
  'clicks/orders/1000': '20000:913e3d0e',
  'clicks/messy/16384': '20000:3afce0a6',
  'clicks/messy/1000': '20000:6645d8d3',
  'clicks/uniform/16384': '20000:ed67ef7c',
  'clicks/uniform/1000': '20000:37eacd11',
  'clicks/wide/16384': '20000:e1308082',
  'clicks/wide/1000': '20000:b7608ff8',
  'clicks/huge/16384': '20000:8e2c9781',
  'clicks/huge/1000': '20000:245d53f4',
  'trades/scenario/4096/p0of2[1]': '7423:c32f9643',
  'trades/scenario/4096/p0of3[0,1]': '6556:077d4975',
  'trades/scenario/4096/p1of2[1]': '12577:2c465313',
  'trades/scenario/4096/p1of3[0,1]': '6295:3c0f15c2',
  'orders/scenario/4096/p0of2[1]': '9522:aa85f266',
  'orders/scenario/4096/p0of3[0,1]': '6620:4b35c2af',
  'orders/scenario/4096/p1of2[1]': '10478:82fcd872',
  'orders/scenario/4096/p1of3[0,1]': '6594:e1c38c35',
  'sensors/scenario/4096/p0of2[1]': '7170:3d054f5c',
  'sensors/scenario/4096/p0of3[0,1]': '5639:917613ab',
  'sensors/scenario/4096/p1of2[1]': '12830:9d58c4b9',
  'sensors/scenario/4096/p1of3[0,1]': '8411:662660d7',
  'clicks/scenario/4096/p0of2[1]': '7874:a6e80981',
  'clicks/scenario/4096/p0of3[0,1]': '7722:7ba919c1',
  'clicks/scenario/4096/p1of2[1]': '12126:04214bc0',
  'clicks/scenario/4096/p1of3[0,1]': '6142:574715c6',
  'trades/messy/4096/p0of2[1]': '7436:9cb06baa',
  'trades/messy/4096/p0of3[0,1]': '6750:30e69bce',
  'trades/messy/4096/p1of2[1]': '12564:27b79c36',
  'trades/messy/4096/p1of3[0,1]': '6272:634b78b8',
  'orders/messy/4096/p0of2[1]': '9492:7a366834',
  'orders/messy/4096/p0of3[0,1]': '6551:c303ade2',
  'orders/messy/4096/p1of2[1]': '10508:2c5dfe32',
  'orders/messy/4096/p1of3[0,1]': '6677:994cd94f',
  'sensors/messy/4096/p0of2[1]': '4885:79bb1130',
  'sensors/messy/4096/p0of3[0,1]': '12893:8837c24e',
  'sensors/messy/4096/p1of2[1]': '15115:3c7090c6',
  'sensors/messy/4096/p1of3[0,1]': '4002:589a1eaa',
  'clicks/messy/4096/p0of2[1]': '7442:6c072235',
  'clicks/messy/4096/p0of3[0,1]': '7616:05129a4b',
  'clicks/messy/4096/p1of2[1]': '12558:70e5b58e',
  'clicks/messy/4096/p1of3[0,1]': '6306:c1463d1c',
  'trades/wide/4096/p0of2[1]': '9182:affb572d',
  'trades/wide/4096/p0of3[0,1]': '6533:f4ed0ede',
  'trades/wide/4096/p1of2[1]': '10818:45408058',
  'trades/wide/4096/p1of3[0,1]': '6673:d0c5658e',
  'orders/wide/4096/p0of2[1]': '9790:36e34f0a',
  'orders/wide/4096/p0of3[0,1]': '6596:21e871ed',
  'orders/wide/4096/p1of2[1]': '10210:bb3e7a02',
  'orders/wide/4096/p1of3[0,1]': '6626:a82e2343',
  'sensors/wide/4096/p0of2[1]': '10543:15a30239',
  'sensors/wide/4096/p0of3[0,1]': '6820:cfe3aa5e',
  'sensors/wide/4096/p1of2[1]': '9457:d44a7e76',
  'sensors/wide/4096/p1of3[0,1]': '6040:667d1e88',
  'clicks/wide/4096/p0of2[1]': '7711:71a3bce6',
  'clicks/wide/4096/p0of3[0,1]': '6910:8e13ceb9',
  'clicks/wide/4096/p1of2[1]': '12289:0b745744',
  'clicks/wide/4096/p1of3[0,1]': '6465:41fb577c',
  'trades/huge/4096/p0of2[1]': '8053:9cd5bc4a',
  'trades/huge/4096/p0of3[0,1]': '6641:f565c1ee',
  'trades/huge/4096/p1of2[1]': '11947:e7585a15',
  'trades/huge/4096/p1of3[0,1]': '6444:fd262777',
  'orders/huge/4096/p0of2[1]': '9892:4769e511',
  'orders/huge/4096/p0of3[0,1]': '6644:b4cd05f6',
  'orders/huge/4096/p1of2[1]': '10108:32cf12af',
  'orders/huge/4096/p1of3[0,1]': '6730:b8127772',
  'sensors/huge/4096/p0of2[1]': '8948:6169eb48',
  'sensors/huge/4096/p0of3[0,1]': '8332:51bdf133',
  'sensors/huge/4096/p1of2[1]': '11052:b4d09361',
  'sensors/huge/4096/p1of3[0,1]': '7663:5ac69f0e',
  'clicks/huge/4096/p0of2[1]': '7804:d3b6986c',
  'clicks/huge/4096/p0of3[0,1]': '7299:da08da93',
  'clicks/huge/4096/p1of2[1]': '12196:4887ca1b',
  'clicks/huge/4096/p1of3[0,1]': '6384:00a09d73',
  'trades/messy/777/p1of2[5]': '10046:5c577bf6',
  'trades/scenario/4096/p0of2[]': '10000:9e193203',
  'trades/messy/333/from12345': '7655:48df7d9a',
};

describe('golden generator bytes', () => {
  const cases: [string, string, number, GeneratorSourceOptions][] = [];
  for (const stream of ['trades', 'orders', 'sensors', 'clicks'])
    for (const setting of Object.keys(SETTINGS)) {
      cases.push([stream, setting, 16_384, {}]);
      cases.push([stream, setting, 1000, {}]);
    }
  for (const setting of ['scenario', 'messy', 'wide', 'huge'])
    for (const stream of ['trades', 'orders', 'sensors', 'clicks'])
      for (const partition of [0, 1]) {
        cases.push([stream, setting, 4096, { partitions: 2, partition, partitionColumns: [1] }]);
        cases.push([stream, setting, 4096, { partitions: 3, partition, partitionColumns: [0, 1] }]);
      }
  cases.push(['trades', 'messy', 777, { partitions: 2, partition: 1, partitionColumns: [5] }]);
  cases.push(['trades', 'scenario', 4096, { partitions: 2, partition: 0, partitionColumns: [] }]);
  cases.push(['trades', 'messy', 333, { startRow: 12_345 }]);
  const name = ([stream, setting, size, opts]: (typeof cases)[number]): string =>
    `${stream}/${setting}/${size}` +
    (opts.partitions ? `/p${opts.partition}of${opts.partitions}[${opts.partitionColumns!.join(',')}]` : '') +
    (opts.startRow ? `/from${opts.startRow}` : '');

  it('hashes are pinned', () => {
    const got: Record<string, string> = {};
    for (const c of cases) got[name(c)] = streamHash(c[0], SETTINGS[c[1]]!, c[2], c[3]);
    if (process.env.GOLDEN_PRINT) writeFileSync(process.env.GOLDEN_PRINT, JSON.stringify(got, null, 2));
    expect(got).toEqual(GOLDEN);
  });
});
