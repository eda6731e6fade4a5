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

export class QueryContext {
  readonly binder: Binder;
  /** Names a column may be qualified with (the alias, else the stream name). */
  readonly qualifiers: ReadonlySet<string>;

  constructor(
    readonly sql: string,
    readonly stream: StreamInfo,
    alias: string | null,
    readonly windowed: boolean,
    readonly problems: Problem[],
  ) {
    this.binder = new Binder(problems);
    this.qualifiers = new Set(alias ? [alias] : [stream.name]);
  }

  get schema(): readonly Field[] {
    return this.stream.schema;
  }

  columnIndex(name: string): number {
    return this.stream.schema.findIndex((f) => f.name === name);
  }

  /** A window column name (window_start, _window_end…) that is not a stream column. */
  windowColumn(e: ColumnAst): 'window_start' | 'window_end' | undefined {
    const w = WINDOW_COLUMNS[e.name.name];
    return w !== undefined && this.columnIndex(e.name.name) < 0 ? w : undefined;
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

  /** Resolves a column of the stream (row space), explaining window columns used too early. */
  resolveColumn(e: ColumnAst, where: string): Expr | null {
    if (!this.checkQualifier(e)) return null;
    const i = this.columnIndex(e.name.name);
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
    const names = this.schema.map((f) => f.name);
    return this.binder.report(
      `unknown column \`${e.name.name}\`${didYouMean(e.name.name, this.windowed ? [...names, 'window_start', 'window_end'] : names)}`,
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
