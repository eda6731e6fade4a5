/**
 * Top-N (Flink): `ROW_NUMBER() OVER ([PARTITION BY …] ORDER BY c [DESC] …) AS rownum` in a
 * subquery or WITH step, and `WHERE rownum <= N` (or `< N`, `= 1`) in the query that reads it.
 * Partitioned by the window of a windowed relation it is a window Top-N (one emission per window),
 * otherwise a regular Top-N (an updating changelog); `rownum = 1` ordered by the time column is
 * the deduplication. The inner block plans the ranking with no bound yet; the outer block finds
 * the bound in its WHERE and sets it.
 */
import type { Span } from '../core/diagnostic';
import type { OverClause, SqlExpr } from '../sql/ast';
import type { Binder, BindScope } from './binder';
import { columnsOf } from './expr-rewrite';
import type { LogicalBlock, LogicalRel, LogicalTopN, LogicalWindowTopN } from './logical-plan';
import type { Expr } from './physical-plan';
import type { QueryContext } from './query-context';

/** The window columns of a block's input (row space), and whether its rows come out as windows complete. */
export interface InputWindow {
  readonly start: number;
  readonly end: number;
  readonly final: boolean;
}

/** A Top-N planned by a block and waiting for the query around it to bound it. */
export interface PendingTopN {
  /** Output column of the block holding the row number. */
  readonly column: number;
  /** The ROW_NUMBER() call, where problems about it are reported. */
  readonly span: Span;
}

/**
 * The ranking of one ROW_NUMBER() call (limit still null), or null with the problem reported: a
 * window Top-N when it partitions by the input's window, else a regular (updating) Top-N.
 */
export function topNOf(
  ctx: QueryContext,
  b: Binder,
  over: OverClause,
  partitionBy: readonly Expr[],
  window: InputWindow | null,
): LogicalWindowTopN | LogicalTopN | null {
  const isCol = (e: Expr, i: number): boolean => e.kind === 'column' && e.index === i;
  const byStart = window !== null && partitionBy.some((p) => isCol(p, window.start));
  const byEnd = window !== null && partitionBy.some((p) => isCol(p, window.end));
  if (byStart !== byEnd)
    return b.report(
      'a window Top-N partitions by the window: PARTITION BY window_start, window_end (then any other keys)',
      over.span,
    );
  const what = byStart ? 'a window Top-N' : 'a Top-N';
  if (over.orderBy.length === 0) return b.report(`${what} needs ORDER BY (what ranks first)`, over.span);
  if (over.frame) return b.report(`${what} takes no ROWS frame`, over.span);
  const scope: BindScope = ctx.rowScope('ORDER BY', 'aggregate functions are not allowed in ORDER BY here');
  const orderBy: { column: number; desc: boolean }[] = [];
  for (const o of over.orderBy) {
    const x = b.bind(o.expr, scope);
    if (!x) return null;
    if (x.kind !== 'column')
      return b.report(
        `${what} orders by columns: compute \`${ctx.text(o.expr)}\` in the query below it`,
        o.expr.span,
      );
    orderBy.push({ column: x.index, desc: o.desc });
  }
  const byTime = orderBy.length === 1 && orderBy[0]!.column === ctx.timeIndex;
  if (!byStart || window === null) return { kind: 'topN', partitionBy, orderBy, limit: null, byTime };
  return {
    kind: 'windowTopN',
    windowStart: window.start,
    windowEnd: window.end,
    partitionBy: partitionBy.filter((p) => !isCol(p, window.start) && !isCol(p, window.end)),
    orderBy,
    limit: null,
    lateRows: !window.final,
    byTime,
  };
}

/** Whether a PARTITION BY names both window columns of the input (a window Top-N or deduplication). */
export function partitionsByWindow(partitionBy: readonly Expr[], window: InputWindow | null): boolean {
  const has = (i: number): boolean => partitionBy.some((p) => p.kind === 'column' && p.index === i);
  return window !== null && has(window.start) && has(window.end);
}

export const UNBOUNDED =
  'a Top-N is kept by `rownum <= N`, `rownum < N` or `rownum = N` in the WHERE of the query reading it (ANDed with any other conditions)';

/** The problem of a ranking read where no `WHERE rownum …` can bound it (the whole query, a UNION branch, a TVF). */
export function unboundedTopN(pending: PendingTopN): { message: string; span: Span } {
  return { message: `this ROW_NUMBER() is unbounded: ${UNBOUNDED}`, span: pending.span };
}

/** Splits `a AND b AND …` into its parts. */
function conjuncts(e: SqlExpr): SqlExpr[] {
  return e.kind === 'binary' && e.op === 'AND' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

const FLIP: Record<string, string> = { '<=': '>=', '<': '>', '=': '=', '>=': '<=', '>': '<' };

/** N of one bound `rownum op literal` (either way round), or null when it is not such a bound. */
export function boundOf(x: Expr, column: number): number | null {
  if (x.kind !== 'binary') return null;
  let op: string = x.op;
  let [col, lit] = [x.left, x.right];
  if (lit.kind === 'column') {
    [col, lit] = [lit, col];
    op = FLIP[op] ?? op;
  }
  if (col.kind !== 'column' || col.index !== column || lit.kind !== 'literal') return null;
  const v = lit.value;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return null;
  if (op === '<=') return v;
  if (op === '<') return v - 1;
  // `rownum = N`: Flink's Top-Nth, the top N of which the query keeps row N (a filter stays).
  if (op === '=') return v;
  return null;
}

/**
 * The outer block's WHERE over a pending Top-N: the bound N, and the rest of the condition
 * (bound), or null with the problem reported.
 */
export function topNFilter(
  ctx: QueryContext,
  where: SqlExpr | null,
  pending: PendingTopN,
  scope: BindScope,
): { limit: number; rest: Expr | null } | null {
  const b = ctx.binder;
  if (where === null) {
    const p = unboundedTopN(pending);
    return b.report(p.message, p.span);
  }
  let limit: number | null = null;
  let rest: Expr | null = null;
  for (const c of conjuncts(where)) {
    const x = b.bind(c, scope);
    if (!x) return null;
    if (!columnsOf(x).has(pending.column)) {
      rest = rest === null ? x : { kind: 'binary', op: 'AND', left: rest, right: x, type: 'BOOLEAN' };
      continue;
    }
    const n = boundOf(x, pending.column);
    if (n === null) return b.report(`${UNBOUNDED}, not \`${ctx.text(c)}\``, c.span);
    if (n < 1) return b.report(`this keeps no row: N must be at least 1 in \`${ctx.text(c)}\``, c.span);
    limit = limit === null ? n : Math.min(limit, n);
    if (n > 1 && x.kind === 'binary' && x.op === '=')
      rest = rest === null ? x : { kind: 'binary', op: 'AND', left: rest, right: x, type: 'BOOLEAN' };
  }
  if (limit === null) return b.report(`this ROW_NUMBER() is unbounded: ${UNBOUNDED}`, pending.span);
  return { limit, rest };
}

/** The relation with its Top-N bounded by `limit` (a new block: a WITH step read twice may be bounded twice). */
export function boundTopN(rel: LogicalRel, limit: number): LogicalRel {
  if (rel.kind !== 'block' || rel.topN === null) throw new Error('no Top-N to bound');
  return { ...rel, topN: { ...rel.topN, limit } };
}

/** Whether a Top-N is the deduplication keeping the first row: `rn = 1` ordered by the time column ascending. */
export function isFirstRowDedup(t: LogicalBlock['topN']): boolean {
  return t?.kind === 'topN' && t.limit === 1 && t.byTime && !t.orderBy[0]!.desc;
}

/** Splits a bound `a AND b AND …` into its parts. */
function boundConjuncts(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'AND'
    ? [...boundConjuncts(e.left), ...boundConjuncts(e.right)]
    : [e];
}

/**
 * A row window's lone ROW_NUMBER() by time (column `rowNumber` of `rel`) read under `rn = 1`:
 * the deduplication keeping the first row, planned as a Top-N of 1 (which emits a key's row as
 * the watermark reaches it, instead of holding it until the key's own watermark moves), or
 * `rel` as it is when the WHERE does not keep only row 1.
 */
export function firstRowDedup(rel: LogicalRel, rowNumber: number, where: Expr | null): LogicalRel {
  if (where === null || rel.kind !== 'block' || rel.time === null || rel.overs.length !== 1) return rel;
  if (!boundConjuncts(where).some((c) => boundOf(c, rowNumber) === 1)) return rel;
  const top: LogicalTopN = {
    kind: 'topN',
    partitionBy: rel.overs[0]!.partitionBy,
    orderBy: [{ column: rel.time, desc: false }],
    limit: 1,
    byTime: true,
  };
  return { ...rel, overs: [], topN: top };
}
