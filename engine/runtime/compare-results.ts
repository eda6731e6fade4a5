/**
 * Comparing result rows as the conformance README defines it: a multiset
 * (any order), or a sequence per group; numbers with a relative tolerance of
 * 1e-9. Returns null when equal, else a short description of the difference.
 */
import type { Value } from '../core/types';

export type ResultRow = Readonly<Record<string, Value>>;

export function valuesEqual(a: Value | undefined, b: Value | undefined, tol = 1e-9): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
  return false;
}

export function rowsEqual(a: ResultRow, b: ResultRow): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && valuesEqual(a[k], b[k]));
}

/** A sort key that equal-within-tolerance rows almost always share (numbers to 9 significant digits). */
function canonical(r: ResultRow): string {
  return JSON.stringify(
    Object.keys(r)
      .sort()
      .map((k) => {
        const v = r[k];
        return [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v];
      }),
  );
}

export function compareMultiset(actual: readonly ResultRow[], expected: readonly ResultRow[]): string | null {
  if (actual.length !== expected.length)
    return `expected ${expected.length} rows, got ${actual.length}${describeExtra(actual, expected)}`;
  const sorted = (rows: readonly ResultRow[]): ResultRow[] =>
    rows
      .map((r) => [canonical(r), r] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .map((p) => p[1]);
  const a = sorted(actual);
  const e = sorted(expected);
  for (let i = 0; i < a.length; i++) if (!rowsEqual(a[i]!, e[i]!)) return fallbackMatch(actual, expected);
  return null;
}

/** Greedy matching when sorting put near-equal numbers apart. */
function fallbackMatch(actual: readonly ResultRow[], expected: readonly ResultRow[]): string | null {
  const used = new Uint8Array(actual.length);
  for (const e of expected) {
    const k = actual.findIndex((a, i) => !used[i] && rowsEqual(a, e));
    if (k < 0) return `missing row ${JSON.stringify(e)}${describeExtra(actual, expected)}`;
    used[k] = 1;
  }
  return null;
}

function describeExtra(actual: readonly ResultRow[], expected: readonly ResultRow[]): string {
  if (actual.length > 200 || expected.length > 200) return '';
  const extra = actual.filter((a) => !expected.some((e) => rowsEqual(a, e)));
  const missing = expected.filter((e) => !actual.some((a) => rowsEqual(a, e)));
  return `; unexpected ${JSON.stringify(extra.slice(0, 5))}; missing ${JSON.stringify(missing.slice(0, 5))}`;
}

export function compareSequencePerGroup(
  actual: readonly ResultRow[],
  expected: readonly ResultRow[],
  groupBy: readonly string[],
): string | null {
  const split = (rows: readonly ResultRow[]): Map<string, ResultRow[]> => {
    const m = new Map<string, ResultRow[]>();
    for (const r of rows) {
      const k = JSON.stringify(groupBy.map((c) => r[c] ?? null));
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const a = split(actual);
  const e = split(expected);
  for (const [k, rows] of e) {
    const got = a.get(k) ?? [];
    if (got.length !== rows.length)
      return `group ${k}: expected ${rows.length} rows, got ${got.length}: ${JSON.stringify(got)}`;
    for (let i = 0; i < rows.length; i++)
      if (!rowsEqual(got[i]!, rows[i]!))
        return `group ${k} row ${i}: expected ${JSON.stringify(rows[i])}, got ${JSON.stringify(got[i])}`;
  }
  for (const k of a.keys()) if (!e.has(k)) return `unexpected group ${k}: ${JSON.stringify(a.get(k))}`;
  return null;
}

/**
 * What a table applying a changelog holds at the end (rows with their `op`; the op is dropped):
 * +I and +U add the row, -D removes an equal one. For results that retract what they replace
 * (Top-N, regular joins), compared with a published final result.
 */
export function finalRows(changelog: readonly ResultRow[]): ResultRow[] {
  const held: ResultRow[] = [];
  for (const { op, ...row } of changelog) {
    if (op !== '-D') held.push(row);
    else {
      const at = held.findIndex((r) => rowsEqual(r, row));
      if (at < 0) throw new Error(`-D of a row not held: ${JSON.stringify(row)}`);
      held.splice(at, 1);
    }
  }
  return held;
}
