/**
 * Test support: DuckDB as an oracle over tables of the random aggregate
 * stream's columns (ts BIGINT epoch ms, k, k2, v, x), its answers as rows of
 * plain numbers, strings and NULLs, as the engine's rows are.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Row, Value } from '../core/types';
import type { ResultRow } from './compare-results';

/** Replaces table t with `rows` and runs `sql` on it. */
export function duckOverT(con: DuckDBConnection, rows: readonly Row[], sql: string): Promise<ResultRow[]> {
  return duckOver(con, { t: rows }, sql);
}

/** Replaces each named table with its rows and runs `sql` on them. */
export async function duckOver(
  con: DuckDBConnection,
  tables: Readonly<Record<string, readonly Row[]>>,
  sql: string,
): Promise<ResultRow[]> {
  const lit = (v: Value): string =>
    v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
  for (const [name, rows] of Object.entries(tables)) {
    await con.run(`DROP TABLE IF EXISTS ${name}`);
    await con.run(`CREATE TABLE ${name} (ts BIGINT, k VARCHAR, k2 BIGINT, v BIGINT, x DOUBLE)`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows
        .slice(i, i + 500)
        .map((r) => `(${['ts', 'k', 'k2', 'v', 'x'].map((c) => lit(r[c] ?? null)).join(', ')})`);
      await con.run(`INSERT INTO ${name} VALUES ${chunk.join(', ')}`);
    }
  }
  return duckRows(con, sql);
}

/** `sql`'s answer as rows of plain numbers, strings and NULLs. */
export async function duckRows(con: DuckDBConnection, sql: string): Promise<ResultRow[]> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((vals) => {
    const o: Record<string, Value> = {};
    names.forEach((n, c) => {
      const v = vals[c];
      o[n] =
        typeof v === 'bigint'
          ? Number(v)
          : v === null || v === undefined
            ? null
            : typeof v === 'number' || typeof v === 'string'
              ? v
              : Number(v);
    });
    return o;
  });
}
