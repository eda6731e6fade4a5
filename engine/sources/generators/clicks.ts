/** `clicks`: user_id is the key; pages and referrers follow fixed popularity; latency is log-normal per page. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { quantileSampler, streamKey, uniformAt } from '../prng';
import { copyKeys, type GeneratorDef, roundTo, SALT, weightedPicker } from './generator-def';
import { listDomain } from './string-domain';

const PAGES = [
  '/',
  '/search',
  '/products',
  '/product/detail',
  '/cart',
  '/checkout',
  '/account',
  '/help',
  '/blog',
  '/pricing',
];
const PAGE_WEIGHTS = [30, 18, 15, 14, 8, 4, 4, 3, 2, 2];
/** Median latency (ms) per page: checkout and search hit the backend hardest. */
const PAGE_LATENCY = [45, 120, 80, 95, 70, 210, 60, 40, 50, 40];
const REFERRERS = ['direct', 'google', 'bing', 'duckduckgo', 'newsletter', 'twitter', 'facebook', 'partner'];
const REFERRER_WEIGHTS = [35, 38, 6, 3, 6, 5, 5, 2];

export function clicksGenerator(o: GeneratorOptions): GeneratorDef {
  const s = SALT.clicks;
  const pageKey = streamKey(o.seed, s + 1);
  const refKey = streamKey(o.seed, s + 2);
  const latKey1 = streamKey(o.seed, s + 3);
  const pickPage = weightedPicker(PAGE_WEIGHTS);
  const pickRef = weightedPicker(REFERRER_WEIGHTS);
  const spread = quantileSampler((z) => Math.exp(0.6 * z));
  return {
    stream: findBuiltinStream('clicks')!,
    columns: [
      {
        name: 'user_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => copyKeys(r.key, n, out, 1),
        draw: { from: 'key', value: (k) => k + 1 },
      },
      {
        name: 'page',
        type: 'VARCHAR',
        domain: listDomain(PAGES),
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = pickPage(uniformAt(pageKey, r.i[j]!));
        },
        draw: { from: 'uniform', key: pageKey, levels: PAGES.length, value: pickPage },
      },
      {
        name: 'referrer',
        type: 'VARCHAR',
        domain: listDomain(REFERRERS),
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = pickRef(uniformAt(refKey, r.i[j]!));
        },
        draw: { from: 'uniform', key: refKey, levels: REFERRERS.length, value: pickRef },
      },
      {
        name: 'latency_ms',
        type: 'DOUBLE',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) {
            const i = r.i[j]!;
            const page = pickPage(uniformAt(pageKey, i));
            out[j] = roundTo(PAGE_LATENCY[page]! * spread(latKey1, i), 1);
          }
        },
      },
      {
        name: 'ts',
        type: 'TIMESTAMP',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => out.set(r.ts.subarray(0, n)),
      },
    ],
  };
}
