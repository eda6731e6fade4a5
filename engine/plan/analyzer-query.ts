/**
 * Analysis of one query → its logical plan (or null, with problems reported).
 * A query is WITH steps, then one SELECT block or a UNION ALL of blocks; a
 * block reads its FROM (a stream, a step, a window TVF, a subquery or a join,
 * see analyzer-from.ts) and filters, windows, aggregates and projects it.
 */
import type { Field } from '../core/types';
import type { FromClause, SelectStmt } from '../sql/ast';
import { subqueryFroms, withSubqueryJoins } from './subquery-joins';
import { didYouMean } from '../sql/edit-distance';
import { analyzeAggregate, isAggregateName } from './analyzer-aggregate';
import {
  analyzeFrom,
  analyzeNamed,
  type AnalyzedRel,
  type QueryEnv,
  relationInfo,
  TVF_COLUMNS,
} from './analyzer-from';
import { OverCollector } from './analyzer-over';
import {
  boundTopN,
  firstRowDedup,
  isFirstRowDedup,
  topNFilter,
  unboundedTopN,
  type InputWindow,
} from './analyzer-top-n';
import { windowFromClause, windowFromTvf, type ResolvedWindow } from './analyzer-window';
import type { LogicalAggregate, LogicalOverGroup, LogicalPlan, LogicalRel } from './logical-plan';
import type { Expr } from './physical-plan';
import type { Problem } from './problems';
import { containsAggregate, nameOf, QueryContext, uniqueNames, walk, type InputScope } from './query-context';
import type { Catalog, StreamInfo } from './stream-catalog';

/** A relation a FROM reads, as the editor shows it: its columns under the name that qualifies them. */
export interface ScopeEntry {
  readonly stream: StreamInfo;
  readonly alias: string | null;
}

/**
 * What a SELECT's FROM reads, each relation with its columns — streams by name, WITH steps and
 * subqueries with their output columns — for completion and hovers (problems are not reported here).
 */
export function fromScope(sql: string, stmt: SelectStmt, catalog: Catalog): ScopeEntry[] {
  const env = withSteps({ sql, catalog, problems: [], steps: new Map(), analyzeQuery }, stmt);
  if (!env || !stmt.from) return [];
  const walk = (f: FromClause): ScopeEntry[] => {
    if (f.kind === 'join') return [...walk(f.left), ...walk(f.right)];
    if (f.kind === 'subquery') {
      const r = analyzeQuery(env, f.query);
      return r
        ? [{ stream: { ...r.stream, name: f.alias?.name ?? r.stream.name }, alias: f.alias?.name ?? null }]
        : [];
    }
    const name = f.kind === 'stream' ? f.name.name : f.table.name;
    const step = env.steps.get(name);
    const stream = step ? step.stream : catalog.streams.get(name);
    if (!stream) return [];
    const withTvf = f.kind === 'tvf' ? { ...stream, schema: [...stream.schema, ...TVF_COLUMNS] } : stream;
    return [{ stream: withTvf, alias: f.alias?.name ?? null }];
  };
  // The FROMs of WHERE's IN / EXISTS subqueries are in scope too (their aliases complete there).
  return [stmt.from, ...subqueryFroms(stmt)].flatMap(walk);
}

export function analyzeSelect(
  sql: string,
  stmt: SelectStmt,
  catalog: Catalog,
  problems: Problem[],
): LogicalPlan | null {
  const env: QueryEnv = { sql, catalog, problems, steps: new Map(), analyzeQuery };
  const r = analyzeQuery(env, stmt);
  if (r?.topN) {
    problems.push(unboundedTopN(r.topN));
    return null;
  }
  return r ? { kind: 'logical', explain: stmt.explain, root: r.rel } : null;
}

/** The env a query's body sees: its WITH steps, each analyzed once and visible to the steps after it. */
function withSteps(env: QueryEnv, stmt: SelectStmt): QueryEnv | null {
  const outer = env.steps;
  const steps = new Map(outer);
  const inner: QueryEnv = { ...env, steps };
  for (const w of stmt.with) {
    if (steps.has(w.name.name) && !outer.has(w.name.name)) {
      env.problems.push({ message: `WITH step \`${w.name.name}\` is defined twice`, span: w.name.span });
      return null;
    }
    const r = analyzeQuery(inner, w.query);
    if (!r) return null;
    steps.set(w.name.name, { ...r, stream: { ...r.stream, name: w.name.name } });
  }
  return inner;
}

/** WITH steps, then the body. */
function analyzeQuery(env: QueryEnv, stmt: SelectStmt): AnalyzedRel | null {
  const inner = withSteps(env, stmt);
  if (!inner) return null;
  const branches = [stmt, ...stmt.unionAll].map((b) => analyzeBlock(inner, b));
  if (branches.some((b) => b === null)) return null;
  const all = branches as AnalyzedRel[];
  return all.length === 1 ? all[0]! : unionAll(env, stmt, all);
}

/** UNION ALL: the same number of columns, of the same types, in every branch; names from the first. */
function unionAll(env: QueryEnv, stmt: SelectStmt, branches: readonly AnalyzedRel[]): AnalyzedRel | null {
  const first = branches[0]!.stream.schema;
  const before = env.problems.length;
  [stmt, ...stmt.unionAll].forEach((b, k) => {
    if (k === 0) return;
    const s = branches[k]!.stream.schema;
    const at = b.items[0]?.span ?? b.span;
    if (s.length !== first.length) {
      env.problems.push({
        message: `UNION ALL branch ${k + 1} has ${s.length} columns, the first has ${first.length}`,
        span: at,
      });
      return;
    }
    s.forEach((f, c) => {
      if (f.type !== first[c]!.type && f.type !== 'NULL' && first[c]!.type !== 'NULL')
        env.problems.push({
          message: `UNION ALL column ${c + 1} (\`${first[c]!.name}\`) is ${first[c]!.type} in the first branch and ${f.type} in branch ${k + 1}: CAST one of them`,
          span: b.items[c]?.span ?? at,
        });
    });
  });
  const ranked = branches.find((b) => b.topN);
  if (ranked?.topN) env.problems.push(unboundedTopN(ranked.topN));
  if (env.problems.length > before) return null;
  if (branches.some((b) => b.updating)) {
    env.problems.push({ message: 'UNION ALL of updating results is not supported yet', span: stmt.span });
    return null;
  }
  const times = branches.map((b) => b.time);
  const time = times.every((t) => t !== null && t === times[0]) ? times[0]! : null;
  const schema: Field[] = first.map((f, c) => ({
    ...f,
    nullable: branches.some((b) => b.stream.schema[c]!.nullable),
  }));
  return {
    rel: { kind: 'union', inputs: branches.map((b) => b.rel) },
    stream: relationInfo(
      'the union',
      schema,
      time,
      Math.max(...branches.map((b) => b.stream.watermarkDelay)),
    ),
    qualifiers: schema.map(() => []),
    time,
    window: null,
    updating: false,
  };
}

/** One SELECT over its FROM (WHERE's IN / EXISTS subqueries read as joins of it). */
function analyzeBlock(env: QueryEnv, written: SelectStmt): AnalyzedRel | null {
  const { sql, problems } = env;
  const stmt = withSubqueryJoins(written, problems);
  if (!stmt?.from) return null;
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
  // FROM a, b WHERE …: the WHERE is the join's condition (it finds the keys and time bounds there).
  const commaJoin = from.kind === 'join' && from.type === 'comma';
  const base =
    from.kind === 'tvf'
      ? analyzeNamed(env, from.table, from.alias)
      : analyzeFrom(env, from, commaJoin ? stmt.where : null);
  if (!base) return null;
  if (base.topN && from.kind === 'tvf') {
    problems.push(unboundedTopN(base.topN));
    return null;
  }
  const before = problems.length;
  const scope: InputScope = tvfRows
    ? {
        stream: { ...base.stream, schema: [...base.stream.schema, ...TVF_COLUMNS] },
        qualifiers: [...base.qualifiers, ...TVF_COLUMNS.map(() => base.qualifiers[0] ?? [])],
        time: base.time,
      }
    : { stream: base.stream, qualifiers: base.qualifiers, time: base.time, hidden: base.hidden ?? new Set() };
  const ctx = new QueryContext(sql, scope, windowed, problems);
  let win: ResolvedWindow | null = null;
  if (from.kind === 'tvf') win = windowFromTvf(ctx, from);
  else if (stmt.window) win = windowFromClause(ctx, stmt.window);
  if (tvfRows && win?.spec.kind === 'session')
    ctx.binder.report(
      'a SESSION window TVF is only read aggregated here: GROUP BY window_start, window_end (sessions are known only when they close)',
      from.span,
    );

  let where: Expr | null = null;
  const whereScope = ctx.rowScope('WHERE', 'aggregate functions are not allowed in WHERE (use HAVING)');
  // Reading a ranking: its bound comes out of this WHERE, the rest stays a filter.
  let baseRel = base.rel;
  if (base.topN && !commaJoin) {
    const f = topNFilter(ctx, stmt.where, base.topN, whereScope);
    if (f) {
      baseRel = boundTopN(base.rel, f.limit);
      where = f.rest;
    }
  } else if (stmt.where && !commaJoin) {
    where = ctx.binder.bind(stmt.where, whereScope);
    if (where && where.type !== 'BOOLEAN' && where.type !== 'NULL') {
      ctx.binder.report(`WHERE expects a BOOLEAN condition, got ${where.type}`, stmt.where.span);
    }
    if (base.rowNumber !== undefined) baseRel = firstRowDedup(base.rel, base.rowNumber, where);
  }
  const grouped = stmt.groupBy.length > 0 || windowed || itemHasAgg;
  if (
    base.updating &&
    (grouped || stmt.distinct || stmt.items.some((i) => i.kind === 'expr' && hasOver(i.expr)))
  ) {
    ctx.binder.report(
      'this input is an updating changelog (an outer regular join or a Top-N): aggregating, DISTINCT or OVER over it is not supported yet',
      from.span,
    );
  }

  let overs: LogicalOverGroup[] = [];
  let topN: ReturnType<OverCollector['finish']>['topN'] = null;
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
    const overCollector = new OverCollector(ctx, inputWindow(base, tvfRows));
    const overScope = overCollector.scope();
    for (const item of stmt.items) {
      if (item.kind === 'star') {
        if (item.qualifier && !ctx.qualifiers.has(item.qualifier.name)) {
          ctx.binder.report(
            `unknown table \`${item.qualifier.name}\`${didYouMean(item.qualifier.name, ctx.qualifiers)}`,
            item.qualifier.span,
          );
          continue;
        }
        scope.stream.schema.forEach((f, index) => {
          if (item.qualifier && !scope.qualifiers[index]!.includes(item.qualifier.name)) return;
          if (!item.qualifier && scope.hidden?.has(index)) return;
          exprs.push({ kind: 'column', index, name: f.name, type: f.type });
          names.push(f.name);
        });
        continue;
      }
      const x = ctx.binder.bind(item.expr, overScope);
      if (x) exprs.push(x);
      names.push(item.alias?.name ?? nameOf(ctx, item.expr));
    }
    const done = overCollector.finish(scope.stream.schema.length);
    overs = done.groups;
    topN = done.topN;
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
  // A stream read directly takes its event time from the window when it declares none.
  const time = base.time ?? win?.timeColumn ?? null;
  const input: LogicalRel = withTime(baseRel, time);
  const rowsInput: LogicalRel =
    tvfRows && win ? { kind: 'windowTvf', input, window: win.spec, timeColumn: win.timeColumn } : input;
  const rel: LogicalRel = {
    kind: 'block',
    input: rowsInput,
    time,
    delay: base.stream.watermarkDelay,
    where,
    overs,
    topN: topN?.plan ?? null,
    aggregate,
    having,
    project: { kind: 'project', exprs, names },
    distinct: stmt.distinct,
    limit,
  };
  const out = blockOutput(rel, exprs, names, time, tvfRows, base, aggregate);
  const lone = overs.length === 1 && overs[0]!.functions.length === 1 ? overs[0]!.functions[0]! : null;
  if (!topN && lone?.kind === 'rowNumber') {
    const at = exprs.findIndex((e) => e.kind === 'column' && e.index === scope.stream.schema.length);
    return at < 0 ? out : { ...out, rowNumber: at };
  }
  if (!topN) return out;
  const width = scope.stream.schema.length;
  const column = exprs.findIndex((e) => e.kind === 'column' && e.index === width);
  if (column < 0) {
    ctx.binder.report(
      'select this ROW_NUMBER() as a column (… AS rownum) so that the query reading it can keep `rownum <= N`',
      topN.span,
    );
    return null;
  }
  return { ...out, topN: { column, span: topN.span } };
}

/** The window columns a block's rows carry (row space), where a window Top-N may rank them. */
function inputWindow(base: AnalyzedRel, tvfRows: boolean): InputWindow | null {
  const n = base.stream.schema.length;
  if (tvfRows) return { start: n, end: n + 1, final: false };
  return base.window && { start: base.window.start, end: base.window.end, final: base.window.final ?? false };
}

const hasOver = (e: Parameters<typeof walk>[0]): boolean => {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && x.over) found = true;
  });
  return found;
};

/** A source whose stream declares no event time gets the one its window names. */
function withTime(rel: LogicalRel, time: number | null): LogicalRel {
  return rel.kind === 'source' && rel.timeColumn === null && time !== null
    ? { ...rel, timeColumn: time }
    : rel;
}

/** What a block gives the query around it: its columns, and the time attribute and window columns it keeps. */
function blockOutput(
  rel: Extract<LogicalRel, { kind: 'block' }>,
  exprs: readonly Expr[],
  names: readonly string[],
  time: number | null,
  tvfRows: boolean,
  base: AnalyzedRel,
  aggregate: LogicalAggregate | null,
): AnalyzedRel {
  const schema: Field[] = exprs.map((e, i) => ({ name: names[i]!, type: e.type, nullable: true }));
  const at = (index: number | null): number | null => {
    if (index === null) return null;
    const k = exprs.findIndex((e) => e.kind === 'column' && e.index === index);
    return k < 0 ? null : k;
  };
  const inputWidth = base.stream.schema.length;
  let window: AnalyzedRel['window'] = null;
  if (!aggregate) {
    const w =
      tvfRows && rel.input.kind === 'windowTvf'
        ? { spec: rel.input.window, start: inputWidth, end: inputWidth + 1 }
        : base.window;
    const start = at(w?.start ?? null);
    const end = at(w?.end ?? null);
    if (w && start !== null && end !== null)
      window = { spec: w.spec, start, end, final: 'final' in w && w.final === true };
  } else if (aggregate.window) {
    // Aggregate space: [...keys, window_start, window_end, ...aggregates].
    const k = aggregate.groupKeys.length;
    const start = at(k);
    const end = at(k + 1);
    if (start !== null && end !== null) window = { spec: aggregate.window, start, end, final: true };
  }
  const outTime = aggregate ? null : at(time);
  return {
    rel,
    stream: relationInfo('the subquery', schema, outTime, rel.delay),
    qualifiers: schema.map(() => []),
    time: outTime,
    window,
    updating:
      base.updating ||
      (rel.topN?.kind === 'topN' && !isFirstRowDedup(rel.topN)) ||
      (aggregate !== null &&
        (aggregate.window === null || aggregate.emit === 'changes' || aggregate.grace > 0)),
  };
}

function limitOf(ctx: QueryContext, stmt: SelectStmt): number | null {
  const l = stmt.limit;
  if (!l) return null;
  if (l.kind === 'number' && /^\d+$/.test(l.text) && Number.isSafeInteger(Number(l.text)))
    return Number(l.text);
  ctx.binder.report(`LIMIT expects a non-negative whole number, got \`${ctx.text(l)}\``, l.span);
  return null;
}
