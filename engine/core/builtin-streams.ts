/** The four built-in streams of dialect §2.1: usable with no DDL at all. */
import type { Field } from './types';

export interface BuiltinStream {
  readonly name: string;
  readonly columns: readonly Field[];
  /** The column the `keys` / `skew` options shape. */
  readonly keyColumn: string;
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
];

export function findBuiltinStream(name: string): BuiltinStream | undefined {
  const lower = name.toLowerCase();
  return BUILTIN_STREAMS.find((s) => s.name === lower);
}
