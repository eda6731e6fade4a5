/** `clicks`: user_id is the key; pages and referrers follow fixed popularity; latency is log-normal per page. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { gaussianAt, streamKey, uniformAt } from '../prng';
import { type GeneratorDef, roundTo, SALT, weightedPicker } from './generator-def';
import { listDomain } from './string-domain';

const PAGES = ['/', '/search', '/products', '/product/detail', '/cart', '/checkout', '/account', '/help', '/blog', '/pricing'];
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
  const latKey2 = streamKey(o.seed, s + 4);
  const pickPage = weightedPicker(PAGE_WEIGHTS);
  const pickRef = weightedPicker(REFERRER_WEIGHTS);
  const logLatency = PAGE_LATENCY.map(Math.log);
  return {
    stream: findBuiltinStream('clicks')!,
    columns: [
      { name: 'user_id', type: 'BIGINT', domain: null, value: (r) => r.key + 1 },
      { name: 'page', type: 'VARCHAR', domain: listDomain(PAGES), value: (r) => pickPage(uniformAt(pageKey, r.i)) },
      { name: 'referrer', type: 'VARCHAR', domain: listDomain(REFERRERS), value: (r) => pickRef(uniformAt(refKey, r.i)) },
      {
        name: 'latency_ms',
        type: 'DOUBLE',
        domain: null,
        value: (r) => {
          const page = pickPage(uniformAt(pageKey, r.i));
          return roundTo(Math.exp(logLatency[page]! + 0.6 * gaussianAt(latKey1, latKey2, r.i)), 1);
        },
      },
      { name: 'ts', type: 'TIMESTAMP', domain: null, value: (r) => r.ts },
    ],
  };
}
