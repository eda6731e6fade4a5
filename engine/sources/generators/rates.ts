/**
 * `rates`: a versioned table of exchange rates (EUR per unit of currency).
 * Each row is a new version of one currency's rate; the first `keys` rows
 * give every currency its first version, in rank order, so a temporal join
 * finds a version for any currency once they are in. A rate is a pure
 * function of (seed, currency, ts): a drift of a few per cent over minutes.
 */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { streamKey, uniform, valueNoise } from '../prng';
import { type GeneratorDef, pad, roundTo, SALT } from './generator-def';
import { createStringDomain } from './string-domain';

/** Currencies by rank, and what one unit was worth in EUR at some point. */
const CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'AUD',
  'CAD',
  'NZD',
  'SGD',
  'HKD',
  'CNY',
  'INR',
  'BRL',
  'MXN',
];
const BASE_RATE = [
  1, 0.92, 1.17, 1.04, 0.0062, 0.087, 0.086, 0.134, 0.23, 0.04, 0.0025, 0.61, 0.68, 0.56, 0.69, 0.118, 0.127,
  0.011, 0.17, 0.05,
];
/** Periods of the drift's two octaves: a rate moves by tenths of a per cent between versions seconds apart. */
const SLOW_MS = 60_000;
const FAST_MS = 10_000;

export function currencyName(k: number): string {
  return k < CURRENCIES.length ? CURRENCIES[k]! : `X${pad(k, 4)}`;
}

export function ratesGenerator(o: GeneratorOptions): GeneratorDef {
  const seed = o.seed;
  const keys = o.keys;
  const base = (k: number): number => BASE_RATE[k] ?? 0.01 + uniform(seed, k, SALT.rates + 1);
  // Own noise channels (10, 11) of the per-key range: trades and sensors use 0–7.
  const drift = (k: number, ts: number): number =>
    valueNoise(streamKey(seed, SALT.perKey + k * 16 + 10), ts / SLOW_MS) +
    0.3 * valueNoise(streamKey(seed, SALT.perKey + k * 16 + 11), ts / FAST_MS);
  /** The currency rank of row i: a first version of each, then the key draw. */
  const rankOf = (i: number, drawn: number): number => (i < keys ? i : drawn);
  return {
    stream: findBuiltinStream('rates')!,
    columns: [
      {
        name: 'currency',
        type: 'VARCHAR',
        domain: createStringDomain(keys, currencyName),
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = rankOf(r.i[j]!, r.key[j]!);
        },
      },
      {
        name: 'rate',
        type: 'DOUBLE',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) {
            const k = rankOf(r.i[j]!, r.key[j]!);
            // EUR is the unit: its rate never changes.
            out[j] = k === 0 ? 1 : roundTo(base(k) * Math.exp(0.02 * drift(k, r.ts[j]!)), 6);
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
