/**
 * DuckDB with one thread as an outside yardstick for S2 and S3a final
 * results, on the very rows our generator makes: the query alone over a
 * loaded table, and load (CSV parse) + query.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { batchToRows } from '../../engine/core/batch-rows';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { createGeneratorSource } from '../../engine/sources/generators';
import { median } from './variants-matrix';

export interface Comparator {
  readonly name: string;
  readonly scenario: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rows_per_s: number;
  readonly rows_out?: number;
}

const QUERIES: Record<string, string> = {
  S2: `SELECT trader_id, symbol, COUNT(*) AS trades, AVG(price) AS avg_price, SUM(quantity) AS volume, SUM(price * quantity) AS notional
       FROM trades GROUP BY trader_id, symbol`,
  S3a: `SELECT trader_id, symbol, floor(ts / 60000) * 60000 AS window_start, COUNT(*) AS trades, AVG(price) AS avg_price,
       SUM(quantity) AS volume, SUM(price * quantity) AS notional
       FROM trades GROUP BY trader_id, symbol, floor(ts / 60000)`,
};

const COLUMNS =
  "{'trader_id': 'VARCHAR', 'symbol': 'VARCHAR', 'price': 'DOUBLE', 'quantity': 'BIGINT', 'side': 'VARCHAR', 'ts': 'DOUBLE'}";

/** The trades rows as CSV (full stream schema, as a user's file would hold it). */
function writeCsv(plan: PhysicalPlan, rows: number, file: string): void {
  const src0 = plan.sources[0]!;
  const at = (k: number | null): number | null =>
    k === null ? null : src0.streamSchema.findIndex((f) => f.name === src0.columns[k]!.name);
  const spec = {
    ...src0,
    columns: src0.streamSchema,
    timeColumn: at(src0.timeColumn),
    keyColumn: at(src0.keyColumn),
    options: { ...src0.options, total: rows },
  };
  const src = createGeneratorSource(spec);
  const names = spec.columns.map((f) => f.name);
  const lines: string[] = [names.join(',')];
  for (let b = src.next(65536); b; b = src.next(65536))
    for (const r of batchToRows(b, spec.columns))
      lines.push(names.map((n) => (typeof r[n] === 'string' ? `"${r[n]}"` : String(r[n] ?? ''))).join(','));
  writeFileSync(file, lines.join('\n') + '\n');
}

export async function duckdbComparators(
  scenario: 'S2' | 'S3a',
  plan: PhysicalPlan,
  rows: number,
  runs: number,
): Promise<Comparator[]> {
  const dir = mkdtempSync(join(tmpdir(), 'windtunnel-duckdb-'));
  const csv = join(dir, 'trades.csv');
  try {
    writeCsv(plan, rows, csv);
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const con = await db.connect();
    await con.run('SET threads = 1');
    const query = QUERIES[scenario]!;
    const load = async (): Promise<number> => {
      await con.run('DROP TABLE IF EXISTS trades');
      const t = performance.now();
      await con.run(
        `CREATE TABLE trades AS SELECT * FROM read_csv('${csv}', header = true, columns = ${COLUMNS})`,
      );
      return (performance.now() - t) / 1000;
    };
    const run = async (): Promise<{ s: number; n: number }> => {
      const t = performance.now();
      const r = await con.runAndReadAll(query);
      return { s: (performance.now() - t) / 1000, n: r.currentRowCount };
    };
    const loads: number[] = [];
    const queries: number[] = [];
    let out = 0;
    await load();
    await run();
    for (let k = 0; k < runs; k++) {
      loads.push(await load());
      const q = await run();
      queries.push(q.s);
      out = q.n;
    }
    con.closeSync();
    const q = median(queries);
    const l = median(loads) + q;
    return [
      { name: 'duckdb-1t-query', scenario, rows, seconds: q, rows_per_s: rows / q, rows_out: out },
      { name: 'duckdb-1t-load', scenario, rows, seconds: l, rows_per_s: rows / l, rows_out: out },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
