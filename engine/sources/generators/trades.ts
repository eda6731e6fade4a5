/**
 * `trades`: symbol is the key. Prices walk per symbol as a function of event
 * time (multi-octave value noise in log space, so a price is a pure function
 * of (seed, symbol, ts) — sliceable, yet it looks like a random walk).
 */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { quantileSampler, streamKey, uniform, uniformAt, valueNoise } from '../prng';
import { copyKeys, type GeneratorDef, pad, roundTo, type RowBlock, SALT } from './generator-def';
import { createStringDomain, listDomain } from './string-domain';

const TICKERS = [
  'AAPL',
  'MSFT',
  'NVDA',
  'AMZN',
  'GOOG',
  'META',
  'TSLA',
  'AVGO',
  'JPM',
  'V',
  'XOM',
  'UNH',
  'MA',
  'JNJ',
  'PG',
  'HD',
  'COST',
  'ABBV',
  'MRK',
  'CVX',
  'KO',
  'PEP',
  'ADBE',
  'CRM',
  'NFLX',
  'AMD',
  'INTC',
  'ORCL',
  'CSCO',
  'WMT',
  'DIS',
  'BAC',
  'T',
  'VZ',
  'PFE',
  'NKE',
  'MCD',
  'IBM',
  'QCOM',
  'TXN',
];
/** How many traders trade (trader_id is not the key column). */
export const TRADERS = 100;
const OCTAVES = 8;
/** Period of the finest octave (ms); each octave is 4× longer. */
const FINEST_MS = 1000;
/** Log-price amplitude of the finest octave; octave o has AMP·2^o (Brownian scaling). */
const AMP = 0.0005;

/** Log-normal lot sizes: median ≈ 12. */
const quantity = quantileSampler((z) => Math.exp(2.5 + 1.3 * z));

/** e^x for the walk's |x| < 0.13: four Taylor terms are exact to 3e-7, far below a cent. */
function smallExp(x: number): number {
  return 1 + x * (1 + x * (0.5 + x * (1 / 6 + x / 24)));
}

export function symbolName(k: number): string {
  return k < TICKERS.length ? TICKERS[k]! : `SYM${pad(k, 5)}`;
}

export function tradesGenerator(o: GeneratorOptions): GeneratorDef {
  const seed = o.seed;
  const s = SALT.trades;
  const traderKey = streamKey(seed, s + 1);
  const qtyKey1 = streamKey(seed, s + 2);
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
  let t0 = new Float64Array(0);
  let walkX = new Float64Array(0);
  /**
   * The walk of rows [0, n), octave by octave over the block (each row still
   * sums its octaves in the same order). Octave o reads t = ts / (1000·4^o),
   * computed as (ts / 1000)·4^−o: scaling by a power of two is exact, so it is
   * the same double with one division per row instead of eight.
   */
  const walkBlock = (r: RowBlock, n: number): Float64Array => {
    if (walkX.length < n) {
      t0 = new Float64Array(n);
      walkX = new Float64Array(n);
    }
    const x = walkX;
    const key = r.key;
    const ts = r.ts;
    for (let j = 0; j < n; j++) {
      t0[j] = ts[j]! / FINEST_MS;
      x[j] = 0;
    }
    let scale = 1;
    let amp = AMP;
    for (let oct = 0; oct < OCTAVES; oct++) {
      if (cached > 0) {
        for (let j = 0; j < n; j++) {
          const k = key[j]!;
          const t = t0[j]! * scale;
          const c = k * OCTAVES + oct;
          const m = Math.floor(t);
          if (cellN[c] !== m) {
            const nk = streamKey(seed, SALT.perKey + k * 16 + oct);
            cellN[c] = m;
            cellA[c] = uniformAt(nk, m) * 2 - 1;
            cellB[c] = uniformAt(nk, m + 1) * 2 - 1;
          }
          const a = cellA[c]!;
          x[j]! += amp * (a + (cellB[c]! - a) * (t - m));
        }
      } else {
        for (let j = 0; j < n; j++)
          x[j]! += amp * valueNoise(streamKey(seed, SALT.perKey + key[j]! * 16 + oct), t0[j]! * scale);
      }
      scale *= 0.25;
      amp *= 2;
    }
    return x;
  };

  return {
    stream: findBuiltinStream('trades')!,
    columns: [
      {
        name: 'trader_id',
        type: 'VARCHAR',
        domain: traders,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = Math.floor(uniformAt(traderKey, r.i[j]!) * TRADERS);
        },
      },
      {
        name: 'symbol',
        type: 'VARCHAR',
        domain: symbols,
        readsTime: false,
        fill: (r, n, out) => copyKeys(r.key, n, out, 0),
      },
      {
        name: 'price',
        type: 'DOUBLE',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => {
          const x = walkBlock(r, n);
          for (let j = 0; j < n; j++) {
            const tick = (uniformAt(tickKey, r.i[j]!) - 0.5) * 0.0004;
            out[j] = roundTo(basePrice(r.key[j]!) * smallExp(x[j]! + tick), 2);
          }
        },
      },
      {
        name: 'quantity',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = Math.max(1, Math.round(quantity(qtyKey1, r.i[j]!)));
        },
      },
      {
        name: 'side',
        type: 'VARCHAR',
        domain: sides,
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = uniformAt(sideKey, r.i[j]!) < 0.5 ? 0 : 1;
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
