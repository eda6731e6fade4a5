/**
 * "Export as Flink SQL": the script as Flink DDL (datagen options where they
 * map) plus a window-TVF query, for people who outgrow the browser. What does
 * not carry over is stated in comments at the top of the output, not hidden.
 */
import type { Field } from '../core/types';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan, WindowAggregateOp } from '../plan/physical-plan';
import type { SelectStmt, SqlExpr } from '../sql/ast';
import { parseScript } from '../sql/parser';
import { printStatement } from '../sql/printer';
import { printExpr, printIdent } from '../sql/printer-expr';
import { planOps } from '../plan/plan-chains';

const FLINK_TYPE: Record<Field['type'], string> = {
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  VARCHAR: 'STRING',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP(3)',
  NULL: 'STRING',
};

/** ms → a Flink interval literal in the largest exact unit. */
export function flinkInterval(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'DAY'],
    [3_600_000, 'HOUR'],
    [60_000, 'MINUTE'],
    [1000, 'SECOND'],
  ];
  for (const [size, unit] of units)
    if (ms % size === 0 && ms >= size) return `INTERVAL '${ms / size}' ${unit}`;
  return `INTERVAL '${ms / 1000}' SECOND`;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A name as Flink reads it: always backtick-quoted (Flink reserves many more words than we do). */
const bq = (name: string): string => printIdent({ name, quoted: true, span: { start: 0, end: 0 } }, '`');

export function exportFlinkSql(script: string, offset?: number): string {
  const compiled = compileScript(script, offset === undefined ? {} : { offset });
  const plan = compiled.plan;
  if (!plan)
    return (
      '-- The script has errors; fix them before exporting:\n' +
      compiled.diagnostics.map((d) => `-- ${d.line}:${d.column}: ${d.message}`).join('\n')
    );
  const notes: string[] = [];
  const ddl = flinkDdl(plan, notes);
  const query = flinkQuery(script, plan, offset, notes);
  return [
    '-- Exported from Windtunnel. Differences from the Windtunnel run:',
    ...notes.map((n) => `--  * ${n}`),
    '',
    ddl + ';',
    '',
    query + ';',
    '',
  ].join('\n');
}

function flinkDdl(plan: PhysicalPlan, notes: string[]): string {
  const s = plan.sources[0]!;
  const time = s.timeColumn === null ? null : s.columns[s.timeColumn]!.name;
  const cols = s.streamSchema.map((f) => `  ${bq(f.name)} ${FLINK_TYPE[f.type]}`);
  if (time)
    cols.push(`  WATERMARK FOR ${bq(time)} AS ${bq(time)} - ${flinkInterval(Math.max(s.watermarkDelay, 1))}`);
  if (time && s.watermarkDelay === 0)
    notes.push('Flink has no zero-delay bounded watermark; the export uses 1 ms.');
  notes.push('Event time is epoch ms in Windtunnel and TIMESTAMP(3) in Flink.');
  const opts: [string, string][] = [['connector', 'datagen']];
  const o = s.options;
  if (s.generator === null) {
    notes.push(
      `Stream ${s.stream} is fed by a file in Windtunnel; replace the datagen connector with a filesystem one.`,
    );
  } else {
    notes.push(
      `datagen makes random values, not the ${s.generator} generator's (walking prices, Zipf keys); results differ.`,
    );
  }
  const rate = typeof o['rows_per_second'] === 'number' ? o['rows_per_second'] : 10000;
  opts.push(['rows-per-second', String(rate === 0 ? 1_000_000 : rate)]);
  if (rate === 0) notes.push('rows_per_second = 0 (as fast as possible) is exported as 1,000,000 rows/s.');
  if (typeof o['total'] === 'number') opts.push(['number-of-rows', String(o['total'])]);
  if (time) opts.push([`fields.${time}.max-past`, String(Math.max(0, Number(o['max_out_of_order'] ?? 0)))]);
  const unmapped = [
    'keys',
    'skew',
    'out_of_order',
    'late',
    'null_rate',
    'seed',
    'event_step',
    'start_time',
  ].filter((k) => o[k] !== undefined);
  if (unmapped.length) notes.push(`No datagen equivalent for: ${unmapped.join(', ')}.`);
  const withText = opts.map(([k, v]) => `  ${quote(k)} = ${quote(v)}`).join(',\n');
  return `CREATE TABLE ${bq(s.stream)} (\n${cols.join(',\n')}\n) WITH (\n${withText}\n)`;
}

function flinkQuery(script: string, plan: PhysicalPlan, offset: number | undefined, notes: string[]): string {
  const statements = parseScript(script).script.statements.filter(
    (s): s is SelectStmt => s.kind === 'select',
  );
  const chosen =
    offset === undefined
      ? statements[statements.length - 1]
      : (statements.find((s) => s.span.start <= offset && offset <= s.span.end) ??
        statements[statements.length - 1]);
  if (!chosen) return '-- (no query)';
  // The row-window "BUFFER n ROWS" form is Windtunnel's; Flink spells the same frame ROWS BETWEEN.
  const stmt = JSON.parse(JSON.stringify({ ...chosen, explain: false }), (k, v: unknown) =>
    k === 'syntax' && v === 'buffer' ? 'between' : v,
  ) as SelectStmt;
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
  const s = plan.sources[0]!;
  const time = s.columns[win.timeColumn]?.name ?? 'ts';
  const w = win.window;
  const keys = stmt.groupBy.map((g) => printExpr(g, '`'));
  const tvf =
    w.kind === 'tumbling'
      ? `TUMBLE(TABLE ${bq(s.stream)}, DESCRIPTOR(${bq(time)}), ${flinkInterval(w.size)})`
      : w.kind === 'hopping'
        ? `HOP(TABLE ${bq(s.stream)}, DESCRIPTOR(${bq(time)}), ${flinkInterval(w.advance)}, ${flinkInterval(w.size)})`
        : `SESSION(TABLE ${bq(s.stream)}${keys.length ? ` PARTITION BY ${keys.join(', ')}` : ''}, DESCRIPTOR(${bq(time)}), ${flinkInterval(w.gap)})`;
  return text.replace(/^FROM .*$/m, `FROM TABLE(${tvf})`);
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
