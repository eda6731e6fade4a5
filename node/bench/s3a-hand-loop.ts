/**
 * S3a written by hand: the practical speed limit for the engine's tumbling
 * GROUP BY. Same semantics as the query (one-minute windows aligned to the
 * epoch, EMIT FINAL when W ≥ end − 1, late rows dropped, SQL NULL rules for
 * AVG/SUM), but with everything the engine must keep general hard-coded:
 * string keys mapped to dense ids once per batch dictionary, one flat array
 * per aggregate indexed by group, and the current window's bounds compared
 * instead of dividing per row.
 */
import type { ColumnBatch, NumberColumn, StringColumn } from '../../engine/core/batch';
import { decodeDictionary } from '../../engine/core/batch-rows';
import type { Schema, Value } from '../../engine/core/types';

const WINDOW = 60_000;

/** Per-window accumulators, one slot per (trader, symbol) group. */
class WindowAcc {
  count: Float64Array;
  priceSum: Float64Array;
  priceN: Float64Array;
  qtySum: Float64Array;
  qtyN: Float64Array;
  notional: Float64Array;
  notionalN: Float64Array;
  constructor(
    readonly start: number,
    cap: number,
  ) {
    this.count = new Float64Array(cap);
    this.priceSum = new Float64Array(cap);
    this.priceN = new Float64Array(cap);
    this.qtySum = new Float64Array(cap);
    this.qtyN = new Float64Array(cap);
    this.notional = new Float64Array(cap);
    this.notionalN = new Float64Array(cap);
  }
  grow(cap: number): void {
    const g = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.count = g(this.count);
    this.priceSum = g(this.priceSum);
    this.priceN = g(this.priceN);
    this.qtySum = g(this.qtySum);
    this.qtyN = g(this.qtyN);
    this.notional = g(this.notional);
    this.notionalN = g(this.notionalN);
  }
}

/** The answer, columnar: group ids resolve through `traders` / `symbols` (null = NULL key). */
export interface HandLoopResult {
  rows: number;
  late: number;
  trader: Int32Array;
  symbol: Int32Array;
  windowStart: Float64Array;
  count: Float64Array;
  avgPrice: Float64Array;
  volume: Float64Array;
  notional: Float64Array;
  traders: (string | null)[];
  symbols: (string | null)[];
}

export function runS3aHandLoop(batches: readonly ColumnBatch[], schema: Schema): HandLoopResult {
  const col = (name: string): number => {
    const c = schema.findIndex((f) => f.name === name);
    if (c < 0) throw new Error(`S3a hand loop: the source has no column ${name}`);
    return c;
  };
  const [cTrader, cSymbol, cPrice, cQty, cTs] = ['trader_id', 'symbol', 'price', 'quantity', 'ts'].map(
    col,
  ) as [number, number, number, number, number];

  // Dense ids per distinct string; id 0 is NULL.
  const traderIds = new Map<string, number>();
  const symbolIds = new Map<string, number>();
  const traders: (string | null)[] = [null];
  const symbols: (string | null)[] = [null];
  const idOf = (m: Map<string, number>, names: (string | null)[], s: string): number => {
    let id = m.get(s);
    if (id === undefined) {
      id = names.length;
      m.set(s, id);
      names.push(s);
    }
    return id;
  };
  // Group index per (trader id, symbol id): a flat table, grown when ids outgrow it.
  let side = 256;
  let groupOf = new Int32Array(side * side).fill(-1);
  const groupTrader: number[] = [];
  const groupSymbol: number[] = [];
  let cap = 1024;

  const open = new Map<number, WindowAcc>();
  const out: HandLoopResult = {
    rows: 0,
    late: 0,
    trader: new Int32Array(1024),
    symbol: new Int32Array(1024),
    windowStart: new Float64Array(1024),
    count: new Float64Array(1024),
    avgPrice: new Float64Array(1024),
    volume: new Float64Array(1024),
    notional: new Float64Array(1024),
    traders,
    symbols,
  };
  const emit = (w: WindowAcc): void => {
    const groups = groupTrader.length;
    for (let g = 0; g < groups; g++) {
      if (w.count[g] === 0) continue;
      if (out.rows === out.trader.length) growOut(out);
      const r = out.rows++;
      out.trader[r] = groupTrader[g]!;
      out.symbol[r] = groupSymbol[g]!;
      out.windowStart[r] = w.start;
      out.count[r] = w.count[g]!;
      out.avgPrice[r] = w.priceN[g]! > 0 ? w.priceSum[g]! / w.priceN[g]! : NaN;
      out.volume[r] = w.qtyN[g]! > 0 ? w.qtySum[g]! : NaN;
      out.notional[r] = w.notionalN[g]! > 0 ? w.notional[g]! : NaN;
    }
  };
  const fire = (wm: number): void => {
    for (const [start, w] of open)
      if (wm >= start + WINDOW - 1) {
        emit(w);
        open.delete(start);
      }
  };

  let gi = new Int32Array(0);
  for (const b of batches) {
    const n = b.length;
    const tc = b.columns[cTrader] as StringColumn;
    const sc = b.columns[cSymbol] as StringColumn;
    const traderMap = Int32Array.from(decodeDictionary(tc), (s) => idOf(traderIds, traders, s));
    const symbolMap = Int32Array.from(decodeDictionary(sc), (s) => idOf(symbolIds, symbols, s));
    const need = Math.max(traders.length, symbols.length);
    if (need > side) {
      const old = groupOf;
      const oldSide = side;
      while (side < need) side *= 2;
      groupOf = new Int32Array(side * side).fill(-1);
      for (let t = 0; t < oldSide; t++)
        for (let s = 0; s < oldSide; s++) groupOf[t * side + s] = old[t * oldSide + s]!;
    }
    // Pass 1: group index per row, through a per-batch (trader code, symbol code) table; code `size` stands for NULL.
    if (gi.length < n) gi = new Int32Array(n);
    const tn = traderMap.length + 1;
    const sn = symbolMap.length + 1;
    const pair = new Int32Array(tn * sn).fill(-1);
    const tCodes = tc.codes,
      tValid = tc.valid,
      sCodes = sc.codes,
      sValid = sc.valid;
    for (let i = 0; i < n; i++) {
      const t = tValid === null || (tValid[i >> 3]! & (1 << (i & 7))) !== 0 ? tCodes[i]! : tn - 1;
      const s = sValid === null || (sValid[i >> 3]! & (1 << (i & 7))) !== 0 ? sCodes[i]! : sn - 1;
      let g = pair[t * sn + s]!;
      if (g < 0) {
        const tid = t === tn - 1 ? 0 : traderMap[t]!;
        const sid = s === sn - 1 ? 0 : symbolMap[s]!;
        const slot = tid * side + sid;
        g = groupOf[slot]!;
        if (g < 0) {
          g = groupOf[slot] = groupTrader.length;
          groupTrader.push(tid);
          groupSymbol.push(sid);
          if (g >= cap) {
            cap *= 2;
            for (const acc of open.values()) acc.grow(cap);
          }
        }
        pair[t * sn + s] = g;
      }
      gi[i] = g;
    }
    // Pass 2: runs of rows that fall in one window and are not late, accumulated in a tight loop.
    const pc = b.columns[cPrice] as NumberColumn;
    const qc = b.columns[cQty] as NumberColumn;
    const ts = (b.columns[cTs] as NumberColumn).data;
    const wmv = b.wm;
    let i = 0;
    while (i < n) {
      const wStart = Math.floor(ts[i]! / WINDOW) * WINDOW;
      const wEnd = wStart + WINDOW;
      if (wEnd - 1 <= wmv[i]!) {
        // Late: its window was complete before the row arrived.
        out.late++;
        i++;
        continue;
      }
      let w = open.get(wStart);
      if (w === undefined) {
        w = new WindowAcc(wStart, cap);
        open.set(wStart, w);
      }
      let j = i + 1;
      while (j < n && ts[j]! >= wStart && ts[j]! < wEnd && wEnd - 1 > wmv[j]!) j++;
      if (pc.valid === null && qc.valid === null) accumulateRun(w, gi, pc.data, qc.data, i, j);
      else accumulateRunNullable(w, gi, pc, qc, i, j);
      i = j;
    }
    fire(b.wmAfter);
  }
  fire(Infinity);
  return out;
}

/** Rows [from, to) of one window, no NULL price or quantity: the loop that sets the limit. */
function accumulateRun(
  w: WindowAcc,
  gi: Int32Array,
  price: Float64Array,
  qty: Float64Array,
  from: number,
  to: number,
): void {
  const count = w.count,
    priceSum = w.priceSum,
    priceN = w.priceN,
    qtySum = w.qtySum,
    qtyN = w.qtyN,
    notional = w.notional,
    notionalN = w.notionalN;
  for (let i = from; i < to; i++) {
    const g = gi[i]!;
    const p = price[i]!;
    const q = qty[i]!;
    count[g]!++;
    priceSum[g]! += p;
    priceN[g]!++;
    qtySum[g]! += q;
    qtyN[g]!++;
    notional[g]! += p * q;
    notionalN[g]!++;
  }
}

function accumulateRunNullable(
  w: WindowAcc,
  gi: Int32Array,
  pc: NumberColumn,
  qc: NumberColumn,
  from: number,
  to: number,
): void {
  const pValid = pc.valid,
    qValid = qc.valid,
    price = pc.data,
    qty = qc.data;
  for (let i = from; i < to; i++) {
    const g = gi[i]!;
    w.count[g]!++;
    const pOk = pValid === null || (pValid[i >> 3]! & (1 << (i & 7))) !== 0;
    const qOk = qValid === null || (qValid[i >> 3]! & (1 << (i & 7))) !== 0;
    if (pOk) {
      w.priceSum[g]! += price[i]!;
      w.priceN[g]!++;
    }
    if (qOk) {
      w.qtySum[g]! += qty[i]!;
      w.qtyN[g]!++;
    }
    if (pOk && qOk) {
      w.notional[g]! += price[i]! * qty[i]!;
      w.notionalN[g]!++;
    }
  }
}

function growOut(o: HandLoopResult): void {
  const n = o.trader.length * 2;
  const gi = (a: Int32Array): Int32Array => {
    const b = new Int32Array(n);
    b.set(a);
    return b;
  };
  const gf = (a: Float64Array): Float64Array => {
    const b = new Float64Array(n);
    b.set(a);
    return b;
  };
  o.trader = gi(o.trader);
  o.symbol = gi(o.symbol);
  o.windowStart = gf(o.windowStart);
  o.count = gf(o.count);
  o.avgPrice = gf(o.avgPrice);
  o.volume = gf(o.volume);
  o.notional = gf(o.notional);
}

/** The hand loop's rows as values, in S3a's output column order. */
export function handLoopRows(r: HandLoopResult): Value[][] {
  const rows: Value[][] = [];
  const num = (x: number): Value => (Number.isNaN(x) ? null : x);
  for (let i = 0; i < r.rows; i++)
    rows.push([
      r.traders[r.trader[i]!]!,
      r.symbols[r.symbol[i]!]!,
      r.windowStart[i]!,
      r.count[i]!,
      num(r.avgPrice[i]!),
      num(r.volume[i]!),
      num(r.notional[i]!),
    ]);
  return rows;
}
