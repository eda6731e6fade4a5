/**
 * `trades`: symbol is the key. Prices walk per symbol as a function of event
 * time (multi-octave value noise in log space, so a price is a pure function
 * of (seed, symbol, ts) — sliceable, yet it looks like a random walk).
 */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { gaussianAt, streamKey, uniform, uniformAt, valueNoise } from '../prng';
import { type GeneratorDef, pad, roundTo, SALT } from './generator-def';
import { createStringDomain, listDomain } from './string-domain';

const TICKERS = [
  'AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOG', 'META', 'TSLA', 'AVGO', 'JPM', 'V',
  'XOM', 'UNH', 'MA', 'JNJ', 'PG', 'HD', 'COST', 'ABBV', 'MRK', 'CVX',
  'KO', 'PEP', 'ADBE', 'CRM', 'NFLX', 'AMD', 'INTC', 'ORCL', 'CSCO', 'WMT',
  'DIS', 'BAC', 'T', 'VZ', 'PFE', 'NKE', 'MCD', 'IBM', 'QCOM', 'TXN',
];
/** How many traders trade (trader_id is not the key column). */
export const TRADERS = 100;
const OCTAVES = 8;
/** Period of the finest octave (ms); each octave is 4× longer. */
const FINEST_MS = 1000;
/** Log-price amplitude of the finest octave; octave o has AMP·2^o (Brownian scaling). */
const AMP = 0.0005;

export function symbolName(k: number): string {
  return k < TICKERS.length ? TICKERS[k]! : `SYM${pad(k, 5)}`;
}

export function tradesGenerator(o: GeneratorOptions): GeneratorDef {
  const seed = o.seed;
  const s = SALT.trades;
  const traderKey = streamKey(seed, s + 1);
  const qtyKey1 = streamKey(seed, s + 2);
  const qtyKey2 = streamKey(seed, s + 3);
  const sideKey = streamKey(seed, s + 4);
  const tickKey = streamKey(seed, s + 5);
  const symbols = createStringDomain(o.keys, symbolName);
  const traders = createStringDomain(TRADERS, (k) => `trader-${pad(k + 1, 3)}`);
  const sides = listDomain(['BUY', 'SELL']);

  // Per-symbol base price (10 … 500), cached for the ranks Zipf makes common.
  const baseCache = new Float64Array(Math.min(o.keys, 1 << 16)).fill(NaN);
  const basePrice = (k: number): number => {
    if (k < baseCache.length) {
      const p = baseCache[k]!;
      if (p === p) return p; // not NaN
      return (baseCache[k] = 10 * Math.exp(uniform(seed, k, s + 6) * Math.log(50)));
    }
    return 10 * Math.exp(uniform(seed, k, s + 6) * Math.log(50));
  };
  // The walk's lattice points change once per octave period, so for the usual
  // few-thousand symbols each (symbol, octave) keeps its current lattice cell.
  const cached = o.keys <= 4096 ? o.keys * OCTAVES : 0;
  const cellN = new Float64Array(cached).fill(NaN);
  const cellA = new Float64Array(cached);
  const cellB = new Float64Array(cached);
  const walk = (k: number, ts: number): number => {
    let x = 0;
    let period = FINEST_MS;
    let amp = AMP;
    for (let oct = 0; oct < OCTAVES; oct++) {
      const salt = SALT.perKey + k * 16 + oct;
      const t = ts / period;
      if (k * OCTAVES < cached) {
        const c = k * OCTAVES + oct;
        const n = Math.floor(t);
        if (cellN[c] !== n) {
          const key = streamKey(seed, salt);
          cellN[c] = n;
          cellA[c] = uniformAt(key, n) * 2 - 1;
          cellB[c] = uniformAt(key, n + 1) * 2 - 1;
        }
        const a = cellA[c]!;
        x += amp * (a + (cellB[c]! - a) * (t - n));
      } else x += amp * valueNoise(streamKey(seed, salt), t);
      period *= 4;
      amp *= 2;
    }
    return x;
  };

  return {
    stream: findBuiltinStream('trades')!,
    columns: [
      { name: 'trader_id', type: 'VARCHAR', domain: traders, value: (r) => Math.floor(uniformAt(traderKey, r.i) * TRADERS) },
      { name: 'symbol', type: 'VARCHAR', domain: symbols, value: (r) => r.key },
      {
        name: 'price',
        type: 'DOUBLE',
        domain: null,
        value: (r) => {
          const tick = (uniformAt(tickKey, r.i) - 0.5) * 0.0004;
          return roundTo(basePrice(r.key) * Math.exp(walk(r.key, r.ts) + tick), 2);
        },
      },
      {
        name: 'quantity',
        type: 'BIGINT',
        domain: null,
        value: (r) => Math.max(1, Math.round(Math.exp(2.5 + 1.3 * gaussianAt(qtyKey1, qtyKey2, r.i)))),
      },
      { name: 'side', type: 'VARCHAR', domain: sides, value: (r) => (uniformAt(sideKey, r.i) < 0.5 ? 0 : 1) },
      { name: 'ts', type: 'TIMESTAMP', domain: null, value: (r) => r.ts },
    ],
  };
}
