/** Analysis of one SELECT → its logical plan (or null, with problems reported). */
import type { FromClause, SelectStmt } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { analyzeAggregate, isAggregateName } from './analyzer-aggregate';
import { OverCollector } from './analyzer-over';
import { windowFromClause, windowFromTvf, type ResolvedWindow } from './analyzer-window';
import type { Field } from '../core/types';
import type {
  LogicalAggregate,
  LogicalOverGroup,
  LogicalPlan,
  LogicalRel,
  LogicalSource,
} from './logical-plan';
import type { Expr } from './physical-plan';
import type { Problem } from './problems';
import { containsAggregate, nameOf, QueryContext, uniqueNames, walk } from './query-context';
import type { Catalog, StreamInfo } from './stream-catalog';

function resolveStream(from: FromClause, catalog: Catalog, problems: Problem[]): StreamInfo | null {
  const name = from.kind === 'stream' ? from.name : from.table;
  const s = catalog.streams.get(name.name);
  if (s) return s;
  problems.push({
    message: `unknown stream \`${name.name}\`${didYouMean(name.name, catalog.streams.keys())}`,
    span: name.span,
  });
  return null;
}

export function analyzeSelect(
  sql: string,
  stmt: SelectStmt,
  catalog: Catalog,
  problems: Problem[],
): LogicalPlan | null {
  if (!stmt.from) return null;
  const stream = resolveStream(stmt.from, catalog, problems);
  if (!stream) return null;
  const before = problems.length;
  const from = stmt.from;
  if (from.kind === 'tvf' && stmt.window) {
    problems.push({
      message: 'a window TVF in FROM and a WINDOW clause cannot be combined',
      span: stmt.window.keywordSpan,
    });
    return null;
  }
  const itemHasAgg = stmt.items.some((i) => i.kind === 'expr' && containsAggregate(i.expr, isAggregateName));
  // A window TVF that nothing aggregates is read as rows: each row per window it falls in (Flink).
  const tvfRows = from.kind === 'tvf' && stmt.groupBy.length === 0 && !itemHasAgg && !stmt.having;
  const windowed = (from.kind === 'tvf' && !tvfRows) || stmt.window !== null;
  const rowStream = tvfRows ? { ...stream, schema: [...stream.schema, ...TVF_COLUMNS] } : stream;
  const ctx = new QueryContext(sql, rowStream, from.alias?.name ?? null, windowed, problems);
  let win: ResolvedWindow | null = null;
  if (from.kind === 'tvf') win = windowFromTvf(ctx, from);
  else if (stmt.window) win = windowFromClause(ctx, stmt.window);
  if (tvfRows && win?.spec.kind === 'session')
    ctx.binder.report(
      'a SESSION window TVF is only read aggregated here: GROUP BY window_start, window_end (sessions are known only when they close)',
      from.span,
    );

  let where: Expr | null = null;
  if (stmt.where) {
    where = ctx.binder.bind(
      stmt.where,
      ctx.rowScope('WHERE', 'aggregate functions are not allowed in WHERE (use HAVING)'),
    );
    if (where && where.type !== 'BOOLEAN' && where.type !== 'NULL') {
      ctx.binder.report(`WHERE expects a BOOLEAN condition, got ${where.type}`, stmt.where.span);
    }
  }
  const grouped = stmt.groupBy.length > 0 || windowed || itemHasAgg;

  let overs: LogicalOverGroup[] = [];
  let aggregate: LogicalAggregate | null = null;
  let having: Expr | null = null;
  let exprs: Expr[] = [];
  let names: string[] = [];
  if (grouped) {
    if (windowed && !win) return null;
    const a = analyzeAggregate(ctx, stmt, win);
    if (a) {
      aggregate = a.aggregate;
      having = a.having;
      exprs = [...a.exprs];
      names = [...a.names];
    }
  } else {
    if (stmt.having) {
      const hasAgg = containsAggregate(stmt.having, isAggregateName);
      ctx.binder.report(
        hasAgg
          ? 'HAVING with an aggregate needs the select list to aggregate too (or GROUP BY)'
          : 'HAVING needs GROUP BY or an aggregate; use WHERE to filter rows',
        stmt.having.span,
      );
    }
    if (stmt.emit?.mode === 'final')
      ctx.binder.report('EMIT FINAL needs GROUP BY or a WINDOW', stmt.emit.span);
    const overCollector = new OverCollector(ctx);
    const scope = overCollector.scope();
    for (const item of stmt.items) {
      if (item.kind === 'star') {
        if (item.qualifier && !ctx.qualifiers.has(item.qualifier.name)) {
          ctx.binder.report(
            `unknown table \`${item.qualifier.name}\`${didYouMean(item.qualifier.name, ctx.qualifiers)}`,
            item.qualifier.span,
          );
          continue;
        }
        rowStream.schema.forEach((f, index) => {
          exprs.push({ kind: 'column', index, name: f.name, type: f.type });
          names.push(f.name);
        });
        continue;
      }
      const x = ctx.binder.bind(item.expr, scope);
      if (x) exprs.push(x);
      names.push(item.alias?.name ?? nameOf(ctx, item.expr));
    }
    const done = overCollector.finish(rowStream.schema.length);
    overs = done.groups;
    exprs = exprs.map(done.rewrite);
    names = uniqueNames(names);
  }
  for (const g of stmt.groupBy) {
    walk(g, (x) => {
      if (x.kind === 'call' && x.over) ctx.binder.report('OVER windows are not allowed in GROUP BY', x.span);
    });
  }
  const limit = limitOf(ctx, stmt);
  if (problems.length > before) return null;
  const time = windowTime(stream, win);
  const source: LogicalSource = {
    kind: 'source',
    stream: stream.name,
    schema: stream.schema,
    timeColumn: time,
    watermarkDelay: stream.watermarkDelay,
    generator: stream.generator,
    options: stream.options,
    keyColumn: stream.keyColumn === null ? null : ctx.columnIndex(stream.keyColumn),
  };
  const input: LogicalRel =
    tvfRows && win
      ? { kind: 'windowTvf', input: source, window: win.spec, timeColumn: win.timeColumn }
      : source;
  return {
    kind: 'logical',
    explain: stmt.explain,
    root: {
      kind: 'block',
      input,
      time,
      delay: stream.watermarkDelay,
      where,
      overs,
      aggregate,
      having,
      project: { kind: 'project', exprs, names },
      distinct: stmt.distinct,
      limit,
    },
  };
}

/** What a window TVF adds to its rows (Flink): the window's bounds and its time attribute, end − 1 ms. */
const TVF_COLUMNS: readonly Field[] = [
  { name: 'window_start', type: 'TIMESTAMP', nullable: false },
  { name: 'window_end', type: 'TIMESTAMP', nullable: false },
  { name: 'window_time', type: 'TIMESTAMP', nullable: false },
];

/** The event-time column: the stream's, else the one the window names. */
function windowTime(stream: StreamInfo, win: ResolvedWindow | null): number | null {
  if (stream.timeColumn !== null) return stream.schema.findIndex((f) => f.name === stream.timeColumn);
  return win ? win.timeColumn : null;
}

function limitOf(ctx: QueryContext, stmt: SelectStmt): number | null {
  const l = stmt.limit;
  if (!l) return null;
  if (l.kind === 'number' && /^\d+$/.test(l.text) && Number.isSafeInteger(Number(l.text)))
    return Number(l.text);
  ctx.binder.report(`LIMIT expects a non-negative whole number, got \`${ctx.text(l)}\``, l.span);
  return null;
}
