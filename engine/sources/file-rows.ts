/**
 * Typing file rows by a schema: each value converted or the row rejected with
 * a reason (never silently). Timestamps accept epoch ms or ISO-8601 strings.
 */
import type { DataType, Schema, Value } from '../core/types';
import { parseTimestamp } from '../expr/expr-runtime';

export interface RowError {
  /** 1-based line in the file. */
  readonly line: number;
  readonly message: string;
}

export type RawRow = Readonly<Record<string, unknown>>;

/** A raw value (JSON value or CSV text) as `type`, or undefined if it does not fit. NULL for null / '' / missing. */
export function convertValue(v: unknown, type: DataType, fromText: boolean): Value | undefined {
  if (v === null || v === undefined || (fromText && v === '')) return null;
  switch (type) {
    case 'NULL':
      return null;
    case 'VARCHAR':
      return typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : undefined;
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === 'true') return true;
        if (s === 'false') return false;
      }
      return undefined;
    case 'BIGINT':
    case 'DOUBLE': {
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(x)) return undefined;
      if (type === 'BIGINT' && !Number.isInteger(x)) return undefined;
      return x;
    }
    case 'TIMESTAMP': {
      if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
      if (typeof v !== 'string') return undefined;
      const s = v.trim();
      if (/^-?\d+$/.test(s)) return Number(s);
      return parseTimestamp(s) ?? undefined;
    }
  }
}

/** Lower-cased field name → the raw row's own key, so `TS` in a file matches column `ts`. */
function fieldIndex(row: RawRow): Map<string, string> {
  const m = new Map<string, string>();
  for (const k of Object.keys(row)) if (!m.has(k.toLowerCase())) m.set(k.toLowerCase(), k);
  return m;
}

/**
 * Values of a raw row for `columns`, or an error message. A NULL event time is
 * kept: operators that need time report the row as invalid (dialect §4), and
 * queries that do not window still see it.
 */
export function typeRow(
  row: RawRow,
  columns: Schema,
  _timeColumn: number | null,
  fromText: boolean,
): Value[] | string {
  const idx = fieldIndex(row);
  const out: Value[] = [];
  for (let c = 0; c < columns.length; c++) {
    const f = columns[c]!;
    const key = idx.get(f.name.toLowerCase());
    const raw = key === undefined ? undefined : row[key];
    const v = convertValue(raw, f.type, fromText);
    if (v === undefined) return `column ${f.name}: ${JSON.stringify(raw)} is not a valid ${f.type}`;
    out.push(v);
  }
  return out;
}

function typeOfSample(v: unknown, name: string, fromText: boolean): DataType | null {
  if (v === null || v === undefined || (fromText && v === '')) return null;
  if (typeof v === 'boolean') return 'BOOLEAN';
  if (typeof v === 'number') return name === 'ts' ? 'TIMESTAMP' : Number.isInteger(v) ? 'BIGINT' : 'DOUBLE';
  if (typeof v !== 'string') return 'VARCHAR';
  const s = v.trim();
  if (fromText && /^(true|false)$/i.test(s)) return 'BOOLEAN';
  if (fromText && s !== '' && Number.isFinite(Number(s)))
    return name === 'ts' ? 'TIMESTAMP' : Number.isInteger(Number(s)) ? 'BIGINT' : 'DOUBLE';
  if (parseTimestamp(s) !== null) return 'TIMESTAMP';
  return 'VARCHAR';
}

const RANK: Record<DataType, number> = {
  NULL: 0,
  BOOLEAN: 1,
  BIGINT: 2,
  TIMESTAMP: 3,
  DOUBLE: 4,
  VARCHAR: 5,
};

/** A schema inferred from the first rows: the widest type seen per field (field order of first appearance). */
export function inferSchema(rows: readonly RawRow[], fromText: boolean, sample = 200): Schema {
  const types = new Map<string, DataType>();
  for (const r of rows.slice(0, sample)) {
    for (const [k, v] of Object.entries(r)) {
      const name = k.toLowerCase();
      const t = typeOfSample(v, name, fromText);
      const cur = types.get(name) ?? 'NULL';
      if (t === null) {
        types.set(name, cur);
        continue;
      }
      let next: DataType = RANK[t] > RANK[cur] ? t : cur;
      if ((cur === 'BOOLEAN' && t !== 'BOOLEAN') || (t === 'BOOLEAN' && cur !== 'BOOLEAN' && cur !== 'NULL'))
        next = 'VARCHAR';
      if ((cur === 'TIMESTAMP' && t === 'DOUBLE') || (cur === 'DOUBLE' && t === 'TIMESTAMP')) next = 'DOUBLE';
      types.set(name, next);
    }
  }
  return [...types].map(([name, t]) => ({ name, type: t === 'NULL' ? 'VARCHAR' : t, nullable: true }));
}
