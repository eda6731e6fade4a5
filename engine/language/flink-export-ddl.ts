/**
 * The CREATE TABLE statements of "Export as Flink SQL": one per stream the
 * query reads, either with Flink's datagen connector (the in-app export: what
 * maps is mapped, the rest is said in notes) or over a file (the runnable
 * export that `npm run flink` feeds with exactly the rows Windtunnel reads).
 */
import { datagenFields } from '../core/datagen-fields';
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
  const cols = s.streamSchema.map((f) =>
    f.proctime ? `  ${bq(f.name)} AS PROCTIME()` : `  ${bq(f.name)} ${FLINK_TYPE[f.type]}`,
  );
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
  const o = s.options;
  const path = o['path'];
  if (s.generator === null && typeof path === 'string') {
    // A pasted filesystem DDL goes back as it came.
    const format = o['format'] === 'json' ? 'json' : 'csv';
    return fileDdl(s, { path, format }, primaryKey);
  }
  const opts: [string, string][] = [['connector', 'datagen']];
  if (s.generator === 'datagen') {
    opts.push(...datagenFieldOptions(s, notes));
  } else if (s.generator === null) {
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
  // datagen's max-past on the time column moves every row back: that is out_of_order = 1 - late here.
  const pastIsOutOfOrder = s.generator === 'datagen' && o['out_of_order'] === 1 - Number(o['late'] ?? 0);
  const unmapped = [
    'keys',
    'skew',
    'out_of_order',
    'late',
    'null_rate',
    'seed',
    'event_step',
    'start_time',
  ].filter((k) => o[k] !== undefined && !(k === 'out_of_order' && pastIsOutOfOrder));
  if (unmapped.length)
    notes.push(`No datagen equivalent for${several ? ` ${s.stream}` : ''}: ${unmapped.join(', ')}.`);
  return table(s, cols, opts);
}

/** The datagen generator's own fields.* options, as Flink reads them (a sequence needs an end there). */
function datagenFieldOptions(s: SourceSpec, notes: string[]): [string, string][] {
  const out: [string, string][] = [];
  const total = s.options['total'];
  for (const [k, v] of Object.entries(s.options)) if (k.startsWith('fields.')) out.push([k, String(v)]);
  // Windtunnel's defaults written out: Flink's own (a number over the whole type, 100 characters) differ.
  const time = s.timeColumn === null ? null : s.columns[s.timeColumn]!.name;
  for (const f of datagenFields(s.streamSchema, s.options, time)) {
    if (f.kind !== 'random') continue;
    const unset = (p: string): boolean => s.options[`fields.${f.name}.${p}`] === undefined;
    if (f.type === 'BIGINT' || f.type === 'DOUBLE') {
      if (unset('min')) out.push([`fields.${f.name}.min`, String(f.min)]);
      if (unset('max')) out.push([`fields.${f.name}.max`, String(f.max)]);
    } else if (f.type === 'VARCHAR' && unset('length'))
      out.push([`fields.${f.name}.length`, String(f.length)]);
  }
  for (const f of s.streamSchema) {
    if (s.options[`fields.${f.name}.kind`] !== 'sequence' || s.options[`fields.${f.name}.end`] !== undefined)
      continue;
    const start = Number(s.options[`fields.${f.name}.start`] ?? 1);
    if (s.options[`fields.${f.name}.start`] === undefined)
      out.push([`fields.${f.name}.start`, String(start)]);
    if (typeof total === 'number') out.push([`fields.${f.name}.end`, String(start + total - 1)]);
    else {
      out.push([`fields.${f.name}.end`, String(2 ** 31 - 1)]);
      notes.push(`Flink's sequence ${f.name} needs an end; the export uses 2^31 - 1.`);
    }
  }
  notes.push("datagen's random values are not Windtunnel's (another PRNG); sequences are the same.");
  return out;
}
