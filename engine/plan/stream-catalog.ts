/** Streams in scope: the built-ins plus every CREATE STREAM of the script, validated. */
import type { Span } from '../core/diagnostic';
import { BUILTIN_STREAMS, type BuiltinStream, findBuiltinStream } from '../core/builtin-streams';
import type { Field } from '../core/types';
import type { CreateStreamStmt, SqlExpr } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { INTERVAL_UNITS } from '../sql/interval';
import { datagenFields, datagenRowLimit } from '../core/datagen-fields';
import { normaliseOptions } from './analyzer-options';
import { connectorOptions, planOptionName } from './flink-connector';
import { dataTypeOf, TYPE_NAME_LIST } from './analyzer-types';
import type { Problem } from './problems';

export interface StreamInfo {
  readonly name: string;
  readonly schema: readonly Field[];
  /** WATERMARK column, else `ts` if the stream has a TIMESTAMP `ts`; null if none. */
  readonly timeColumn: string | null;
  readonly watermarkDelay: number;
  readonly generator: string | null;
  /**
   * Why the built-in generator of the same name cannot fill this stream (its
   * columns differ), when no `generator` option names one: said at run time
   * only if no file backs the stream (dialect §2).
   */
  readonly generatorMismatch?: string;
  readonly options: Readonly<Record<string, number | string>>;
  /** A pasted Flink DDL's `'connector'` (lower-cased), or null. */
  readonly connector: string | null;
  readonly keyColumn: string | null;
  /** `PRIMARY KEY (…) NOT ENFORCED` columns (a versioned stream's key), or null. */
  readonly primaryKey: readonly string[] | null;
  /** null for built-ins used without DDL. */
  readonly decl: CreateStreamStmt | null;
  readonly doc: string;
}

/** A declared stream as the UI's sources panel shows it. */
export interface StreamDeclInfo {
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly columns: readonly Field[];
  readonly timeColumn: string | null;
  readonly watermarkDelay: number;
  readonly generator: string | null;
  readonly options: readonly {
    readonly key: string;
    readonly value: number | string | null;
    readonly span: Span;
  }[];
}

export interface Catalog {
  readonly streams: ReadonlyMap<string, StreamInfo>;
  readonly decls: readonly StreamDeclInfo[];
}

function builtinInfo(name: string): StreamInfo | undefined {
  const b = findBuiltinStream(name);
  if (!b) return undefined;
  const hasTs = b.columns.some((c) => c.name === 'ts' && c.type === 'TIMESTAMP');
  return {
    name: b.name,
    schema: b.columns,
    timeColumn: hasTs ? 'ts' : null,
    watermarkDelay: 0,
    generator: b.name,
    options: {},
    connector: null,
    keyColumn: b.keyColumn,
    primaryKey: b.primaryKey ?? null,
    decl: null,
    doc: b.doc,
  };
}

export function buildCatalog(ddl: readonly CreateStreamStmt[], problems: Problem[]): Catalog {
  const streams = new Map<string, StreamInfo>();
  for (const b of BUILTIN_STREAMS) streams.set(b.name, builtinInfo(b.name)!);
  const declared = new Set<string>();
  const decls: StreamDeclInfo[] = [];
  for (const s of ddl) {
    if (declared.has(s.name.name)) {
      problems.push({ message: `stream \`${s.name.name}\` is declared twice`, span: s.name.span });
      continue;
    }
    declared.add(s.name.name);
    const info = declareStream(s, problems);
    streams.set(info.name, info);
    decls.push({
      name: info.name,
      span: s.span,
      nameSpan: s.name.span,
      columns: info.schema,
      timeColumn: info.timeColumn,
      watermarkDelay: info.watermarkDelay,
      generator: info.generator,
      options: s.options.map((o) => ({
        key: o.key,
        value: info.options[planOptionName(o.key, info.connector)] ?? null,
        span: o.span,
      })),
    });
  }
  return { streams, decls };
}

function declareStream(s: CreateStreamStmt, problems: Problem[]): StreamInfo {
  const conn = connectorOptions(s, problems);
  const options = { ...normaliseOptions(conn.native, problems), ...conn.extra };
  const genOpt = options['generator'];
  const explicit = typeof genOpt === 'string';
  const file = conn.connector === 'filesystem';
  const named = explicit ? genOpt : !file && findBuiltinStream(s.name.name) ? s.name.name : null;
  const candidate = named === null ? undefined : findBuiltinStream(named);
  const schema: Field[] = [];
  for (const c of s.columns) {
    const type = dataTypeOf(c.typeName.name);
    if (type === undefined) {
      problems.push({
        message: `unknown type \`${c.typeName.name.toUpperCase()}\`${didYouMean(c.typeName.name.toUpperCase(), TYPE_NAME_LIST)} (types: ${TYPE_NAME_LIST.join(', ')})`,
        span: c.typeName.span,
      });
    }
    if (schema.some((f) => f.name === c.name.name)) {
      problems.push({ message: `column \`${c.name.name}\` is declared twice`, span: c.name.span });
      continue;
    }
    // PROCTIME() is a value here, the row's arrival on the replay clock (proctime-columns.ts), never NULL.
    if (c.proctime) schema.push({ name: c.name.name, type: 'TIMESTAMP', nullable: false, proctime: true });
    else schema.push({ name: c.name.name, type: type ?? 'VARCHAR', nullable: true });
  }
  // Only a generator the script names is checked now: a stream that merely shares a built-in's
  // name (`orders`, `trades`) is often the user's own file, which is checked against the DDL
  // when it arrives; whether the generator is needed is known only at run time (dialect §2).
  const misfits = candidate ? misfitsOf(s, candidate) : [];
  if (explicit && candidate) problems.push(...misfitProblems(misfits, candidate));
  // Flink's datagen makes the declared columns; a built-in of the same name makes them better (walks, Zipf keys) when it fits.
  const datagen =
    genOpt === 'datagen' ||
    (!explicit &&
      conn.connector === 'datagen' &&
      (conn.fieldOptions.length > 0 || misfits.length > 0 || !candidate));
  const gen = misfits.length || datagen ? undefined : candidate;
  const fitted = schema.map((f) => {
    const g = gen?.columns.find((x) => x.name === f.name);
    return g ? { ...f, nullable: g.nullable } : f;
  });
  const { timeColumn, delay } = watermark(s, fitted, problems);
  const primaryKey = s.primaryKey?.columns.map((k) => k.name) ?? null;
  for (const k of s.primaryKey?.columns ?? [])
    if (!fitted.some((f) => f.name === k.name))
      problems.push({
        message: `unknown column \`${k.name}\` in PRIMARY KEY${didYouMean(
          k.name,
          fitted.map((f) => f.name),
        )}`,
        span: k.span,
      });
  const keyColumn = gen && fitted.some((f) => f.name === gen.keyColumn) ? gen.keyColumn : null;
  if (datagen) fitDatagen(options, fitted, timeColumn, conn.timeMaxPast);
  else {
    for (const k of Object.keys(options)) if (k.startsWith('fields.')) delete options[k];
    for (const o of conn.fieldOptions)
      problems.push({
        message: `\`${o.key}\` shapes the datagen generator only; ${gen ? `the \`${gen.name}\` generator fills this stream` : 'this stream is read from a file'} (ignored)`,
        span: o.keySpan,
        severity: 'warning',
      });
  }
  return {
    name: s.name.name,
    schema: fitted,
    timeColumn,
    watermarkDelay: delay,
    generator: datagen ? 'datagen' : explicit ? genOpt : gen ? gen.name : null,
    ...(!explicit && !datagen && !file && misfits.length && candidate
      ? { generatorMismatch: mismatchText(misfits, candidate) }
      : {}),
    options,
    connector: conn.connector,
    keyColumn,
    primaryKey,
    decl: s,
    doc: gen
      ? gen.doc
      : datagen
        ? 'A stream made by the datagen generator from its declared columns.'
        : 'A stream declared in this script.',
  };
}

/**
 * Flink datagen's time and size in this dialect's options: `max-past` on the
 * event-time column puts every row up to that far back (unless out_of_order
 * says otherwise), and a bounded sequence ends the stream when it runs out.
 */
function fitDatagen(
  options: Record<string, number | string>,
  schema: readonly Field[],
  timeColumn: string | null,
  maxPast: number | null,
): void {
  if (maxPast !== null && maxPast >= 1) {
    options['max_out_of_order'] ??= maxPast;
    const late = typeof options['late'] === 'number' ? options['late'] : 0;
    options['out_of_order'] ??= 1 - late;
  }
  const limit = datagenRowLimit(datagenFields(schema, options, timeColumn));
  const total = options['total'];
  if (limit !== null && !(typeof total === 'number' && total <= limit)) options['total'] = limit;
}

interface Misfit {
  readonly column: CreateStreamStmt['columns'][number];
  /** The generator's column of that name with another type; undefined if it has none. */
  readonly made: Field | undefined;
  readonly declared: string;
}

/** The declared columns a generator does not make, or makes with another type. */
function misfitsOf(s: CreateStreamStmt, gen: BuiltinStream): Misfit[] {
  const out: Misfit[] = [];
  for (const column of s.columns) {
    if (column.proctime) continue; // made by the source, not the generator
    const made = gen.columns.find((g) => g.name === column.name.name);
    const declared = dataTypeOf(column.typeName.name);
    if (!made || (declared !== undefined && made.type !== declared))
      out.push({ column, made, declared: declared ?? column.typeName.name });
  }
  return out;
}

/** Compile-time errors where the script names the generator itself. */
function misfitProblems(misfits: readonly Misfit[], gen: BuiltinStream): Problem[] {
  const names = gen.columns.map((g) => g.name);
  return misfits.map(({ column: c, made, declared }) =>
    made
      ? {
          message: `column \`${c.name.name}\` is ${made.type} in generator \`${gen.name}\`, not ${declared}`,
          span: c.typeName.span,
        }
      : {
          message: `generator \`${gen.name}\` has no column \`${c.name.name}\`${didYouMean(c.name.name, names)} (it has ${names.join(', ')})`,
          span: c.name.span,
        },
  );
}

/** One clause for the run-time message: what the generator lacks and what it makes. */
function mismatchText(misfits: readonly Misfit[], gen: BuiltinStream): string {
  const missing = misfits.filter((m) => !m.made).map((m) => `\`${m.column.name.name}\``);
  const parts = missing.length ? [`it makes no ${missing.join(', ')}`] : [];
  for (const m of misfits)
    if (m.made) parts.push(`its \`${m.column.name.name}\` is ${m.made.type}, not ${m.declared}`);
  return `${parts.join('; ')}; it has ${gen.columns.map((g) => `${g.name} ${g.type}`).join(', ')}`;
}

function watermark(
  s: CreateStreamStmt,
  schema: readonly Field[],
  problems: Problem[],
): { timeColumn: string | null; delay: number } {
  const w = s.watermark;
  const tsCol = schema.find((f) => f.name === 'ts' && f.type === 'TIMESTAMP' && !f.proctime);
  if (!w) return { timeColumn: tsCol ? 'ts' : null, delay: 0 };
  const col = schema.find((f) => f.name === w.column.name);
  if (!col) {
    problems.push({
      message: `unknown column \`${w.column.name}\` in WATERMARK${didYouMean(
        w.column.name,
        schema.map((f) => f.name),
      )}`,
      span: w.column.span,
    });
    return { timeColumn: tsCol ? 'ts' : null, delay: 0 };
  }
  if (col.proctime) {
    problems.push({
      message: `\`${col.name}\` is a PROCTIME() column: a WATERMARK is declared on an event-time column (Flink's rule too)`,
      span: w.column.span,
    });
    return { timeColumn: tsCol ? 'ts' : null, delay: 0 };
  }
  if (col.type !== 'TIMESTAMP' && col.type !== 'BIGINT') {
    problems.push({
      message: `the WATERMARK column \`${col.name}\` must be a TIMESTAMP, not ${col.type}`,
      span: w.column.span,
    });
  }
  return { timeColumn: col.name, delay: watermarkDelay(w.column.name, w.expr, problems) };
}

/** `ts` → 0; `ts - INTERVAL '2' SECOND` → 2000. */
function watermarkDelay(column: string, e: SqlExpr, problems: Problem[]): number {
  const isCol = (x: SqlExpr): boolean =>
    x.kind === 'column' && x.qualifier === null && x.name.name === column;
  if (isCol(e)) return 0;
  if (e.kind === 'binary' && e.op === '-' && isCol(e.left) && e.right.kind === 'interval') {
    return e.right.amount * INTERVAL_UNITS[e.right.unit];
  }
  if (
    e.kind === 'binary' &&
    e.op === '-' &&
    isCol(e.left) &&
    e.right.kind === 'number' &&
    /^\d+$/.test(e.right.text)
  ) {
    return Number(e.right.text);
  }
  problems.push({
    message: `the WATERMARK expression must be \`${column}\` or \`${column} - INTERVAL '…' SECOND\``,
    span: e.span,
  });
  return 0;
}
