/** What the analysis of one SELECT shares: its stream, binder, and the row-space scope. */
import type { Field } from '../core/types';
import type { SqlExpr } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { Binder, type BindScope, type ColumnAst } from './binder';
import type { Expr } from './physical-plan';
import type { Problem } from './problems';
import type { StreamInfo } from './stream-catalog';

export const WINDOW_COLUMNS: Readonly<Record<string, 'window_start' | 'window_end'>> = {
  window_start: 'window_start',
  window_end: 'window_end',
  _window_start: 'window_start',
  _window_end: 'window_end',
};

/**
 * The input a SELECT reads, as its names see it: a stream, a subquery, a WITH
 * step or a join. `qualifiers[i]` are the names that may qualify column i (its
 * table's alias, else its stream's name); a join's columns keep their side's.
 */
export interface InputScope {
  /** A stream-like description (name, schema, event-time column, options) for messages and windows. */
  readonly stream: StreamInfo;
  readonly qualifiers: readonly (readonly string[])[];
  /** Index of the event-time attribute in `stream.schema`, or null. */
  readonly time: number | null;
  /** Columns from here on are a subquery's own: an unqualified name is looked up there first. */
  readonly innerFrom?: number;
  /** Columns an unqualified name does not reach (see AnalyzedRel.hidden). */
  readonly hidden?: ReadonlySet<number>;
}

/** A single stream (or step) read under its alias, else its own name. */
export function streamScope(stream: StreamInfo, alias: string | null, time?: number | null): InputScope {
  const q = [alias ?? stream.name];
  const t = stream.timeColumn === null ? null : stream.schema.findIndex((f) => f.name === stream.timeColumn);
  return { stream, qualifiers: stream.schema.map(() => q), time: time === undefined ? t : time };
}

export class QueryContext {
  readonly binder: Binder;
  /** Names a column may be qualified with (aliases, else stream names). */
  readonly qualifiers: ReadonlySet<string>;
  readonly stream: StreamInfo;

  constructor(
    readonly sql: string,
    readonly input: InputScope,
    readonly windowed: boolean,
    readonly problems: Problem[],
  ) {
    this.binder = new Binder(problems);
    this.stream = input.stream;
    this.qualifiers = new Set(input.qualifiers.flat());
  }

  get schema(): readonly Field[] {
    return this.stream.schema;
  }

  /** The event-time attribute's index, or null. */
  get timeIndex(): number | null {
    return this.input.time;
  }

  /** Index of the column `name` (of table `qualifier` if given); -1 if none, -2 if several match. */
  columnIndex(name: string, qualifier?: string): number {
    const inner = this.input.innerFrom;
    if (qualifier === undefined && inner !== undefined) {
      const own = this.indexIn(name, undefined, inner, this.schema.length);
      return own !== -1 ? own : this.indexIn(name, undefined, 0, inner);
    }
    return this.indexIn(name, qualifier, 0, this.schema.length);
  }

  private indexIn(name: string, qualifier: string | undefined, from: number, to: number): number {
    let found = -1;
    for (let i = from; i < to; i++) {
      const f = this.schema[i]!;
      if (f.name !== name || (qualifier !== undefined && !this.input.qualifiers[i]!.includes(qualifier)))
        continue;
      if (qualifier === undefined && this.input.hidden?.has(i)) continue;
      found = found === -1 ? i : -2;
    }
    return found;
  }

  /** A window column name (window_start, _window_end…) that is not a stream column. */
  windowColumn(e: ColumnAst): 'window_start' | 'window_end' | undefined {
    const w = WINDOW_COLUMNS[e.name.name];
    return w !== undefined && this.columnIndex(e.name.name) === -1 ? w : undefined;
  }

  checkQualifier(e: ColumnAst): boolean {
    if (e.qualifier && !this.qualifiers.has(e.qualifier.name)) {
      this.binder.report(
        `unknown table \`${e.qualifier.name}\`${didYouMean(e.qualifier.name, this.qualifiers)}`,
        e.qualifier.span,
      );
      return false;
    }
    return true;
  }

  /** `o.id` or `s.id`: every qualified spelling of the columns called `name`. */
  candidates(name: string): string[] {
    const out: string[] = [];
    this.stream.schema.forEach((f, i) => {
      if (f.name === name) out.push(`${this.input.qualifiers[i]![0]}.${name}`);
    });
    return out;
  }

  /** Resolves a column of the input (row space), explaining window columns used too early. */
  resolveColumn(e: ColumnAst, where: string): Expr | null {
    if (!this.checkQualifier(e)) return null;
    const i = this.columnIndex(e.name.name, e.qualifier?.name);
    if (i === -2) {
      const c = this.candidates(e.name.name);
      return this.binder.report(
        `column \`${e.name.name}\` is ambiguous: it could be ${c.map((x) => `\`${x}\``).join(' or ')}; qualify it`,
        e.span,
      );
    }
    if (i >= 0) {
      const f = this.schema[i]!;
      return { kind: 'column', index: i, name: f.name, type: f.type };
    }
    if (this.windowColumn(e)) {
      const msg = this.windowed
        ? `\`${e.name.name}\` cannot be used in ${where}: it exists only after windowing`
        : `\`${e.name.name}\` is only available in a windowed query (add WINDOW TUMBLING (…) or a window TVF)`;
      return this.binder.report(msg, e.span);
    }
    const names = e.qualifier
      ? this.schema.filter((_, k) => this.input.qualifiers[k]!.includes(e.qualifier!.name)).map((f) => f.name)
      : this.schema.map((f) => f.name);
    return this.binder.report(
      `unknown column \`${e.qualifier ? e.qualifier.name + '.' : ''}${e.name.name}\`${didYouMean(e.name.name, this.windowed ? [...names, 'window_start', 'window_end'] : names)}`,
      e.name.span,
    );
  }

  /** The plain row-space scope: no aggregates, no OVER. */
  rowScope(where: string, aggregateMessage: string, overMessage?: string): BindScope {
    return {
      column: (e) => this.resolveColumn(e, where),
      aggregateMessage,
      overMessage: overMessage ?? `OVER windows are not allowed in ${where}`,
    };
  }

  text(e: SqlExpr): string {
    return this.sql.slice(e.span.start, e.span.end);
  }
}

/** Output name of an unaliased expression: as written, lower-cased, whitespace collapsed. */
export function nameOf(ctx: QueryContext, e: SqlExpr): string {
  if (e.kind === 'column') return e.name.name;
  return ctx.text(e).toLowerCase().replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

/** Makes names unique by suffixing `_1`, `_2`… to later duplicates. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let k = 1; seen.has(name); k++) name = `${n}_${k}`;
    seen.add(name);
    return name;
  });
}

/** Does the tree contain an aggregate call (not under OVER)? */
export function containsAggregate(e: SqlExpr, isAgg: (name: string) => boolean): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && !x.over && isAgg(x.name.name)) found = true;
  });
  return found;
}

export function walk(e: SqlExpr, f: (e: SqlExpr) => void): void {
  f(e);
  const w = (x: SqlExpr | null): void => {
    if (x) walk(x, f);
  };
  switch (e.kind) {
    case 'unary':
    case 'isNull':
    case 'cast':
      w(e.arg);
      return;
    case 'binary':
      w(e.left);
      w(e.right);
      return;
    case 'between':
      w(e.arg);
      w(e.low);
      w(e.high);
      return;
    case 'in':
      w(e.arg);
      e.list.forEach(w);
      return;
    case 'subqueryTest':
      // The subquery is its own scope: only IN's left operand is this query's.
      w(e.arg);
      return;
    case 'like':
      w(e.arg);
      w(e.pattern);
      return;
    case 'case':
      w(e.operand);
      e.whens.forEach((x) => (w(x.when), w(x.then)));
      w(e.otherwise);
      return;
    case 'call':
      e.args.forEach(w);
      e.over?.partitionBy.forEach(w);
      e.over?.orderBy.forEach((o) => w(o.expr));
      return;
    default:
      return;
  }
}
