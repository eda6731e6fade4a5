/**
 * The final result of a changelog: what a table that applies it holds at the
 * end. Flink retracts with -U/-D rows that carry the old values; Windtunnel's
 * +U replaces the row of the same group (its plan's output key) and -D names
 * the row it deletes. Numbers match with the conformance tolerance (1e-9).
 */
import type { Value } from '../../engine/core/types';
import { rowsEqual, valuesEqual, type ResultRow } from '../../engine/runtime/compare-results';

export type ChangelogRow = Readonly<Record<string, Value>> & { readonly op: string };

export interface FinalState {
  readonly rows: ResultRow[];
  /** Retractions that found no row to retract (a sign of a broken changelog). */
  readonly unmatched: number;
}

/** `upsertKey`: Windtunnel's output key columns (+U replaces the row with equal key); null for Flink (+U just adds, -U removed the old row). */
export function finalState(
  changelog: readonly ChangelogRow[],
  upsertKey: readonly string[] | null,
): FinalState {
  const rows: ResultRow[] = [];
  let unmatched = 0;
  const removeWhere = (pred: (r: ResultRow) => boolean): boolean => {
    const k = rows.findIndex(pred);
    if (k < 0) return false;
    rows.splice(k, 1);
    return true;
  };
  const sameKey =
    (row: ResultRow, key: readonly string[]) =>
    (r: ResultRow): boolean =>
      key.every((c) => valuesEqual(r[c] ?? null, row[c] ?? null));
  for (const { op, ...row } of changelog) {
    switch (op) {
      case '+I':
        rows.push(row);
        break;
      case '+U':
        if (upsertKey !== null && !removeWhere(sameKey(row, upsertKey))) unmatched++;
        rows.push(row);
        break;
      case '-U':
      case '-D':
        if (!removeWhere((r) => rowsEqual(r, row))) {
          if (upsertKey === null || !removeWhere(sameKey(row, upsertKey))) unmatched++;
        }
        break;
      default:
        throw new Error(`unknown changelog op ${JSON.stringify(op)}`);
    }
  }
  return { rows, unmatched };
}
