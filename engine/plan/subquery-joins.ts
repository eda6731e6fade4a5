/**
 * WHERE's `IN` / `EXISTS` subqueries as joins, as Flink plans them: each
 * top-level conjunct `a [NOT] IN (SELECT b FROM r WHERE c)` or
 * `[NOT] EXISTS (SELECT … FROM r WHERE c)` turns FROM into a SEMI (ANTI)
 * join of FROM with r — left rows that have (have no) match — and leaves the
 * rest of WHERE a filter. The subquery's WHERE, correlated or not, becomes the
 * join's condition; the join analysis then finds its keys and windows. A
 * subquery must be a plain `SELECT … FROM … [WHERE …]`; anything more is
 * reported where it is written.
 */
import type { Span } from '../core/diagnostic';
import type { FromClause, SelectStmt, SqlExpr } from '../sql/ast';
import type { AnalyzedRel, QueryEnv } from './analyzer-from';
import { comparable } from './analyzer-types';
import type { Expr } from './physical-plan';
import type { Problem } from './problems';
import { QueryContext } from './query-context';
import { andAll, splitAnd } from './where-conjuncts';

type Test = Extract<SqlExpr, { kind: 'subqueryTest' }>;

/** The test a conjunct is, `NOT` folded in; null if it is none. */
function testOf(e: SqlExpr): { test: Test; anti: boolean } | null {
  if (e.kind === 'subqueryTest') return { test: e, anti: e.negated };
  if (e.kind === 'unary' && e.op === 'NOT' && e.arg.kind === 'subqueryTest')
    return { test: e.arg, anti: !e.arg.negated };
  return null;
}

/** The FROMs of WHERE's subquery tests (for the editor's scope: valid or not). */
export function subqueryFroms(stmt: SelectStmt): FromClause[] {
  return (stmt.where ? splitAnd(stmt.where) : []).flatMap((c) => testOf(c)?.test.query.from ?? []);
}

/**
 * The statement with its WHERE's subquery tests moved into FROM as joins; the
 * statement itself when it has none; null (problems reported) when a
 * subquery is more than a SEMI / ANTI join can read.
 */
export function withSubqueryJoins(stmt: SelectStmt, problems: Problem[]): SelectStmt | null {
  if (!stmt.where || !stmt.from) return stmt;
  const conjuncts = splitAnd(stmt.where);
  if (!conjuncts.some((c) => testOf(c) !== null)) return stmt;
  let from: FromClause = stmt.from;
  const rest: SqlExpr[] = [];
  for (const c of conjuncts) {
    const t = testOf(c);
    if (t === null) {
      rest.push(c);
      continue;
    }
    const q = t.test.query;
    const problem = plainSelect(t.test, t.anti);
    if (problem) {
      problems.push(problem);
      return null;
    }
    const item = q.items[0];
    from = {
      kind: 'join',
      type: 'inner',
      left: from,
      right: q.from!,
      on: null,
      using: null,
      keywordSpan: t.test.keywordSpan,
      span: { start: from.span.start, end: c.span.end },
      subquery: {
        anti: t.anti,
        arg: t.test.arg,
        item: t.test.arg !== null && item?.kind === 'expr' ? item.expr : null,
        where: q.where,
        span: c.span,
      },
    };
  }
  return { ...stmt, from, where: andAll(rest) };
}

/** Why the subquery is not `SELECT x FROM r [WHERE …]` (EXISTS: any SELECT list), or null. */
function plainSelect(t: Test, anti: boolean): Problem | null {
  const q = t.query;
  const what = t.arg ? 'an IN subquery' : 'an EXISTS subquery';
  const at = (clause: string, span: Span): Problem => ({
    message: `${what} is read as a ${anti ? 'ANTI' : 'SEMI'} join, which takes \`SELECT … FROM … [WHERE …]\` only: ${clause} is not supported there`,
    span,
  });
  if (q.with.length) return at('WITH', q.with[0]!.name.span);
  if (q.groupBy.length) return at('GROUP BY', q.groupBy[0]!.span);
  if (q.window) return at('a WINDOW clause', q.window.keywordSpan);
  if (q.having) return at('HAVING', q.having.span);
  if (q.limit) return at('LIMIT', q.limit.span);
  if (q.emit) return at('EMIT', q.emit.span);
  if (q.unionAll.length) return at('UNION ALL', q.unionAll[0]!.span);
  if (!q.from) return { message: `${what} needs a FROM`, span: q.span };
  if (t.arg && (q.items.length !== 1 || q.items[0]!.kind !== 'expr'))
    return {
      message: `an IN subquery selects exactly one column to compare with \`IN\`'s left side`,
      span: q.items[1]?.span ?? q.items[0]?.span ?? q.span,
    };
  return null;
}

/**
 * IN's `arg = item` as a join condition over [...left, ...right]: `arg` in the
 * query's own scope (the left side only), `item` in the subquery's (`inner`).
 */
export function inEquality(
  env: QueryEnv,
  inner: QueryContext,
  L: AnalyzedRel,
  argAst: SqlExpr,
  itemAst: SqlExpr,
  span: Span,
): { expr: Extract<Expr, { kind: 'binary' }>; span: Span } | null {
  const outer = new QueryContext(
    env.sql,
    { stream: L.stream, qualifiers: L.qualifiers, time: L.time },
    false,
    env.problems,
  );
  const arg = outer.binder.bind(argAst, outer.rowScope('IN', 'aggregate functions are not allowed in IN'));
  const item = inner.binder.bind(
    itemAst,
    inner.rowScope('an IN subquery', 'aggregate functions are not allowed in an IN subquery'),
  );
  if (!arg || !item) return null;
  if (!comparable(arg.type, item.type)) {
    env.problems.push({
      message: `cannot compare ${arg.type} with ${item.type} in IN (SELECT …)`,
      span: itemAst.span,
    });
    return null;
  }
  return { expr: { kind: 'binary', op: '=', left: arg, right: item, type: 'BOOLEAN' }, span };
}
