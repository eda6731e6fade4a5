/**
 * Aggregating queries (GROUP BY, WINDOW, or aggregates in the select list).
 * The select list and HAVING are bound in the aggregate space: every sub-tree
 * that equals a GROUP BY key becomes a reference to that key, every aggregate
 * call a reference to its accumulator; any other column is an error.
 */
import type { SelectStmt, SqlExpr } from '../sql/ast';
import { findFunction } from '../sql/functions';
import type { BindScope } from './binder';
import { typeAggregate } from './binder-functions';
import { sameExpr } from './expr-rewrite';
import type { LogicalAggregate } from './logical-plan';
import type { AggCall, Expr } from './physical-plan';
import { containsAggregate, nameOf, uniqueNames, type QueryContext } from './query-context';
import type { ResolvedWindow } from './analyzer-window';

export const isAggregateName = (name: string): boolean => findFunction(name)?.kind === 'aggregate';

export interface AggregateAnalysis {
  readonly aggregate: LogicalAggregate;
  readonly having: Expr | null;
  readonly exprs: readonly Expr[];
  readonly names: readonly string[];
}

export function analyzeAggregate(
  ctx: QueryContext,
  stmt: SelectStmt,
  win: ResolvedWindow | null,
): AggregateAnalysis | null {
  const b = ctx.binder;
  const before = ctx.problems.length;
  const keyScope = ctx.rowScope('GROUP BY', 'aggregate functions are not allowed in GROUP BY');
  const keys: Expr[] = [];
  const keyNames: string[] = [];
  const addKey = (e: SqlExpr): void => {
    // In a windowed query, GROUP BY window_start / window_end only restate the window.
    if (e.kind === 'column' && win && ctx.windowColumn(e)) return;
    const k = b.bind(e, keyScope);
    if (k && !keys.some((x) => sameExpr(x, k))) {
      keys.push(k);
      keyNames.push(nameOf(ctx, e));
    }
  };
  stmt.groupBy.forEach(addKey);
  win?.partitionBy.forEach(addKey);

  const winCols = win ? 2 : 0;
  const aggregates: AggCall[] = [];
  const aggNames: string[] = [];
  const argScope = ctx.rowScope(
    'an aggregate',
    'aggregate function calls cannot be nested',
    'OVER windows are not allowed inside an aggregate',
  );
  const probeScope = ctx.rowScope('the select list', 'aggregate');

  const scope: BindScope = {
    aggregateMessage: 'unreachable',
    overMessage: 'OVER windows cannot be combined with GROUP BY, WINDOW or aggregates in one query',
    intercept(e, binder) {
      if (e.kind === 'call' && !e.over && isAggregateName(e.name.name)) {
        const info = findFunction(e.name.name)!;
        const arg = e.star || e.args.length !== 1 ? null : binder.bind(e.args[0]!, argScope);
        if (!e.star && e.args.length === 1 && !arg) return null;
        const call = typeAggregate(binder, info, e, arg);
        if (!call) return null;
        let i = aggregates.findIndex((a) => JSON.stringify(a) === JSON.stringify(call));
        if (i < 0) {
          i = aggregates.push(call) - 1;
          aggNames.push(nameOf(ctx, e));
        }
        return { kind: 'column', index: keys.length + winCols + i, name: aggNames[i]!, type: call.type };
      }
      if (e.kind === 'column' && win) {
        const w = ctx.windowColumn(e);
        if (w) {
          if (!ctx.checkQualifier(e)) return null;
          return {
            kind: 'column',
            index: keys.length + (w === 'window_start' ? 0 : 1),
            name: w,
            type: 'TIMESTAMP',
          };
        }
      }
      if (
        keys.length > 0 &&
        !containsAggregate(e, isAggregateName) &&
        e.kind !== 'number' &&
        e.kind !== 'string'
      ) {
        const probe = binder.tryBind(e, probeScope);
        const i = probe ? keys.findIndex((k) => sameExpr(k, probe)) : -1;
        if (i >= 0) return { kind: 'column', index: i, name: keyNames[i]!, type: keys[i]!.type };
      }
      return undefined;
    },
    column(e, binder) {
      const plain = binder.tryBind(e, probeScope);
      if (!plain) return ctx.resolveColumn(e, 'the select list');
      const hint = win ? '' : ' (or add it to GROUP BY)';
      return binder.report(
        `column \`${e.name.name}\` must appear in GROUP BY or inside an aggregate function${hint}`,
        e.span,
      );
    },
  };

  const exprs: Expr[] = [];
  const names: string[] = [];
  for (const item of stmt.items) {
    if (item.kind === 'star') {
      b.report('SELECT * cannot be used with GROUP BY, WINDOW or aggregates: list the columns', item.span);
      continue;
    }
    const x = b.bind(item.expr, scope);
    if (x) exprs.push(x);
    names.push(item.alias?.name ?? nameOf(ctx, item.expr));
  }
  let having: Expr | null = null;
  if (stmt.having) {
    having = b.bind(stmt.having, scope);
    if (having && having.type !== 'BOOLEAN' && having.type !== 'NULL') {
      b.report(`HAVING expects a BOOLEAN condition, got ${having.type}`, stmt.having.span);
    }
  }
  if (ctx.problems.length > before) return null;
  const emit = stmt.emit?.mode ?? (win ? 'final' : 'changes');
  const aggregate: LogicalAggregate = {
    kind: 'aggregate',
    window: win?.spec ?? null,
    grace: win?.grace ?? 0,
    groupKeys: keys,
    keyNames: uniqueNames(keyNames),
    aggregates,
    aggNames: uniqueNames(aggNames),
    emit,
  };
  return { aggregate, having, exprs, names: uniqueNames(names) };
}
