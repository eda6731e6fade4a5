/**
 * Test support: a script over named streams of rows, compiled and run in
 * process in any variant, its output as rows (with ops). Every stream a plan
 * reads gets its rows' arrival clock, as a run in workers does.
 */
import { batchToRowsWithOp } from '../core/batch-rows';
import type { Row } from '../core/types';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { EngineStats } from './query-engine';
import { rowsClock, rowsClockData } from '../sources/rows-clock';
import { createRowsSource } from '../sources/rows-source';
import { runSourcesInProcess, type RunOptions } from './run-in-process';

export function compileOk(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (r.plan === null || errors.length)
    throw new Error(
      `does not compile: ${errors.map((d) => `${d.line}:${d.column}: ${d.message}`).join('; ')}`,
    );
  return r.plan;
}

export interface SqlRun {
  readonly rows: Row[];
  readonly late: number;
  readonly stats: EngineStats;
}

export function runPlanOnRows(
  plan: PhysicalPlan,
  inputs: Readonly<Record<string, readonly Row[]>>,
  opts: RunOptions = {},
): SqlRun {
  const sources = plan.sources.map((spec) => {
    const rows = inputs[spec.stream];
    if (!rows) throw new Error(`no rows for stream ${spec.stream}`);
    const tc = spec.timeColumn === null ? null : spec.columns[spec.timeColumn]!.name;
    const clock = rowsClock(
      rowsClockData(
        rows.map((r) => (tc === null ? null : (r[tc] as number | null))),
        rows.map((_, k) => k),
      ),
    );
    const src = createRowsSource(spec, rows);
    let done = 0;
    return {
      clock,
      source: {
        bounded: true,
        next: (n: number) => {
          const b = src.next(n);
          if (b) done += b.length;
          return b;
        },
      },
      nextArrival: () => (done < rows.length ? clock.arrivalOf(done) : Infinity),
    };
  });
  const r = runSourcesInProcess(plan, sources, {
    ...opts,
    engine: { ...opts.engine, clocks: sources.map((s) => s.clock) },
  });
  return {
    rows: r.batches.flatMap((b) => batchToRowsWithOp(b, r.schema)),
    late: r.stats.late,
    stats: r.stats,
  };
}
