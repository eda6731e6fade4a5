/**
 * `impressions`: ads shown to the users of `clicks` (see impression-plan.ts
 * for which impression a click answers). user_id is the key column, but its
 * value is the clicked row's key or a draw of its own, not this row's rank.
 */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { streamKey } from '../prng';
import { type GeneratorDef, rowIds, SALT, uniformsOf, weightedPicker } from './generator-def';
import { impressionPlan } from './impression-plan';
import { keyRankAt } from './key-rank';
import { listDomain } from './string-domain';
import { createKeySampler } from './zipf';

/** Ads in rotation; a few are shown far more often. */
const ADS = 40;
const PLACEMENTS = ['feed', 'search', 'sidebar', 'banner', 'video'];
const PLACEMENT_WEIGHTS = [40, 25, 15, 12, 8];

export function impressionsGenerator(o: GeneratorOptions): GeneratorDef {
  const s = SALT.impressions;
  const plan = impressionPlan(o);
  const sampler = createKeySampler(o.keys, o.skew);
  const clickUser = keyRankAt(sampler, o.seed);
  const otherUser = keyRankAt(sampler, o.seed, s + 2);
  const adKey = streamKey(o.seed, s + 3);
  const placementKey = streamKey(o.seed, s + 4);
  const adOf = (u: number): number => Math.floor(ADS * u * u) + 1;
  const pickPlacement = weightedPicker(PLACEMENT_WEIGHTS);
  return {
    stream: findBuiltinStream('impressions')!,
    columns: [
      {
        name: 'impression_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => rowIds(r, n, out, 1),
      },
      {
        name: 'user_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) {
            const i = r.i[j]!;
            const c = plan.clickOf(i);
            out[j] = (c >= 0 ? clickUser(c) : otherUser(i)) + 1;
          }
        },
      },
      {
        name: 'ad_id',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(adKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = adOf(out[j]!);
        },
      },
      {
        name: 'placement',
        type: 'VARCHAR',
        domain: listDomain(PLACEMENTS),
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(placementKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = pickPlacement(out[j]!);
        },
        draw: { from: 'uniform', key: placementKey, levels: PLACEMENTS.length, value: pickPlacement },
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
