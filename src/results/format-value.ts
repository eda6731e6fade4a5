/** How the results table shows a value: by the column's SQL type, never guessed from the number. */
import type { DataType, Value } from '../../engine/index';

/** Epoch milliseconds as `2024-03-01 12:00:05.250` (UTC, with milliseconds). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace('T', ' ').replace('Z', '');
}

export function formatValue(v: Value, type: DataType | undefined): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (type === 'TIMESTAMP') return formatTimestamp(v);
    return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '');
  }
  return String(v);
}
