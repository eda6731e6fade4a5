/** The window of a query: `WINDOW TUMBLING|HOPPING|SESSION (…)` or a window TVF in FROM. */
import type { Span } from '../core/diagnostic';
import type { FromClause, Ident, SqlExpr, WindowClause } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { INTERVAL_UNITS } from '../sql/interval';
import type { WindowSpec } from './physical-plan';
import type { QueryContext } from './query-context';

export interface ResolvedWindow {
  readonly spec: WindowSpec;
  /** Index into the stream schema of the window's time column. */
  readonly timeColumn: number;
  readonly grace: number;
  /** SESSION(TABLE t PARTITION BY k, …): extra group keys. */
  readonly partitionBy: readonly SqlExpr[];
  readonly span: Span;
}

/** An interval literal in ms, or an error. `allowZero` for GRACE PERIOD. */
function intervalMs(ctx: QueryContext, e: SqlExpr, what: string, allowZero = false): number | null {
  if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'interval')
    return ctx.binder.report(`${what} must be ${allowZero ? 'zero or more' : 'greater than zero'}`, e.span);
  if (e.kind !== 'interval') {
    return ctx.binder.report(`${what} must be an interval such as INTERVAL '5' SECOND or 5s`, e.span);
  }
  const ms = e.amount * INTERVAL_UNITS[e.unit];
  if (!allowZero && ms <= 0) return ctx.binder.report(`${what} must be greater than zero`, e.span);
  return ms;
}

/** The time column named by the window (or the stream's event-time column). */
function timeColumn(ctx: QueryContext, named: Ident | null, at: Span): number | null {
  const s = ctx.stream;
  if (named === null) {
    if (s.timeColumn === null) {
      return ctx.binder.report(
        `stream \`${s.name}\` has no event-time column: name one (e.g. TUMBLING (event_time, 5s)) or declare WATERMARK FOR it`,
        at,
      );
    }
    return ctx.timeIndex ?? ctx.columnIndex(s.timeColumn);
  }
  const i = ctx.columnIndex(named.name);
  if (i < 0) {
    return ctx.binder.report(
      `unknown column \`${named.name}\`${didYouMean(
        named.name,
        ctx.schema.map((f) => f.name),
      )}`,
      named.span,
    );
  }
  const type = ctx.schema[i]!.type;
  if (ctx.schema[i]!.proctime) {
    return ctx.binder.report(
      `\`${named.name}\` is a PROCTIME() column: windows here run on event time only (PROCTIME() is each row's arrival on the replay clock, a value, not a time attribute); window on a WATERMARK column`,
      named.span,
    );
  }
  if (type !== 'TIMESTAMP' && type !== 'BIGINT') {
    return ctx.binder.report(
      `the window's time column \`${named.name}\` must be a TIMESTAMP, not ${type}`,
      named.span,
    );
  }
  if (s.timeColumn !== null && s.timeColumn !== named.name) {
    return ctx.binder.report(
      `windows must use the event-time column \`${s.timeColumn}\` of \`${s.name}\` (its WATERMARK column), not \`${named.name}\``,
      named.span,
    );
  }
  return i;
}

/** Too many arguments: points at the first extra one; too few: at the last one given. */
function arity(ctx: QueryContext, args: readonly SqlExpr[], n: number, usage: string, span: Span): boolean {
  if (args.length === n) return true;
  const at =
    args.length > n
      ? { start: args[n]!.span.start, end: args[args.length - 1]!.span.end }
      : args.length > 0
        ? args[args.length - 1]!.span
        : span;
  ctx.binder.report(`${usage} takes ${n === 1 ? 'one interval' : `${n} intervals`}, got ${args.length}`, at);
  return false;
}

export function windowFromClause(ctx: QueryContext, w: WindowClause): ResolvedWindow | null {
  const time = timeColumn(ctx, w.timeColumn, w.keywordSpan);
  const grace = w.grace ? intervalMs(ctx, w.grace, 'GRACE PERIOD', true) : 0;
  let spec: WindowSpec | null = null;
  if (w.keyword === 'tumbling') {
    const size = arity(ctx, w.args, 1, 'TUMBLING ([col,] size)', w.span)
      ? intervalMs(ctx, w.args[0]!, 'the window size')
      : null;
    if (size !== null) spec = { kind: 'tumbling', size };
  } else if (w.keyword === 'session') {
    const gap = arity(ctx, w.args, 1, 'SESSION ([col,] gap)', w.span)
      ? intervalMs(ctx, w.args[0]!, 'the session gap')
      : null;
    if (gap !== null) spec = { kind: 'session', gap };
  } else if (arity(ctx, w.args, 2, `${w.keyword.toUpperCase()} ([col,] size, advance)`, w.span)) {
    const size = intervalMs(ctx, w.args[0]!, 'the window size');
    const advance = intervalMs(ctx, w.args[1]!, 'the window advance');
    if (size !== null && advance !== null) spec = hopping(ctx, size, advance, w.args[1]!.span);
  }
  if (time === null || grace === null || spec === null) return null;
  return { spec, timeColumn: time, grace, partitionBy: [], span: w.span };
}

function hopping(ctx: QueryContext, size: number, advance: number, at: Span): WindowSpec | null {
  if (advance > size) {
    return ctx.binder.report(
      `the window advance (${advance} ms) must not exceed the window size (${size} ms)`,
      at,
    );
  }
  return { kind: 'hopping', size, advance };
}

/** A row is added to each of its windows still open: past this many steps a run would crawl, so it is refused. */
const MAX_CUMULATE_STEPS = 10_000;

/** Flink requires whole steps: each window ends on a step boundary, the last one at start + size. */
function cumulate(ctx: QueryContext, size: number, step: number, at: Span): WindowSpec | null {
  if (size % step !== 0) {
    return ctx.binder.report(
      `the window size (${size} ms) must be a whole multiple of the cumulate step (${step} ms)`,
      at,
    );
  }
  if (size / step > MAX_CUMULATE_STEPS)
    return ctx.binder.report(
      `a CUMULATE of ${(size / step).toLocaleString('en-US')} steps is too many (at most ${MAX_CUMULATE_STEPS.toLocaleString('en-US')}): each row updates every window of its start that ends after it; take a larger step`,
      at,
    );
  return { kind: 'cumulate', size, step };
}

export function windowFromTvf(
  ctx: QueryContext,
  f: Extract<FromClause, { kind: 'tvf' }>,
): ResolvedWindow | null {
  const time = timeColumn(ctx, f.descriptor, f.descriptor.span);
  let spec: WindowSpec | null = null;
  const name = f.fn.toUpperCase();
  if (f.fn === 'tumble') {
    const size = arity(ctx, f.args, 1, 'TUMBLE(TABLE t, DESCRIPTOR(ts), size)', f.span)
      ? intervalMs(ctx, f.args[0]!, 'the window size')
      : null;
    if (size !== null) spec = { kind: 'tumbling', size };
  } else if (f.fn === 'session') {
    const gap = arity(ctx, f.args, 1, 'SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)', f.span)
      ? intervalMs(ctx, f.args[0]!, 'the session gap')
      : null;
    if (gap !== null) spec = { kind: 'session', gap };
  } else if (f.fn === 'cumulate') {
    if (arity(ctx, f.args, 2, 'CUMULATE(TABLE t, DESCRIPTOR(ts), step, size)', f.span)) {
      const step = intervalMs(ctx, f.args[0]!, 'the cumulate step');
      const size = intervalMs(ctx, f.args[1]!, 'the window size');
      if (size !== null && step !== null) spec = cumulate(ctx, size, step, f.args[1]!.span);
    }
  } else if (arity(ctx, f.args, 2, `${name}(TABLE t, DESCRIPTOR(ts), slide, size)`, f.span)) {
    // Flink's HOP takes the slide before the size.
    const advance = intervalMs(ctx, f.args[0]!, 'the hop slide');
    const size = intervalMs(ctx, f.args[1]!, 'the window size');
    if (size !== null && advance !== null) spec = hopping(ctx, size, advance, f.args[0]!.span);
  }
  if (time === null || spec === null) return null;
  return { spec, timeColumn: time, grace: 0, partitionBy: f.partitionBy, span: f.span };
}
