/**
 * "Export as Flink SQL": the script as Flink DDL plus a Flink query (window
 * TVFs for WINDOW clauses, joins and subqueries as written), for people who
 * outgrow the browser. What does not carry over is stated in comments at the
 * top of the output, not hidden.
 *
 * By default the streams use Flink's datagen connector (the in-app export).
 * With `files`, every stream reads a file instead and the query names its
 * columns as Windtunnel does: a complete script that Flink runs on the same
 * rows (`npm run flink`, `npm run test:flink`).
 */
import { compileScript } from '../plan/compile';
import type { PhysicalPlan, SourceSpec, WindowAggregateOp, WindowSpec } from '../plan/physical-plan';
import type { CreateStreamStmt, SelectItem, SelectStmt, SqlExpr } from '../sql/ast';
import { parseScript } from '../sql/parser';
import { printStatement } from '../sql/printer';
import { printExpr } from '../sql/printer-expr';
import { planOps } from '../plan/plan-chains';
import { bq, datagenDdl, fileDdl, flinkInterval, type FlinkFileInput } from './flink-export-ddl';

export { flinkInterval, type FlinkFileInput } from './flink-export-ddl';

export interface FlinkExportOptions {
  /** The query under this offset (default: the last one). */
  readonly offset?: number;
  /** The file behind each stream (by stream name as the plan spells it): makes the export runnable. */
  readonly files?: Readonly<Record<string, FlinkFileInput>>;
}

/** The export as text; a script with errors exports as comments that list them. */
export function exportFlinkSql(script: string, offsetOrOptions?: number | FlinkExportOptions): string {
  return flinkExport(script, offsetOrOptions).text;
}

export type FlinkExport =
  | { readonly ok: true; readonly text: string; readonly plan: PhysicalPlan }
  | { readonly ok: false; readonly text: string };

/** Like exportFlinkSql, and says whether it worked (the runnable export needs to know). */
export function flinkExport(script: string, offsetOrOptions?: number | FlinkExportOptions): FlinkExport {
  const o: FlinkExportOptions =
    typeof offsetOrOptions === 'number' ? { offset: offsetOrOptions } : (offsetOrOptions ?? {});
  const offset = o.offset;
  const compiled = compileScript(script, offset === undefined ? {} : { offset });
  const plan = compiled.plan;
  if (!plan)
    return {
      ok: false,
      text:
        '-- The script has errors; fix them before exporting:\n' +
        compiled.diagnostics.map((d) => `-- ${d.line}:${d.column}: ${d.message}`).join('\n'),
    };
  const statements = parseScript(script).script.statements;
  const keys = new Map(
    statements
      .filter((s): s is CreateStreamStmt => s.kind === 'createStream')
      .map((s) => [s.name.name, s.primaryKey?.columns.map((c) => c.name) ?? null] as const),
  );
  const notes: string[] = [];
  const ddl: string[] = [];
  for (const s of plan.sources) {
    const pk = keys.get(s.stream) ?? null;
    if (o.files === undefined) {
      ddl.push(datagenDdl(s, pk, notes, plan.sources.length > 1));
      continue;
    }
    const file = o.files[s.stream];
    if (!file) return { ok: false, text: `-- No file for stream ${s.stream}.` };
    ddl.push(fileDdl(s, file, pk));
  }
  if (plan.sources.some((s) => s.timeColumn !== null))
    notes.push('Event time is epoch ms in Windtunnel and TIMESTAMP(3) in Flink.');
  if (plan.sources.some((s) => s.streamSchema.some((f) => f.proctime)))
    notes.push(
      "PROCTIME() is Flink's wall clock; in Windtunnel it is each row's arrival on the replay clock.",
    );
  const selects = statements.filter((s): s is SelectStmt => s.kind === 'select');
  const query = flinkQuery(selects, plan, offset, notes, o.files !== undefined);
  const text = [
    '-- Exported from Windtunnel. Differences from the Windtunnel run:',
    ...notes.map((n) => `--  * ${n}`),
    '',
    ...ddl.map((d) => d + ';\n'),
    query + ';',
    '',
  ].join('\n');
  return { ok: true, text, plan };
}

function flinkQuery(
  statements: readonly SelectStmt[],
  plan: PhysicalPlan,
  offset: number | undefined,
  notes: string[],
  runnable: boolean,
): string {
  const chosen =
    offset === undefined
      ? statements[statements.length - 1]
      : (statements.find((s) => s.span.start <= offset && offset <= s.span.end) ??
        statements[statements.length - 1]);
  if (!chosen) return '-- (no query)';
  // The row-window "BUFFER n ROWS" form is Windtunnel's; Flink spells the same frame ROWS BETWEEN.
  const parsed = JSON.parse(JSON.stringify({ ...chosen, explain: false }), (k, v: unknown) =>
    k === 'syntax' && v === 'buffer' ? 'between' : v,
  ) as SelectStmt;
  // EMIT has no Flink clause: window TVFs emit final rows, a GROUP BY an updating changelog.
  const stmt: SelectStmt = {
    ...parsed,
    emit: null,
    items: runnable ? namedItems(parsed.items, plan) : parsed.items,
  };
  const win = planOps(plan).find((op): op is WindowAggregateOp => op.kind === 'windowAggregate');
  if (!win || !stmt.window) return printStatement(stmt, '`');

  if (stmt.window.grace)
    notes.push('GRACE PERIOD has no SQL clause in Flink (see table.exec.emit.allow-lateness).');
  if (win.emit === 'changes')
    notes.push('EMIT CHANGES: Flink window TVFs emit final rows (early firing is a config option).');
  const text = printStatement(
    { ...stmt, window: null, groupBy: [...stmt.groupBy, ...windowCols(stmt)] },
    '`',
  );
  const s: SourceSpec = plan.sources[0]!;
  const time = s.columns[win.timeColumn]?.name ?? 'ts';
  const w = win.window;
  const keys = stmt.groupBy.map((g) => printExpr(g, '`'));
  return text.replace(/^FROM .*$/m, `FROM TABLE(${tvfCall(w, bq(s.stream), bq(time), keys)})`);
}

/** The window TVF that means what the WINDOW clause did; Flink takes HOP's slide and CUMULATE's step before the size. */
function tvfCall(w: WindowSpec, table: string, time: string, keys: readonly string[]): string {
  switch (w.kind) {
    case 'tumbling':
      return `TUMBLE(TABLE ${table}, DESCRIPTOR(${time}), ${flinkInterval(w.size)})`;
    case 'hopping':
      return `HOP(TABLE ${table}, DESCRIPTOR(${time}), ${flinkInterval(w.advance)}, ${flinkInterval(w.size)})`;
    case 'cumulate':
      return `CUMULATE(TABLE ${table}, DESCRIPTOR(${time}), ${flinkInterval(w.step)}, ${flinkInterval(w.size)})`;
    case 'session':
      return `SESSION(TABLE ${table}${keys.length ? ` PARTITION BY ${keys.join(', ')}` : ''}, DESCRIPTOR(${time}), ${flinkInterval(w.gap)})`;
  }
}

/**
 * Unaliased expressions get Windtunnel's output name (`count(*)`), so both
 * engines' rows have the same columns; Flink would say `EXPR$1`. Only where
 * the items map one-to-one onto the output (no `*`).
 */
function namedItems(items: readonly SelectItem[], plan: PhysicalPlan): readonly SelectItem[] {
  if (items.some((i) => i.kind === 'star') || items.length !== plan.output.length) return items;
  return items.map((item, k) =>
    item.kind === 'expr' && item.alias === null && item.expr.kind !== 'column'
      ? { ...item, alias: { name: plan.output[k]!.name, quoted: true, span: item.span } }
      : item,
  );
}

/** window_start / window_end identifiers to add to GROUP BY (Flink requires them with window TVFs). */
function windowCols(stmt: SelectStmt): SqlExpr[] {
  const grouped = new Set(stmt.groupBy.map((g) => (g.kind === 'column' ? g.name.name : '')));
  return ['window_start', 'window_end']
    .filter((n) => !grouped.has(n))
    .map((n) => ({
      kind: 'column' as const,
      qualifier: null,
      name: { name: n, quoted: false, span: stmt.span },
      span: stmt.span,
    }));
}
