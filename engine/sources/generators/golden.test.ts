/**
 * Pins the exact bytes of every generator's batches (values, seq, watermarks,
 * validity bitmaps and each batch's dictionaries) at several knob settings,
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
      h = fnv(h, asBytes(c.codes, n, 4));
      h = fnv(h, asBytes(c.dictOffsets, c.dictOffsets.length, 4));
      h = fnv(h, c.dictBytes);
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
  'trades/scenario/16384': '20000:d1fa1566',
  'trades/scenario/1000': '20000:259538b4',
  'trades/orders/16384': '20000:d13782ad',
  'trades/orders/1000': '20000:cc283bda',
  'trades/messy/16384': '20000:f68f1673',
  'trades/messy/1000': '20000:c3a5fa37',
  'trades/uniform/16384': '20000:893953ed',
  'trades/uniform/1000': '20000:93dbb17e',
  'trades/wide/16384': '20000:5c92d552',
  'trades/wide/1000': '20000:fb3d0569',
  'trades/huge/16384': '20000:cdbf185e',
  'trades/huge/1000': '20000:64088e05',
  'orders/scenario/16384': '20000:c3efae0b',
  'orders/scenario/1000': '20000:4bde6df7',
  'orders/orders/16384': '20000:07fcf275',
  'orders/orders/1000': '20000:73bf0bc1',
  'orders/messy/16384': '20000:a8e16a2a',
  'orders/messy/1000': '20000:08d23b5e',
  'orders/uniform/16384': '20000:92a44b46',
  'orders/uniform/1000': '20000:d9ac1e77',
  'orders/wide/16384': '20000:e4545dc6',
  'orders/wide/1000': '20000:e9230c79',
  'orders/huge/16384': '20000:72189360',
  'orders/huge/1000': '20000:1e3a6bc4',
  'sensors/scenario/16384': '20000:cdc0d0dd',
  'sensors/scenario/1000': '20000:acaaac63',
  'sensors/orders/16384': '20000:3eb5a5ac',
  'sensors/orders/1000': '20000:ee2a3d61',
  'sensors/messy/16384': '20000:71b02e96',
  'sensors/messy/1000': '20000:a9fa0d43',
  'sensors/uniform/16384': '20000:a22934a1',
  'sensors/uniform/1000': '20000:89902c47',
  'sensors/wide/16384': '20000:32a3381b',
  'sensors/wide/1000': '20000:0a8e736c',
  'sensors/huge/16384': '20000:935ddae2',
  'sensors/huge/1000': '20000:79407121',
  'clicks/scenario/16384': '20000:3c55879e',
  'clicks/scenario/1000': '20000:7f8aa938',
  'clicks/orders/16384': '20000:d843b5e6',
  'clicks/orders/1000': '20000:6eb9631c',
  'clicks/messy/16384': '20000:76ad2d0d',
  'clicks/messy/1000': '20000:59489587',
  'clicks/uniform/16384': '20000:39633b42',
  'clicks/uniform/1000': '20000:658d9dfb',
  'clicks/wide/16384': '20000:3c49e748',
  'clicks/wide/1000': '20000:3349f423',
  'clicks/huge/16384': '20000:0c0cf7a6',
  'clicks/huge/1000': '20000:aef5a88d',
  'trades/scenario/4096/p0of2[1]': '7423:c2710a6c',
  'trades/scenario/4096/p0of3[0,1]': '6556:6597e7e9',
  'trades/scenario/4096/p1of2[1]': '12577:ff6b47fa',
  'trades/scenario/4096/p1of3[0,1]': '6295:5b2a42d2',
  'orders/scenario/4096/p0of2[1]': '9522:ad41bad6',
  'orders/scenario/4096/p0of3[0,1]': '6620:918ea971',
  'orders/scenario/4096/p1of2[1]': '10478:422cea87',
  'orders/scenario/4096/p1of3[0,1]': '6594:5646e6a7',
  'sensors/scenario/4096/p0of2[1]': '7170:81fede84',
  'sensors/scenario/4096/p0of3[0,1]': '5639:c275f590',
  'sensors/scenario/4096/p1of2[1]': '12830:3d850e71',
  'sensors/scenario/4096/p1of3[0,1]': '8411:7d3a314e',
  'clicks/scenario/4096/p0of2[1]': '7874:7accd6c4',
  'clicks/scenario/4096/p0of3[0,1]': '7722:af720906',
  'clicks/scenario/4096/p1of2[1]': '12126:b5a374bc',
  'clicks/scenario/4096/p1of3[0,1]': '6142:116c4862',
  'trades/messy/4096/p0of2[1]': '7436:a529dd71',
  'trades/messy/4096/p0of3[0,1]': '6750:d460c6de',
  'trades/messy/4096/p1of2[1]': '12564:e014989c',
  'trades/messy/4096/p1of3[0,1]': '6272:88357169',
  'orders/messy/4096/p0of2[1]': '9492:8933d312',
  'orders/messy/4096/p0of3[0,1]': '6551:1c20724b',
  'orders/messy/4096/p1of2[1]': '10508:48ca7dbd',
  'orders/messy/4096/p1of3[0,1]': '6677:b140022c',
  'sensors/messy/4096/p0of2[1]': '4885:3a1d706f',
  'sensors/messy/4096/p0of3[0,1]': '12893:e651971c',
  'sensors/messy/4096/p1of2[1]': '15115:edb8f702',
  'sensors/messy/4096/p1of3[0,1]': '4002:9097fc31',
  'clicks/messy/4096/p0of2[1]': '7442:c8a29b97',
  'clicks/messy/4096/p0of3[0,1]': '7616:5abee053',
  'clicks/messy/4096/p1of2[1]': '12558:3ebb9299',
  'clicks/messy/4096/p1of3[0,1]': '6306:1869df70',
  'trades/wide/4096/p0of2[1]': '9182:67187f2a',
  'trades/wide/4096/p0of3[0,1]': '6533:2cce1a44',
  'trades/wide/4096/p1of2[1]': '10818:e5c0c61c',
  'trades/wide/4096/p1of3[0,1]': '6673:2973ec1e',
  'orders/wide/4096/p0of2[1]': '9790:dcfd1df9',
  'orders/wide/4096/p0of3[0,1]': '6596:4a6491f1',
  'orders/wide/4096/p1of2[1]': '10210:d516bf26',
  'orders/wide/4096/p1of3[0,1]': '6626:dc3e3c52',
  'sensors/wide/4096/p0of2[1]': '10543:b129e083',
  'sensors/wide/4096/p0of3[0,1]': '6820:d00c3559',
  'sensors/wide/4096/p1of2[1]': '9457:aa6d1b9b',
  'sensors/wide/4096/p1of3[0,1]': '6040:97db0465',
  'clicks/wide/4096/p0of2[1]': '7711:614b1604',
  'clicks/wide/4096/p0of3[0,1]': '6910:c1f47f71',
  'clicks/wide/4096/p1of2[1]': '12289:75e6dd89',
  'clicks/wide/4096/p1of3[0,1]': '6465:8a8458d0',
  'trades/huge/4096/p0of2[1]': '8053:0d269699',
  'trades/huge/4096/p0of3[0,1]': '6641:5fddec13',
  'trades/huge/4096/p1of2[1]': '11947:b9b65851',
  'trades/huge/4096/p1of3[0,1]': '6444:57f1fdbe',
  'orders/huge/4096/p0of2[1]': '9892:269330ab',
  'orders/huge/4096/p0of3[0,1]': '6644:f5cd62c9',
  'orders/huge/4096/p1of2[1]': '10108:0d572e65',
  'orders/huge/4096/p1of3[0,1]': '6730:fac1fd9e',
  'sensors/huge/4096/p0of2[1]': '8948:064e6514',
  'sensors/huge/4096/p0of3[0,1]': '8332:4498e0cb',
  'sensors/huge/4096/p1of2[1]': '11052:28dbdee8',
  'sensors/huge/4096/p1of3[0,1]': '7663:a82cfdb7',
  'clicks/huge/4096/p0of2[1]': '7804:270ecf42',
  'clicks/huge/4096/p0of3[0,1]': '7299:df93abe1',
  'clicks/huge/4096/p1of2[1]': '12196:6e6dfb82',
  'clicks/huge/4096/p1of3[0,1]': '6384:e9600e08',
  'trades/messy/777/p1of2[5]': '10046:00e2ef80',
  'trades/scenario/4096/p0of2[]': '10000:0c9cdf00',
  'trades/messy/333/from12345': '7655:98fbcd13',
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
