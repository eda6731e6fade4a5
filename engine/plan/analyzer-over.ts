/**
 * Row windows: `f(…) OVER (PARTITION BY … ORDER BY ts ROWS …)` in the select
 * list. Calls with the same PARTITION BY share one operator; each call becomes
 * a column of that operator's output (row space index W + position).
 */
import type { OverClause, SqlExpr } from '../sql/ast';
import { findFunction } from '../sql/functions';
import type { Binder, BindScope, CallAst } from './binder';
import { typeAggregate } from './binder-functions';
import { comparable } from './analyzer-types';
import { mapColumns, sameExpr } from './expr-rewrite';
import type { LogicalOverGroup, LogicalTopN, LogicalWindowTopN } from './logical-plan';
import { partitionsByWindow, topNOf, type InputWindow } from './analyzer-top-n';
import type { Span } from '../core/diagnostic';
import type { Expr, OverFunction } from './physical-plan';
import type { QueryContext } from './query-context';

/** No frame or UNBOUNDED PRECEDING: every earlier row (plans hold no Infinity, so the largest safe integer). */
export const UNBOUNDED_PRECEDING = Number.MAX_SAFE_INTEGER;

interface Group {
  partitionBy: Expr[];
  functions: OverFunction[];
}

export class OverCollector {
  private readonly groups: Group[] = [];
  /** Placeholder index (negative) → [group, function]. */
  private readonly slots: [number, number][] = [];
  /** A ROW_NUMBER() ranking (a Top-N): its placeholders are group −1. */
  private topN: { plan: LogicalWindowTopN | LogicalTopN; span: Span } | null = null;

  /** `window`: the input's window columns, if it carries a window (where a Top-N may rank). */
  constructor(
    private readonly ctx: QueryContext,
    private readonly window: InputWindow | null = null,
  ) {}

  get any(): boolean {
    return this.slots.length > 0;
  }

  /** The row scope of a plain SELECT, where OVER calls are allowed. */
  scope(): BindScope {
    const base = this.ctx.rowScope(
      'the select list',
      'aggregate functions need GROUP BY, a WINDOW or OVER here',
    );
    return {
      ...base,
      intercept: (e, binder) => (e.kind === 'call' && e.over ? this.call(e, e.over, binder) : undefined),
    };
  }

  private call(e: CallAst, over: OverClause, b: Binder): Expr | null | undefined {
    const ctx = this.ctx;
    // RANK / DENSE_RANK exist only as Flink's Top-N: say so by name rather than "unknown function".
    if (e.name.name === 'rank' || e.name.name === 'dense_rank')
      return b.report(
        `${e.name.name.toUpperCase()}() OVER (…) is a Top-N with ${e.name.name.toUpperCase()}, which is not supported (nor in Flink's streaming mode): ROW_NUMBER() ranks (a Top-N)`,
        e.span,
      );
    const info = findFunction(e.name.name);
    // Unknown and scalar functions under OVER: the binder reports them.
    if (!info || info.kind === 'scalar') return undefined;
    const argScope = ctx.rowScope(
      'OVER',
      'aggregate function calls cannot be nested',
      'OVER windows cannot be nested',
    );
    const partitionBy: Expr[] = [];
    for (const p of over.partitionBy) {
      const x = b.bind(
        p,
        ctx.rowScope('PARTITION BY', 'aggregate functions are not allowed in PARTITION BY'),
      );
      if (!x) return null;
      partitionBy.push(x);
    }
    // ROW_NUMBER() ordered by the time column ascending is a row window (first rows per key,
    // append-only); any other order, or a PARTITION BY the window, ranks: a Top-N.
    const ranking =
      e.name.name === 'row_number' &&
      (!this.orderedByTime(over) || over.orderBy[0]!.desc || partitionsByWindow(partitionBy, this.window));
    if (this.topN !== null || (ranking && this.slots.length > 0))
      return b.report(
        'a Top-N (a ranking ROW_NUMBER()) cannot share its SELECT with other OVER calls',
        e.span,
      );
    if (ranking) {
      const plan = topNOf(ctx, b, over, partitionBy, this.window);
      if (!plan) return null;
      if (e.args.length > 0 || e.star)
        return b.report(`function ROW_NUMBER expects 0 arguments, got ${e.args.length}`, e.span);
      this.topN = { plan, span: e.span };
      const slot = this.slots.push([-1, 0]) - 1;
      return { kind: 'column', index: -1 - slot, name: ctx.text(e).toLowerCase(), type: 'BIGINT' };
    }
    if (!this.checkOrder(over, b)) return null;
    let fn: OverFunction | null;
    if (info.kind === 'aggregate') {
      if (e.distinct) return b.report(`DISTINCT is not supported in ${info.name}(…) OVER`, e.span);
      const arg = e.star || e.args.length !== 1 ? null : b.bind(e.args[0]!, argScope);
      if (!e.star && e.args.length === 1 && !arg) return null;
      const call = typeAggregate(b, info, e, arg);
      fn = call && { kind: 'aggregate', call, preceding: over.frame?.preceding ?? UNBOUNDED_PRECEDING };
    } else fn = info.name === 'LAG' ? this.lag(e, argScope, b) : this.rowNumber(e, b);
    if (!fn) return null;
    let g = this.groups.findIndex(
      (x) =>
        x.partitionBy.length === partitionBy.length &&
        x.partitionBy.every((p, i) => sameExpr(p, partitionBy[i]!)),
    );
    if (g < 0) g = this.groups.push({ partitionBy, functions: [] }) - 1;
    const fns = this.groups[g]!.functions;
    let f = fns.findIndex((x) => JSON.stringify(x) === JSON.stringify(fn));
    if (f < 0) f = fns.push(fn) - 1;
    const slot = this.slots.push([g, f]) - 1;
    return { kind: 'column', index: -1 - slot, name: ctx.text(e).toLowerCase(), type: fnType(fn) };
  }

  /** ORDER BY the event-time column and nothing else: a row window (checkOrder wants it ascending), not a ranking. */
  private orderedByTime(over: OverClause): boolean {
    const time = this.ctx.stream.timeColumn;
    const o = over.orderBy;
    return o.length === 1 && o[0]!.expr.kind === 'column' && o[0]!.expr.name.name === time;
  }

  private checkOrder(over: OverClause, b: Binder): boolean {
    const time = this.ctx.stream.timeColumn;
    if (time === null) {
      b.report(
        `OVER needs an event-time column, and stream \`${this.ctx.stream.name}\` has none (declare WATERMARK FOR …)`,
        over.span,
      );
      return false;
    }
    const o = over.orderBy;
    if (o.length === 0) {
      b.report(`OVER needs ORDER BY \`${time}\` (the event-time column)`, over.span);
      return false;
    }
    const first = o[0]!;
    const isTime = (x: SqlExpr): boolean =>
      x.kind === 'column' && x.name.name === time && (!x.qualifier || this.ctx.checkQualifier(x));
    if (o.length > 1 || !isTime(first.expr)) {
      const bad = o.length > 1 && isTime(first.expr) ? o[1]!.expr : first.expr;
      b.report(
        `OVER must be ordered by the event-time column \`${time}\` only, not \`${this.ctx.text(bad)}\``,
        bad.span,
      );
      return false;
    }
    if (first.desc) {
      b.report(`OVER must be ordered by \`${time}\` ascending`, first.expr.span);
      return false;
    }
    return true;
  }

  private lag(e: CallAst, scope: BindScope, b: Binder): OverFunction | null {
    if (e.args.length < 1 || e.args.length > 3)
      return b.report(`function LAG expects 1 to 3 arguments, got ${e.args.length}`, e.span);
    const arg = b.bind(e.args[0]!, scope);
    let offset = 1;
    const off = e.args[1];
    if (off) {
      if (off.kind !== 'number' || !/^\d+$/.test(off.text))
        return b.report('the LAG offset must be a whole number literal', off.span);
      offset = Number(off.text);
    }
    const d = e.args[2];
    const defaultValue = d ? b.bind(d, scope) : null;
    if (!arg || (d && !defaultValue)) return null;
    if (d && defaultValue && !comparable(arg.type, defaultValue.type)) {
      return b.report(`the LAG default must be a ${arg.type}, got ${defaultValue.type}`, d.span);
    }
    return { kind: 'lag', arg, offset, defaultValue, type: arg.type === 'NULL' ? 'DOUBLE' : arg.type };
  }

  private rowNumber(e: CallAst, b: Binder): OverFunction | null {
    if (e.args.length > 0 || e.star)
      return b.report(`function ROW_NUMBER expects 0 arguments, got ${e.args.length}`, e.span);
    return { kind: 'rowNumber', type: 'BIGINT' };
  }

  /** The OVER groups in order, and a rewrite of placeholder references to row-space indices. */
  finish(width: number): {
    groups: LogicalOverGroup[];
    topN: { plan: LogicalWindowTopN | LogicalTopN; span: Span } | null;
    rewrite: (e: Expr) => Expr;
  } {
    const offsets: number[] = [];
    let at = width;
    for (const g of this.groups) {
      offsets.push(at);
      at += g.functions.length;
    }
    const rewrite = (e: Expr): Expr =>
      mapColumns(e, (i, c) => {
        if (i >= 0) return c;
        const [g, f] = this.slots[-1 - i]!;
        // The Top-N's row number is the one column after the input (it shares its SELECT with no group).
        return { ...c, index: g < 0 ? width : offsets[g]! + f };
      });
    return {
      groups: this.groups.map((g) => ({ kind: 'over', partitionBy: g.partitionBy, functions: g.functions })),
      topN: this.topN,
      rewrite,
    };
  }
}

function fnType(f: OverFunction): Expr['type'] {
  return f.kind === 'aggregate' ? f.call.type : f.type;
}
