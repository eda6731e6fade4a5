/**
 * Which order each row of `payments` pays, and when: a pure function of the
 * orders' options, so a payment finds its order in an `orders` stream with the
 * same seed, keys, skew, event_step and start_time.
 *
 * Orders are cut into blocks of K consecutive rows (K·event_step ≈ 2 s, K a
 * multiple of 10). A seeded shuffle of each block marks 7 in 10 orders as paid
 * on time, 1 in 10 as paid late and 2 in 10 as never paid — exact fractions,
 * which orders is decided by the seed. Payment block b (8 in 10 of K rows)
 * pays, in a shuffled order, block b's on-time orders and block b − LATE_BLOCKS's
 * late ones. Payment row i happens at start + OFFSET + i · 1.25 · event_step,
 * so payment block b spans the same event time as order block b, shifted by
 * OFFSET = 1 s + K·event_step: an on-time payment comes between 1 s and
 * 1 s + 2K·event_step after its order, a late one ≥ LATE_MS more.
 *
 * The first LATE_BLOCKS payment blocks have no late orders to pay (none are
 * old enough): there, one never-paid order per late slot is paid on time.
 */
import type { GeneratorOptions } from '../../core/stream-options';
import { streamKey, uniformAt } from '../prng';
import { SALT } from './generator-def';

/** Of every 10 orders: paid on time, paid late, never paid. */
const ON_TIME = 7;
const LATE = 1;
const NEVER = 2;
/** Event time a block of orders spans, about. */
const BLOCK_MS = 2000;
/** Shortest delay of any payment. */
const MIN_DELAY_MS = 1000;
/** Extra delay of a late payment, at least: beyond the usual ±10 s interval bounds. */
export const LATE_MS = 20_000;

export interface PaymentPlan {
  /** Orders per block (K) and payments per block. */
  readonly orders: number;
  readonly payments: number;
  /** How many blocks after its order a late payment comes. */
  readonly lateBlocks: number;
  /** The event-time options of the payment stream: its rows' base times. */
  readonly time: GeneratorOptions;
  /** The order row (0-based; order_id − 1) payment row i pays. */
  orderOf(i: number): number;
}

export function paymentPlan(o: GeneratorOptions): PaymentPlan {
  const step = o.event_step;
  const groups = step > 0 ? Math.min(100, Math.max(1, Math.round(BLOCK_MS / (10 * step)))) : 100;
  const K = 10 * groups;
  const onTime = ON_TIME * groups;
  const late = LATE * groups;
  const m = (ON_TIME + LATE) * groups;
  const span = K * step;
  const lateBlocks = span > 0 ? Math.max(1, Math.ceil(LATE_MS / span)) : 1;
  const classKey = streamKey(o.seed, SALT.payments + 1);
  const orderKey = streamKey(o.seed, SALT.payments + 2);

  /** Block b's orders shuffled: [0, onTime) on time, then late, then never paid. */
  const shuffled = (b: number): Int32Array => {
    const p = Int32Array.from({ length: K }, (_, k) => k);
    shuffle(p, classKey, b * K);
    return p;
  };
  /** Payment block b: the order rows it pays, in payment order. */
  const block = (b: number): Float64Array => {
    const own = shuffled(b);
    const out = new Float64Array(m);
    for (let k = 0; k < onTime; k++) out[k] = b * K + own[k]!;
    if (b >= lateBlocks) {
      const old = shuffled(b - lateBlocks);
      const ob = (b - lateBlocks) * K;
      for (let k = 0; k < late; k++) out[onTime + k] = ob + old[onTime + k]!;
    } else for (let k = 0; k < late; k++) out[onTime + k] = b * K + own[onTime + late + k]!;
    shuffle(out, orderKey, b * m);
    return out;
  };
  // Rows come block after block: the last two blocks cover a scan and a partition's own rows.
  const cached: { b: number; rows: Float64Array }[] = [];
  const orderOf = (i: number): number => {
    const b = Math.floor(i / m);
    let hit = cached.find((c) => c.b === b);
    if (hit === undefined) {
      hit = { b, rows: block(b) };
      cached.unshift(hit);
      if (cached.length > 2) cached.pop();
    }
    return hit.rows[i - b * m]!;
  };
  return {
    orders: K,
    payments: m,
    lateBlocks,
    time: { ...o, start_time: o.start_time + MIN_DELAY_MS + span, event_step: (step * K) / m },
    orderOf,
  };
}

/** Fisher–Yates over a, drawing uniformAt(key, from + t) for step t: a pure function of (key, from). */
function shuffle(a: Int32Array | Float64Array, key: number, from: number): void {
  for (let t = a.length - 1; t > 0; t--) {
    const r = Math.floor(uniformAt(key, from + t) * (t + 1));
    const x = a[t]!;
    a[t] = a[r]!;
    a[r] = x;
  }
}

/** Exact fractions, for docs and tests. */
export const PAYMENT_FRACTIONS = { onTime: ON_TIME / 10, late: LATE / 10, never: NEVER / 10 } as const;
