/** The variants benchmark's table, goals and JSON, from measured cells and comparators. */
import { formatRate, markdownTable } from './bench-table';
import type { Comparator } from './variants-duckdb';
import type { CellResult } from './variants-matrix';

export function cellsTable(cells: readonly CellResult[]): string {
  const direct = new Map(cells.filter((c) => c.variant === 'direct').map((c) => [c.scenario, c.rows_per_s]));
  return markdownTable(
    ['scenario', 'variant', 'rows', 'median s', 'rows/s', '× direct', 'engine rows/s', 'source s', 'output rows', 'p99 ms', 'checksum'],
    cells.map((c) => [
      c.scenario,
      c.label,
      `${c.rows.toLocaleString('en-US')}${c.variant === 'per-record' ? '*' : ''}`,
      c.error ? 'error' : c.seconds.toFixed(3),
      c.error ? '—' : formatRate(c.rows_per_s),
      c.error ? '—' : (c.rows_per_s / (direct.get(c.scenario) ?? NaN)).toFixed(2),
      c.error ? '—' : formatRate(c.engine_rows_per_s),
      c.error ? '—' : c.source_seconds.toFixed(3),
      c.rows_out.toLocaleString('en-US'),
      c.latency_p99_ms === null ? '—' : c.latency_p99_ms.toFixed(1),
      c.checksum,
    ]),
  );
}

export function comparatorsTable(cs: readonly Comparator[]): string {
  return markdownTable(
    ['comparator', 'scenario', 'rows', 'median s', 'rows/s', 'output rows'],
    cs.map((c) => [c.name, c.scenario, c.rows.toLocaleString('en-US'), c.seconds.toFixed(3), formatRate(c.rows_per_s), c.rows_out?.toLocaleString('en-US') ?? '—']),
  );
}

/** One line per goal of the issue, with where we stand. */
export function goalLines(cells: readonly CellResult[], comparators: readonly Comparator[]): string[] {
  const find = (scenario: string, label: string): CellResult | undefined => cells.find((c) => c.scenario === scenario && c.label === label && !c.error);
  const lines: string[] = [];
  const scenarios = [...new Set(cells.map((c) => c.scenario))];
  const mark = (ok: boolean): string => (ok ? '✓' : '✗');
  for (const s of scenarios) {
    const d = find(s, 'direct');
    const b = find(s, 'batched@16384');
    if (d && b) lines.push(`${mark(b.rows_per_s >= 0.9 * d.rows_per_s)} ${s}: batched@16384 = ${(b.rows_per_s / d.rows_per_s).toFixed(2)} × direct (goal ≥ 0.9)`);
  }
  for (const s of ['S2', 'S3a']) {
    const d = find(s, 'direct');
    const p = find(s, 'partitioned@2');
    if (d && p) lines.push(`${mark(p.rows_per_s >= 1.8 * d.rows_per_s)} ${s}: partitioned@2 local = ${(p.rows_per_s / d.rows_per_s).toFixed(2)} × direct (goal ≥ 1.8)`);
  }
  const duck = comparators.find((c) => c.name === 'duckdb-1t-query' && c.scenario === 'S3a');
  const d3 = find('S3a', 'direct');
  const duckLoad = comparators.find((c) => c.name === 'duckdb-1t-load' && c.scenario === 'S3a');
  if (duck && d3) {
    lines.push(`${mark(d3.engine_rows_per_s >= 2 * duck.rows_per_s)} S3a: engine time per worker = ${(d3.engine_rows_per_s / duck.rows_per_s).toFixed(2)} × DuckDB 1-thread query (goal ≥ 2)`);
    lines.push(`· S3a: a whole direct worker (generating its rows too) = ${(d3.rows_per_s / duck.rows_per_s).toFixed(2)} × DuckDB 1-thread query, ${(d3.rows_per_s / (duckLoad?.rows_per_s ?? NaN)).toFixed(2)} × DuckDB load + query`);
  }
  for (const s of scenarios) {
    const d = find(s, 'direct');
    const r = find(s, 'per-record');
    if (d && r) lines.push(`· ${s}: per-record = ${(d.rows_per_s / r.rows_per_s).toFixed(0)} × slower than direct (${(1e6 / r.rows_per_s).toFixed(1)} µs per row)`);
  }
  return lines;
}
