/**
 * Flink connector options in a pasted `CREATE TABLE … WITH (…)` (issue #17):
 * `'connector' = 'datagen'` maps onto the generators, `'filesystem'` onto a
 * file, and whatever has no meaning in the playground (Kafka topics,
 * `properties.*`, `sink.*`, …) is a located warning, never an error, so a
 * script copied from Flink's documentation still runs.
 */
import { DATAGEN_FIELD_PROPERTIES, datagenKey, type DatagenFieldProperty } from '../core/datagen-fields';
import { findStreamOption } from '../core/stream-options';
import type { CreateStreamStmt, OptionDef, SqlExpr } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { parseIntervalText } from '../sql/interval';
import { dataTypeOf } from './analyzer-types';
import type { Problem } from './problems';

/** Flink datagen's names for options this dialect has under its own name. */
const RENAMES: Readonly<Record<string, string>> = {
  'rows-per-second': 'rows_per_second',
  'number-of-rows': 'total',
};
export const FILE_FORMATS = ['csv', 'json'] as const;

export interface ConnectorOptions {
  /** `connector`, lower-cased, or null when the WITH names none. */
  readonly connector: string | null;
  /** Options the dialect validates itself (STREAM_OPTIONS), under their own names. */
  readonly native: readonly OptionDef[];
  /** Already normalised: `connector`, `path`, `format`, `fields.<column>.<property>`. */
  readonly extra: Readonly<Record<string, number | string>>;
  /** The `fields.*` options taken, to warn about if no datagen generator reads them. */
  readonly fieldOptions: readonly OptionDef[];
  /** `fields.<time column>.max-past` in ms: Flink's way to put event time out of order. */
  readonly timeMaxPast: number | null;
}

/** The name an option has in a plan's options (`rows-per-second` → `rows_per_second`). */
export function planOptionName(key: string, connector: string | null): string {
  return connector === 'datagen' ? (RENAMES[key] ?? key) : key;
}

function text(e: SqlExpr): string | null {
  if (e.kind === 'string') return e.value;
  if (e.kind === 'number') return e.text;
  if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'number') return `-${e.arg.text}`;
  return null;
}

const warn = (message: string, span: OptionDef['span']): Problem => ({ message, span, severity: 'warning' });

function connectorWarning(connector: string, o: OptionDef): Problem | null {
  if (connector === 'datagen' || connector === 'filesystem') return null;
  if (connector === 'kafka' || connector === 'upsert-kafka')
    return warn(
      `\`'connector' = '${connector}'\`: the playground reads no Kafka here: give it a file or a generator (a built-in generator of the same name fills it if its columns fit; else upload a file)`,
      o.value.span,
    );
  return warn(
    `\`'connector' = '${connector}'\` has no meaning in the playground: give the stream a file or a generator ('connector' = 'datagen')`,
    o.value.span,
  );
}

/** Splits a CREATE STREAM's WITH into what the dialect knows, what the connector means here, and warnings. */
export function connectorOptions(s: CreateStreamStmt, problems: Problem[]): ConnectorOptions {
  const connOpt = s.options.find((o) => o.key === 'connector');
  const raw = connOpt ? text(connOpt.value) : null;
  const connector = raw === null ? null : raw.toLowerCase();
  if (connOpt && connector === null)
    problems.push({
      message: "option `connector` expects a name such as 'datagen'",
      span: connOpt.value.span,
    });
  if (connOpt && connector !== null) {
    const w = connectorWarning(connector, connOpt);
    if (w) problems.push(w);
  }
  const native: OptionDef[] = [];
  const extra: Record<string, number | string> = connector === null ? {} : { connector };
  const fieldOptions: OptionDef[] = [];
  const fields = new FieldOptions(s, problems);
  for (const o of s.options) {
    if (o === connOpt) continue;
    const renamed = connector === 'datagen' ? RENAMES[o.key] : undefined;
    if (o.key.startsWith('fields.') && (connector === null || connector === 'datagen')) {
      if (fields.take(o, extra)) fieldOptions.push(o);
    } else if (connector === null || findStreamOption(o.key)) native.push(o);
    else if (renamed !== undefined) native.push({ ...o, key: renamed });
    else if (connector === 'filesystem' && o.key === 'path') {
      const v = text(o.value);
      if (v === null)
        problems.push({
          message: "option `path` expects a string such as '/data/orders.csv'",
          span: o.value.span,
        });
      else extra['path'] = v;
    } else if (connector === 'filesystem' && o.key === 'format') {
      const v = text(o.value)?.toLowerCase() ?? '';
      if ((FILE_FORMATS as readonly string[]).includes(v)) extra['format'] = v;
      else
        problems.push({
          message: `format '${v}' cannot be read here: a file stream is ${FILE_FORMATS.map((f) => `'${f}'`).join(' or ')} (JSON lines)${didYouMean(v, FILE_FORMATS)}`,
          span: o.value.span,
        });
    } else problems.push(warn(ignoredText(connector, o.key), o.keySpan));
  }
  return { connector, native, extra, fieldOptions, timeMaxPast: fields.timeMaxPast };
}

function ignoredText(connector: string, key: string): string {
  const kafka = connector === 'kafka' || connector === 'upsert-kafka';
  return kafka
    ? `option \`${key}\` has no meaning in the playground, which reads no Kafka here: give the stream a file or a generator (ignored)`
    : `option \`${key}\` of the ${connector} connector has no meaning in the playground (ignored)`;
}

/** `fields.<column>.<property>` options: checked against the declared columns and normalised. */
class FieldOptions {
  timeMaxPast: number | null = null;
  private readonly timeColumn: string | null;

  constructor(
    private readonly s: CreateStreamStmt,
    private readonly problems: Problem[],
  ) {
    const ts = s.columns.find((c) => c.name.name === 'ts' && dataTypeOf(c.typeName.name) === 'TIMESTAMP');
    this.timeColumn = s.watermark?.column.name ?? (ts ? 'ts' : null);
  }

  /** Adds the option's normalised value to `extra`; false if it was reported and dropped. */
  take(o: OptionDef, extra: Record<string, number | string>): boolean {
    const rest = o.key.slice('fields.'.length);
    const dot = rest.lastIndexOf('.');
    const name = dot < 0 ? rest : rest.slice(0, dot);
    const prop = dot < 0 ? '' : rest.slice(dot + 1);
    const names = this.s.columns.map((c) => c.name.name);
    const column = this.s.columns.find((c) => c.name.name.toLowerCase() === name);
    if (!column) {
      this.problems.push({
        message: `unknown column \`${name}\` in option \`${o.key}\`${didYouMean(name, names)}`,
        span: o.keySpan,
      });
      return false;
    }
    const col = column.name.name;
    const type = dataTypeOf(column.typeName.name);
    if (!(DATAGEN_FIELD_PROPERTIES as readonly string[]).includes(prop)) {
      const hint = prop === 'null-rate' ? ' (null_rate sets it for every column)' : '';
      this.problems.push(
        warn(`datagen field option \`${prop}\` has no meaning in the playground${hint} (ignored)`, o.keySpan),
      );
      return false;
    }
    const p = prop as DatagenFieldProperty;
    if (col === this.timeColumn) {
      if (p === 'max-past') {
        const ms = this.value(o, p);
        if (typeof ms === 'number') this.timeMaxPast = ms;
        return typeof ms === 'number';
      }
      this.problems.push(
        warn(
          `\`${col}\` is the event-time column: it follows event_step and start_time, not \`${p}\` (ignored)`,
          o.keySpan,
        ),
      );
      return false;
    }
    const misplaced =
      type === 'BOOLEAN'
        ? p !== 'kind'
        : type === 'VARCHAR'
          ? p === 'min' || p === 'max' || p === 'max-past'
          : type === 'TIMESTAMP'
            ? p !== 'max-past' && p !== 'kind'
            : p === 'length' || p === 'max-past';
    if (misplaced) {
      this.problems.push(
        warn(`\`${p}\` has no meaning for the ${type ?? 'unknown'} column \`${col}\` (ignored)`, o.keySpan),
      );
      return false;
    }
    const v = this.value(o, p);
    if (v === null) return false;
    if (p === 'kind' && v === 'sequence' && (type === 'BOOLEAN' || type === 'TIMESTAMP')) {
      this.problems.push(
        warn(`a ${type} column cannot be a sequence here; it is random (ignored)`, o.value.span),
      );
      return false;
    }
    extra[datagenKey(col, p)] = v;
    return true;
  }

  private value(o: OptionDef, p: DatagenFieldProperty): number | string | null {
    const t = text(o.value);
    const bad = (what: string): null => {
      this.problems.push({
        message: `option \`${o.key}\` expects ${what}, got ${t === null ? 'an expression' : `'${t}'`}`,
        span: o.value.span,
      });
      return null;
    };
    if (t === null) return bad('a literal value');
    if (p === 'kind') {
      const k = t.toLowerCase();
      return k === 'sequence' || k === 'random' ? k : bad("'sequence' or 'random'");
    }
    if (p === 'max-past') {
      const ms = /^\s*\d+(\.\d+)?\s*$/.test(t) ? Number(t) : parseIntervalText(t);
      return ms !== undefined && Number.isFinite(ms) && ms >= 0
        ? ms
        : bad("an interval such as '5s' or milliseconds");
    }
    const n = t.trim() === '' ? NaN : Number(t);
    if (p === 'length')
      return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : bad('a whole number between 1 and 1000');
    return Number.isFinite(n) ? n : bad('a number');
  }
}
