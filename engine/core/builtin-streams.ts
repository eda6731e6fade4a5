/**
 * The built-in streams of dialect §2.1: usable with no DDL at all. The last
 * three are made to be joined with the first ones (issue #15): their docs say
 * which options must match for their rows to meet.
 */
import type { Field } from './types';

export interface BuiltinStream {
  readonly name: string;
  readonly columns: readonly Field[];
  /** The column the `keys` / `skew` options shape. */
  readonly keyColumn: string;
  /** A versioned stream's `PRIMARY KEY … NOT ENFORCED`, as if declared: it joins FOR SYSTEM_TIME AS OF without DDL. */
  readonly primaryKey?: readonly string[];
  readonly doc: string;
}

const f = (name: string, type: Field['type'], nullable = true): Field => ({ name, type, nullable });

export const BUILTIN_STREAMS: readonly BuiltinStream[] = [
  {
    name: 'trades',
    columns: [
      f('trader_id', 'VARCHAR'),
      f('symbol', 'VARCHAR', false),
      f('price', 'DOUBLE'),
      f('quantity', 'BIGINT'),
      f('side', 'VARCHAR'),
      f('ts', 'TIMESTAMP', false),
    ],
    keyColumn: 'symbol',
    doc: 'Trades on an exchange: prices walk per symbol; side is BUY or SELL.',
  },
  {
    name: 'orders',
    columns: [
      f('order_id', 'BIGINT', false),
      f('customer_id', 'BIGINT', false),
      f('status', 'VARCHAR'),
      f('total_amount', 'DOUBLE'),
      f('ts', 'TIMESTAMP', false),
    ],
    keyColumn: 'customer_id',
    doc: 'Shop orders: ids count up, amounts are log-normal.',
  },
  {
    name: 'sensors',
    columns: [
      f('device_id', 'VARCHAR', false),
      f('site', 'VARCHAR'),
      f('temperature', 'DOUBLE'),
      f('humidity', 'DOUBLE'),
      f('ts', 'TIMESTAMP', false),
    ],
    keyColumn: 'device_id',
    doc: 'IoT sensor readings: temperature and humidity drift per device.',
  },
  {
    name: 'clicks',
    columns: [
      f('user_id', 'BIGINT', false),
      f('page', 'VARCHAR'),
      f('referrer', 'VARCHAR'),
      f('latency_ms', 'DOUBLE'),
      f('ts', 'TIMESTAMP', false),
    ],
    keyColumn: 'user_id',
    doc: 'Web clicks: pages, referrers and page latencies per user.',
  },
  {
    name: 'payments',
    columns: [
      f('payment_id', 'BIGINT', false),
      f('order_id', 'BIGINT', false),
      f('customer_id', 'BIGINT', false),
      f('amount', 'DOUBLE'),
      f('method', 'VARCHAR'),
      f('currency', 'VARCHAR', false),
      f('ts', 'TIMESTAMP', false),
    ],
    keyColumn: 'customer_id',
    doc: 'Payments of `orders`: with the same seed, keys, skew, event_step and start_time, each payment names an existing order_id (same customer_id, amount = its total_amount) and comes 1 to 5 s after it (later when event_step is above 200 ms); of every 10 orders 7 are paid so, 1 is paid over 20 s late and 2 are never paid. 8 payments per 10 orders: give payments 0.8 × the rows_per_second of orders to keep them in step.',
  },
  {
    name: 'impressions',
    columns: [
      f('impression_id', 'BIGINT', false),
      f('user_id', 'BIGINT', false),
      f('ad_id', 'BIGINT'),
      f('placement', 'VARCHAR'),
      f('ts', 'TIMESTAMP', false),
    ],
    keyColumn: 'user_id',
    doc: 'Ads shown to the users of `clicks`: with the same seed, keys, skew, event_step and start_time, one impression in four is followed 2 s later by a click of the same user_id; the others go to random users. 4 impressions per click: give impressions 4 × the rows_per_second of clicks to keep them in step.',
  },
  {
    name: 'rates',
    columns: [f('currency', 'VARCHAR', false), f('rate', 'DOUBLE'), f('ts', 'TIMESTAMP', false)],
    keyColumn: 'currency',
    primaryKey: ['currency'],
    doc: "Exchange rates (EUR per unit) as a versioned table: each row is a new rate of one of `keys` currencies (the first rows give every currency its first rate; EUR stays 1). Its primary key is currency (as if declared PRIMARY KEY (currency) NOT ENFORCED): join it FOR SYSTEM_TIME AS OF; a large event_step (e.g. '2s') makes each rate change rarely. `payments` pays in EUR, USD, GBP and CHF: keys ≥ 4 covers them.",
  },
];

export function findBuiltinStream(name: string): BuiltinStream | undefined {
  const lower = name.toLowerCase();
  return BUILTIN_STREAMS.find((s) => s.name === lower);
}
