/** The variants benchmark's table, goals and JSON, from measured cells and comparators. */
import { formatRate, markdownTable } from './bench-table';
import type { Comparator } from './variants-duckdb';
import type { FlinkPeerResult } from './variants-flink';
import type { CellResult } from './variants-matrix';

export function cellsTable(cells: readonly CellResult[]): string {
  const direct = new Map(cells.filter((c) => c.variant === 'direct').map((c) => [c.scenario, c.rows_per_s]));
  const withCpu = cells.some((c) => c.cpu_busiest_s !== null);
  const table = markdownTable(
    [
      'scenario',
      'variant',
      'rows',
      'median s',
      'rows/s',
      '× direct',
      'engine rows/s',
      'source s',
      'output rows',
      'p99 ms',
      'checksum',
      ...(withCpu ? ['busiest cpu s', '× direct (cpu)'] : []),
    ],
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
      ...(withCpu ? [c.cpu_busiest_s === null ? '—' : c.cpu_busiest_s.toFixed(3), cpuRatio(cells, c)] : []),
    ]),
  );
  return table;
}

/**
 * Where each cell's time went: startup apart (workers spawned or reused, the plan set up), then
 * per worker generate / query / transfer / idle (s, median of the timed runs), and for variants
 * fed from one place the orchestrator's generating, sending and waiting.
 */
export function splitTable(cells: readonly CellResult[]): string {
  const s = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');
  return markdownTable(
    [
      'scenario',
      'variant',
      'run s',
      'startup s',
      'feed gen / send / wait s',
      'per worker: gen / query / check / transfer / idle s',
    ],
    cells
      .filter((c) => !c.error)
      .map((c) => [
        c.scenario,
        c.label,
        s(c.seconds),
        s(c.startup_s),
        c.feed_split.generate_s + c.feed_split.send_s + c.feed_split.wait_s > 0
          ? `${s(c.feed_split.generate_s)} / ${s(c.feed_split.send_s)} / ${s(c.feed_split.wait_s)}`
          : '—',
        c.worker_split
          .map(
            (w) =>
              `w${w.worker}${c.worker_split.length > 1 ? ` (${w.rows_in.toLocaleString('en-US')} rows)` : ''}: ${s(w.generate_s)} / ${s(w.query_s)} / ${s(w.check_s)} / ${s(w.transfer_s)} / ${s(w.idle_s)}`,
          )
          .join(' · '),
      ]),
  );
}

/**
 * Direct's busiest-thread CPU per row ÷ this cell's: the speed-up the cell would show on an idle
 * machine with a core per busy thread (wall time is bounded by the busiest thread's CPU).
 */
function cpuRatioOf(cells: readonly CellResult[], c: CellResult): number | null {
  const d = cells.find(
    (x) => x.scenario === c.scenario && x.variant === 'direct' && x.rows === c.rows && !x.error,
  );
  if (!d || d.cpu_busiest_s === null || c.cpu_busiest_s === null || c.cpu_busiest_s <= 0) return null;
  return d.cpu_busiest_s / c.cpu_busiest_s;
}

function cpuRatio(cells: readonly CellResult[], c: CellResult): string {
  const r = cpuRatioOf(cells, c);
  return r === null ? '—' : r.toFixed(2);
}

export function comparatorsTable(cs: readonly Comparator[]): string {
  return markdownTable(
    ['comparator', 'scenario', 'rows', 'median s', 'rows/s', 'output rows'],
    cs.map((c) => [
      c.name,
      c.scenario,
      c.rows.toLocaleString('en-US'),
      c.seconds.toFixed(3),
      formatRate(c.rows_per_s),
      c.rows_out?.toLocaleString('en-US') ?? '—',
    ]),
  );
}

/** One line per goal of the issue, with where we stand. */
/** `ceiling`: what two threads gave an embarrassingly parallel loop in the same run (see parallel-ceiling.ts). */
export function goalLines(
  cells: readonly CellResult[],
  comparators: readonly Comparator[],
  ceiling: number,
): string[] {
  const find = (scenario: string, label: string): CellResult | undefined =>
    cells.find((c) => c.scenario === scenario && c.label === label && !c.error);
  const lines: string[] = [];
  const scenarios = [...new Set(cells.map((c) => c.scenario))];
  const mark = (ok: boolean): string => (ok ? '✓' : '✗');
  for (const s of scenarios) {
    const d = find(s, 'direct');
    const b = find(s, 'batched@16384');
    if (d && b)
      lines.push(
        `${mark(b.rows_per_s >= 0.9 * d.rows_per_s)} ${s}: batched@16384 = ${(b.rows_per_s / d.rows_per_s).toFixed(2)} × direct (goal ≥ 0.9)`,
      );
  }
  for (const s of ['S2', 'S3a']) {
    const d = find(s, 'direct');
    const p = find(s, 'partitioned@2');
    if (d && p)
      lines.push(
        `${mark(p.rows_per_s >= 1.8 * d.rows_per_s)} ${s}: partitioned@2 local = ${(p.rows_per_s / d.rows_per_s).toFixed(2)} × direct (goal ≥ 1.8; ` +
          `this machine's ceiling in this run ${ceiling.toFixed(2)} ×, so ${((100 * p.rows_per_s) / d.rows_per_s / ceiling).toFixed(0)} % of it)`,
      );
    // Rounds are interleaved, so run k of each cell shared the machine's state: compare them
    // pairwise, over the rounds both ran (a cell that had its share of time stops; see runCells).
    const both = d && p ? Math.min(d.runs.length, p.runs.length) : 0;
    if (both > 0) {
      const wins = p!.runs.slice(0, both).filter((x, k) => d!.runs[k]! / x >= 1.8).length;
      lines.push(
        `${mark(wins >= 0.8 * both)} ${s}: partitioned@2 local ≥ 1.8 × direct in ${wins} of ${both} rounds (goal: 80 % of rounds, 8 of 10)`,
      );
    }
    const cpu = p ? cpuRatioOf(cells, p) : null;
    if (cpu !== null)
      lines.push(
        `· ${s}: partitioned@2 local by busiest-thread CPU = ${cpu.toFixed(2)} × direct (what an idle 2-core machine would show at best)`,
      );
  }
  for (const s of scenarios) {
    const d = find(s, 'direct');
    if (d && d.engine_rows_per_s > 0)
      lines.push(
        `${mark(d.rows_per_s >= 0.5 * d.engine_rows_per_s)} ${s}: direct end to end = ${(d.rows_per_s / d.engine_rows_per_s).toFixed(2)} × its engine alone ` +
          `(${formatRate(d.rows_per_s)} vs ${formatRate(d.engine_rows_per_s)} rows/s of engine time, same runs; goal ≥ 0.5)`,
      );
    // batched is one engine whose rows the orchestrating thread generates: generation overlapped
    // with the query, on a second core (the one partitioned@2 is measured on).
    const b = find(s, 'batched@16384');
    if (d && b && d.engine_rows_per_s > 0)
      lines.push(
        `· ${s}: batched@16384 (its rows generated on the orchestrating thread) = ${(b.rows_per_s / d.engine_rows_per_s).toFixed(2)} × direct's engine alone`,
      );
  }
  const duck = comparators.find((c) => c.name === 'duckdb-1t-query' && c.scenario === 'S3a');
  const d3 = find('S3a', 'direct');
  const duckLoad = comparators.find((c) => c.name === 'duckdb-1t-load' && c.scenario === 'S3a');
  if (duck && d3) {
    lines.push(
      `${mark(d3.engine_rows_per_s >= 2 * duck.rows_per_s)} S3a: engine time per worker = ${(d3.engine_rows_per_s / duck.rows_per_s).toFixed(2)} × DuckDB 1-thread query (goal ≥ 2)`,
    );
    lines.push(
      `${mark(d3.rows_per_s >= duck.rows_per_s)} S3a: direct end to end (generating its rows too) = ${(d3.rows_per_s / duck.rows_per_s).toFixed(2)} × DuckDB 1-thread query (goal ≥ 1), ${(d3.rows_per_s / (duckLoad?.rows_per_s ?? NaN)).toFixed(2)} × DuckDB load + query`,
    );
    const best = cells
      .filter((c) => c.scenario === 'S3a' && !c.error && c.rows === d3.rows)
      .reduce((a, c) => (c.rows_per_s > a.rows_per_s ? c : a), d3);
    if (best !== d3)
      lines.push(
        `· S3a: the fastest variant end to end, ${best.label}, = ${(best.rows_per_s / duck.rows_per_s).toFixed(2)} × DuckDB 1-thread query`,
      );
  }
  for (const s of scenarios) {
    const d = find(s, 'direct');
    const r = find(s, 'per-record');
    if (d && r)
      lines.push(
        `· ${s}: per-record = ${(d.rows_per_s / r.rows_per_s).toFixed(0)} × slower than direct (${(1e6 / r.rows_per_s).toFixed(1)} µs per row)`,
      );
  }
  return lines;
}

/** Whether Flink's rows are the variants' (checksum and count of the full-size direct cell). */
export function flinkAgreement(
  cells: readonly CellResult[],
  f: FlinkPeerResult,
): 'same' | 'DIFFERENT' | null {
  const d = cells.find((c) => c.scenario === f.checked_against && c.variant === 'direct' && !c.error);
  if (!d || f.checksum === null) return null;
  return d.checksum === f.checksum && d.rows_out === f.rows_out ? 'same' : 'DIFFERENT';
}

export function flinkTable(cells: readonly CellResult[], fs: readonly FlinkPeerResult[]): string {
  const direct = new Map(cells.filter((c) => c.variant === 'direct').map((c) => [c.scenario, c.rows_per_s]));
  return markdownTable(
    [
      'scenario',
      'peer',
      'rows',
      'job start s',
      'run s',
      'rows/s (run)',
      '× direct',
      'start + run s',
      'output rows',
      'checksum',
      'rows = variants',
    ],
    fs.map((f) => [
      f.scenario,
      f.name,
      f.rows.toLocaleString('en-US'),
      f.error ? 'error' : f.start_s.toFixed(3),
      f.error ? '—' : f.seconds.toFixed(3),
      f.error ? '—' : formatRate(f.rows_per_s),
      f.error ? '—' : (f.rows_per_s / (direct.get(f.scenario) ?? NaN)).toFixed(2),
      f.error ? '—' : f.total_s.toFixed(3),
      f.rows_out?.toLocaleString('en-US') ?? '—',
      f.checksum ?? '—',
      f.error
        ? `error: ${f.error}`
        : `${flinkAgreement(cells, f) ?? '—'}${f.checked_against === f.scenario ? '' : ` (as ${f.checked_against})`}`,
    ]),
  );
}
