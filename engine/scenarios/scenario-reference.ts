/**
 * Independent, row-at-a-time answers to the seed scenarios, written straight
 * from the dialect (§4, §5) with no engine code: the cross-check for the
 * golden files. Slow on purpose — clarity over speed.
 */
import type { Row, Value } from '../core/types';

/** A generated input row with its arrival seq and the watermark before it. */
export interface InputRow {
  readonly seq: number;
  readonly wm: number;
  readonly row: Row;
}

export type OutRow = Record<string, Value>;

const MINUTE = 60_000;
const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);

export function referenceS0(input: readonly InputRow[]): OutRow[] {
  return input
    .filter(({ row }) => num(row['total_amount']) !== null && num(row['total_amount'])! > 100)
    .map(({ row }) => ({
      order_id: row['order_id']!,
      customer_id: row['customer_id']!,
      total_amount: row['total_amount']!,
    }));
}

/** S1: per symbol, rows in (ts, arrival) order; the frame is the row and the 99 before it. Late rows (ts ≤ W_k) are dropped. */
export function referenceS1(input: readonly InputRow[], delay: number): { rows: OutRow[]; late: number } {
  const perKey = new Map<Value, { max: number; rows: InputRow[] }>();
  let late = 0;
  for (const r of input) {
    const k = r.row['symbol']!;
    const ts = r.row['ts'] as number;
    let s = perKey.get(k);
    if (!s) perKey.set(k, (s = { max: -Infinity, rows: [] }));
    if (ts <= s.max - delay) {
      late++;
      continue;
    }
    s.max = Math.max(s.max, ts);
    s.rows.push(r);
  }
  const out: OutRow[] = [];
  for (const { rows } of perKey.values()) {
    rows.sort((a, b) => (a.row['ts'] as number) - (b.row['ts'] as number) || a.seq - b.seq);
    rows.forEach((r, i) => {
      const prices = rows
        .slice(Math.max(0, i - 99), i + 1)
        .map((x) => num(x.row['price']))
        .filter((p): p is number => p !== null);
      out.push({
        symbol: r.row['symbol']!,
        price: r.row['price']!,
        moving_avg: prices.length ? prices.reduce((a, b) => a + b, 0) / prices.length : null,
        moving_min: prices.length ? Math.min(...prices) : null,
        moving_max: prices.length ? Math.max(...prices) : null,
      });
    });
  }
  return { rows: out, late };
}

/** Running aggregates of one group (COUNT(*), AVG(price), SUM(quantity), SUM(price * quantity)). */
class GroupAgg {
  count = 0;
  priceSum = 0;
  priceN = 0;
  qtySum = 0;
  qtyN = 0;
  notional = 0;
  notionalN = 0;
  add(row: Row): void {
    const p = num(row['price']);
    const q = num(row['quantity']);
    this.count++;
    if (p !== null) {
      this.priceSum += p;
      this.priceN++;
    }
    if (q !== null) {
      this.qtySum += q;
      this.qtyN++;
    }
    if (p !== null && q !== null) {
      this.notional += p * q;
      this.notionalN++;
    }
  }
  values(): OutRow {
    return {
      trades: this.count,
      avg_price: this.priceN ? this.priceSum / this.priceN : null,
      volume: this.qtyN ? this.qtySum : null,
      notional: this.notionalN ? this.notional : null,
    };
  }
}

const groupKey = (row: Row, start?: number): string =>
  JSON.stringify([row['trader_id'], row['symbol'], start ?? null]);

/** S2: EMIT CHANGES without a window: one row per input row, +I the first time a group is seen, +U after. */
export function referenceS2(input: readonly InputRow[]): OutRow[] {
  const groups = new Map<string, GroupAgg>();
  return input.map(({ row }) => {
    const k = groupKey(row);
    let g = groups.get(k);
    const op = g ? '+U' : '+I';
    if (!g) groups.set(k, (g = new GroupAgg()));
    g.add(row);
    return { op, trader_id: row['trader_id']!, symbol: row['symbol']!, ...g.values() };
  });
}

/** S3a / S3b: one-minute tumbling windows; a row is late if its window was complete when it arrived (end − 1 ≤ W(i)). */
export function referenceS3(
  input: readonly InputRow[],
  emit: 'final' | 'changes',
): { rows: OutRow[]; late: number } {
  const groups = new Map<string, { trader: Value; symbol: Value; start: number; agg: GroupAgg }>();
  const changes: OutRow[] = [];
  let late = 0;
  for (const { row, wm } of input) {
    const ts = row['ts'] as number;
    const start = Math.floor(ts / MINUTE) * MINUTE;
    if (start + MINUTE - 1 <= wm) {
      late++;
      continue;
    }
    const k = groupKey(row, start);
    let g = groups.get(k);
    const op = g ? '+U' : '+I';
    if (!g)
      groups.set(k, (g = { trader: row['trader_id']!, symbol: row['symbol']!, start, agg: new GroupAgg() }));
    g.agg.add(row);
    if (emit === 'changes')
      changes.push({ op, trader_id: g.trader, symbol: g.symbol, window_start: start, ...g.agg.values() });
  }
  if (emit === 'changes') return { rows: changes, late };
  const rows = [...groups.values()].map((g) => ({
    trader_id: g.trader,
    symbol: g.symbol,
    window_start: g.start,
    ...g.agg.values(),
  }));
  return { rows, late };
}
