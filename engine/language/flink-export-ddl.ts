/**
 * The CREATE TABLE statements of "Export as Flink SQL": one per stream the
 * query reads, either with Flink's datagen connector (the in-app export: what
 * maps is mapped, the rest is said in notes) or over a file (the runnable
 * export that `npm run flink` feeds with exactly the rows Windtunnel reads).
 */
import type { Field } from '../core/types';
import type { SourceSpec } from '../plan/physical-plan';
import { flinkInterval } from '../sql/interval';
import { printIdent } from '../sql/printer-expr';

const FLINK_TYPE: Record<Field['type'], string> = {
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  VARCHAR: 'STRING',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP(3)',
  NULL: 'STRING',
};

/** A file that backs a stream in the runnable export. JSON lines carry TIMESTAMPs as `yyyy-MM-dd HH:mm:ss.SSS` (UTC). */
export interface FlinkFileInput {
  readonly path: string;
  readonly format: 'json' | 'csv';
}

export { flinkInterval };

export const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A name as Flink reads it: always backtick-quoted (Flink reserves many more words than we do). */
export const bq = (name: string): string =>
  printIdent({ name, quoted: true, span: { start: 0, end: 0 } }, '`');

function columnLines(s: SourceSpec, delay: number, primaryKey: readonly string[] | null): string[] {
  const time = s.timeColumn === null ? null : s.columns[s.timeColumn]!.name;
  const cols = s.streamSchema.map((f) => `  ${bq(f.name)} ${FLINK_TYPE[f.type]}`);
  if (time) cols.push(`  WATERMARK FOR ${bq(time)} AS ${bq(time)} - ${flinkInterval(delay)}`);
  if (primaryKey?.length) cols.push(`  PRIMARY KEY (${primaryKey.map(bq).join(', ')}) NOT ENFORCED`);
  return cols;
}

function table(s: SourceSpec, cols: string[], opts: [string, string][]): string {
  const withText = opts.map(([k, v]) => `  ${quote(k)} = ${quote(v)}`).join(',\n');
  return `CREATE TABLE ${bq(s.stream)} (\n${cols.join(',\n')}\n) WITH (\n${withText}\n)`;
}

/** The stream over a file, with Windtunnel's watermark delay exactly (Flink accepts `ts - INTERVAL '0' SECOND`). */
export function fileDdl(s: SourceSpec, file: FlinkFileInput, primaryKey: readonly string[] | null): string {
  const opts: [string, string][] = [
    ['connector', 'filesystem'],
    ['path', file.path],
    ['format', file.format],
  ];
  if (file.format === 'json') opts.push(['json.fail-on-missing-field', 'false']);
  return table(s, columnLines(s, s.watermarkDelay, primaryKey), opts);
}

/** `several`: the query reads more than one stream, so notes name the stream they are about. */
export function datagenDdl(
  s: SourceSpec,
  primaryKey: readonly string[] | null,
  notes: string[],
  several: boolean,
): string {
  const time = s.timeColumn === null ? null : s.columns[s.timeColumn]!.name;
  if (time && s.watermarkDelay === 0 && !notes.some((n) => n.startsWith('Flink has no zero-delay')))
    notes.push('Flink has no zero-delay bounded watermark; the export uses 1 ms.');
  const cols = columnLines(s, Math.max(s.watermarkDelay, 1), primaryKey);
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
  if (unmapped.length)
    notes.push(`No datagen equivalent for${several ? ` ${s.stream}` : ''}: ${unmapped.join(', ')}.`);
  return table(s, cols, opts);
}
