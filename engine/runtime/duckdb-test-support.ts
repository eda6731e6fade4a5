/**
 * Test support: DuckDB as an oracle over the random aggregate stream's table
 * t (ts BIGINT epoch ms, k, k2, v, x), its answers as rows of plain numbers,
 * strings and NULLs, as the engine's rows are.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Row, Value } from '../core/types';
import type { ResultRow } from './compare-results';

/** Replaces table t with `rows` and runs `sql` on it. */
export async function duckOverT(
  con: DuckDBConnection,
  rows: readonly Row[],
  sql: string,
): Promise<ResultRow[]> {
  await con.run('DROP TABLE IF EXISTS t');
  await con.run('CREATE TABLE t (ts BIGINT, k VARCHAR, k2 BIGINT, v BIGINT, x DOUBLE)');
  const lit = (v: Value): string =>
    v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows
      .slice(i, i + 500)
      .map((r) => `(${['ts', 'k', 'k2', 'v', 'x'].map((c) => lit(r[c] ?? null)).join(', ')})`);
    await con.run(`INSERT INTO t VALUES ${chunk.join(', ')}`);
  }
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
