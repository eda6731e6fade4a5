/**
 * `trades`: symbol is the key. Prices walk per symbol as a function of event
 * time (multi-octave value noise in log space, so a price is a pure function
 * of (seed, symbol, ts) — sliceable, yet it looks like a random walk).
 */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { quantileSampler, streamKey, uniform, uniformAt, valueNoise } from '../prng';
import {
  copyKeys,
  type GeneratorDef,
  pad,
  quantilesOf,
  type RowBlock,
  roundHalfUp,
  SALT,
  uniformsOf,
} from './generator-def';
import { QUANTILE_COUNT } from '../uniform-kernel';
import { PRICE_PIECE, PriceKernel } from './price-kernel';
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
/** Octave o reads t·4^−o and weighs its noise by AMP·2^o (exact powers of two). */
const SCALES = Float64Array.from({ length: OCTAVES }, (_, o) => 0.25 ** o);
const AMPS = Float64Array.from({ length: OCTAVES }, (_, o) => AMP * 2 ** o);
const A0 = AMP;
const A1 = AMP * 2;
const A2 = AMP * 4;
const A3 = AMP * 8;
const A4 = AMP * 16;
const A5 = AMP * 32;
const A6 = AMP * 64;
const A7 = AMP * 128;

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
  const traderOf = (u: number): number => Math.floor(u * TRADERS);
  const sideOf = (u: number): number => (u < 0.5 ? 0 : 1);

  const basePrice = (k: number): number => {
    if (k < baseCache.length) {
      const p = baseCache[k]!;
      if (p === p) return p; // not NaN
      return (baseCache[k] = 10 * Math.exp(uniform(seed, k, s + 6) * Math.log(50)));
    }
    return 10 * Math.exp(uniform(seed, k, s + 6) * Math.log(50));
  };
  // The walk's lattice points change once per octave period, so for the usual
  // few-thousand symbols each (symbol, octave) keeps its current lattice cell:
  // cell[3c] = its lattice index, cell[3c + 1] = the noise a at its start,
  // cell[3c + 2] = b − a (b: the noise at its end). One set of cells per row
  // block: a thread may draw two streams from this definition at once (two
  // partitions in one thread), at different times, which would evict each
  // other's cells on every row.
  const cached = o.keys <= 4096 ? o.keys * OCTAVES : 0;
  const cellsOf = new WeakMap<RowBlock, Float64Array>();
  const cellsFor = (r: RowBlock): Float64Array => {
    let cell = cellsOf.get(r);
    if (cell === undefined) {
      cell = new Float64Array(cached * 3);
      for (let c = 0; c < cached; c++) cell[3 * c] = NaN;
      cellsOf.set(r, cell);
    }
    return cell;
  };
  // The WebAssembly price column keeps its cells in its own memory, likewise one kernel per row block.
  const kernels = new WeakMap<RowBlock, PriceKernel | null>();
  let noiseKeys: Int32Array | null = null;
  const kernelFor = (r: RowBlock): PriceKernel | null => {
    let k = kernels.get(r);
    if (k === undefined) {
      // refill's stream keys, which the kernel's own refill hashes with.
      noiseKeys ??= Int32Array.from({ length: o.keys * OCTAVES }, (_, c) =>
        noiseKey(c >>> 3, c & (OCTAVES - 1)),
      );
      k = PriceKernel.create(
        Float64Array.from({ length: o.keys }, (_, key) => basePrice(key)),
        noiseKeys,
        r,
      );
      kernels.set(r, k);
    }
    return k;
  };
  /** The price column through the kernel, a piece at a time; the kernel stops where a row's cells must be refilled. */
  const kernelPrices = (kn: PriceKernel, r: RowBlock, n: number, out: Float64Array): void => {
    uniformsOf(tickKey, r, n, out);
    const { ts, key, u, cells } = kn;
    const refillRow = (j: number): void => {
      const t0 = ts[j]! / FINEST_MS;
      const k = key[j]!;
      for (let oct = 0; oct < OCTAVES; oct++) {
        const m = Math.floor(t0 * SCALES[oct]!);
        const c = 3 * (OCTAVES * k + oct);
        if (cells[c] !== m) refill(cells, c, m, oct, k);
      }
    };
    for (let from = 0; from < n; from += PRICE_PIECE) {
      const m = Math.min(PRICE_PIECE, n - from);
      ts.set(r.ts.subarray(from, from + m));
      key.set(r.key.subarray(from, from + m));
      u.set(out.subarray(from, from + m));
      kn.prices(m, refillRow);
      out.set(kn.out.subarray(0, m), from);
    }
  };
  let walkX = new Float64Array(0);
  /**
   * The walk of rows [0, n): each row sums its octaves in order, the running
   * sum kept in a register. Octave o reads t = ts / (1000·4^o), computed as
   * (ts / 1000)·4^−o: scaling by a power of two is exact, so it is the same
   * double with one division per row instead of eight. A cached (symbol,
   * octave) holds b − a, the same double the interpolation computes.
   */
  const walkBlock = (r: RowBlock, n: number): Float64Array => {
    if (walkX.length < n) walkX = new Float64Array(n);
    const x = walkX;
    const key = r.key;
    const ts = r.ts;
    if (cached > 0) {
      const cells = cellsFor(r);
      // Unrolled over the eight octaves: constant scales and amplitudes, the sum in a register.
      for (let j = 0; j < n; j++) {
        const t0 = ts[j]! / FINEST_MS;
        const k = key[j]!;
        const c = 3 * OCTAVES * k;
        let sum = 0;
        sum += A0 * octave(cells, c, t0, k, 0);
        sum += A1 * octave(cells, c + 3, t0 * 0.25, k, 1);
        sum += A2 * octave(cells, c + 6, t0 * 0.0625, k, 2);
        sum += A3 * octave(cells, c + 9, t0 * 0.015625, k, 3);
        sum += A4 * octave(cells, c + 12, t0 * 0.00390625, k, 4);
        sum += A5 * octave(cells, c + 15, t0 * 0.0009765625, k, 5);
        sum += A6 * octave(cells, c + 18, t0 * 0.000244140625, k, 6);
        sum += A7 * octave(cells, c + 21, t0 * 0.00006103515625, k, 7);
        x[j] = sum;
      }
      return x;
    }
    for (let j = 0; j < n; j++) {
      const t0 = ts[j]! / FINEST_MS;
      let sum = 0;
      for (let oct = 0; oct < OCTAVES; oct++)
        sum += AMPS[oct]! * valueNoise(noiseKey(key[j]!, oct), t0 * SCALES[oct]!);
      x[j] = sum;
    }
    return x;
  };
  /** One cached octave's noise at t: a + (b − a)·(t − ⌊t⌋), refilling the cell when t left it. */
  const octave = (cells: Float64Array, c: number, t: number, k: number, oct: number): number => {
    const m = Math.floor(t);
    if (cells[c] !== m) refill(cells, c, m, oct, k);
    return cells[c + 1]! + cells[c + 2]! * (t - m);
  };
  /** The noise stream of key k's octave. */
  const noiseKey = (k: number, oct: number): number => streamKey(seed, SALT.perKey + k * 16 + oct);
  const refill = (cells: Float64Array, c: number, m: number, oct: number, k: number): void => {
    const nk = noiseKey(k, oct);
    const a = uniformAt(nk, m) * 2 - 1;
    cells[c] = m;
    cells[c + 1] = a;
    cells[c + 2] = uniformAt(nk, m + 1) * 2 - 1 - a;
  };
  // Per-symbol base price (10 … 500) for the ranks Zipf makes common.
  const baseCache = new Float64Array(Math.min(o.keys, 1 << 16)).fill(NaN);

  return {
    stream: findBuiltinStream('trades')!,
    columns: [
      {
        name: 'trader_id',
        type: 'VARCHAR',
        domain: traders,
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(traderKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = traderOf(out[j]!);
        },
        fillCodes: (r, n, out, u) => {
          uniformsOf(traderKey, r, n, u);
          for (let j = 0; j < n; j++) out[j] = traderOf(u[j]!);
        },
        draw: { from: 'uniform', key: traderKey, levels: TRADERS, value: traderOf },
      },
      {
        name: 'symbol',
        type: 'VARCHAR',
        domain: symbols,
        readsTime: false,
        fill: (r, n, out) => copyKeys(r.key, n, out, 0),
        fillCodes: (r, n, out) => out.set(r.key.subarray(0, n)),
        draw: { from: 'key', value: (k) => k },
      },
      {
        name: 'price',
        type: 'DOUBLE',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => {
          const kernel = cached > 0 ? kernelFor(r) : null;
          if (kernel !== null) return kernelPrices(kernel, r, n, out);
          const x = walkBlock(r, n);
          uniformsOf(tickKey, r, n, out);
          const key = r.key;
          const cachedBases = baseCache.length;
          for (let j = 0; j < n; j++) {
            const tick = (out[j]! - 0.5) * 0.0004;
            const k = key[j]!;
            let base = k < cachedBases ? baseCache[k]! : NaN;
            if (base !== base) base = basePrice(k);
            // roundTo(·, 2), inlined
            out[j] = roundHalfUp(base * smallExp(x[j]! + tick) * 100) / 100;
          }
        },
      },
      {
        name: 'quantity',
        type: 'BIGINT',
        domain: null,
        readsTime: false,
        fill: (r, n, out) => {
          quantilesOf(quantity, qtyKey1, r, n, out, QUANTILE_COUNT);
        },
      },
      {
        name: 'side',
        type: 'VARCHAR',
        domain: sides,
        readsTime: false,
        fill: (r, n, out) => {
          uniformsOf(sideKey, r, n, out);
          for (let j = 0; j < n; j++) out[j] = sideOf(out[j]!);
        },
        fillCodes: (r, n, out, u) => {
          uniformsOf(sideKey, r, n, u);
          for (let j = 0; j < n; j++) out[j] = sideOf(u[j]!);
        },
        draw: { from: 'uniform', key: sideKey, levels: 2, value: sideOf },
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
