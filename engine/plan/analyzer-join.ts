/**
 * A join's two sides and its condition → one of Flink's streaming joins
 * (dialect §8): equality keys, then what bounds its state — time bounds on
 * both time attributes (interval), equal windows (window), FOR SYSTEM_TIME AS
 * OF a versioned stream (temporal), or nothing (regular, a changelog). What
 * cannot work is reported where it is written.
 */
import type { Span } from '../core/diagnostic';
import type { Field } from '../core/types';
import type { FromClause, SqlExpr } from '../sql/ast';
import { analyzeFrom, analyzeNamed, relationInfo, type AnalyzedRel, type QueryEnv } from './analyzer-from';
import { columnsOf, mapColumns } from './expr-rewrite';
import type { Expr, JoinStrategy, JoinType, WindowSpec } from './physical-plan';
import { QueryContext } from './query-context';
import { inEquality } from './subquery-joins';
import { mergeUsing, type UsingPair } from './using-columns';
import { commaWhere, splitAnd } from './where-conjuncts';
import { nullableOf } from './nullability';

type JoinFrom = Extract<FromClause, { kind: 'join' }>;

const TYPE: Readonly<Record<JoinFrom['type'], JoinType>> = {
  inner: 'inner',
  comma: 'inner',
  cross: 'inner',
  left: 'left',
  right: 'right',
  full: 'full',
};

/** A bound conjunct of the condition, with the text it came from. */
interface Conjunct {
  readonly expr: Expr;
  readonly span: Span;
}

export function analyzeJoin(env: QueryEnv, j: JoinFrom, where: SqlExpr | null): AnalyzedRel | null {
  const asOf = j.right.kind === 'stream' ? j.right.asOf : null;
  const parts = j.type === 'comma' ? commaWhere(j.left, where) : { inner: null, outer: where };
  const L = analyzeFrom(env, j.left, parts.inner);
  const R =
    j.right.kind === 'stream' && asOf
      ? analyzeNamed(env, j.right.name, j.right.alias)
      : analyzeFrom(env, j.right);
  if (!L || !R) return null;
  const report = (message: string, span: Span): null => {
    env.problems.push({ message, span });
    return null;
  };
  const ranked = L.topN ?? R.topN;
  if (ranked)
    return report(
      'a window Top-N is bounded by `WHERE rownum <= N` in the query that reads it alone; join its result in a query around that one',
      ranked.span,
    );
  if (L.updating || R.updating)
    return report(
      'joining an updating result (a regular outer join, a GROUP BY or a Top-N) is not supported yet',
      j.keywordSpan,
    );
  const nl = L.stream.schema.length;
  const shared = L.qualifiers.flat().filter((q) => R.qualifiers.flat().includes(q));
  if (shared.length)
    return report(`\`${shared[0]}\` names both sides of the join: give one of them an alias`, j.right.span);
  const schema: Field[] = [...L.stream.schema, ...R.stream.schema];
  const ctx = new QueryContext(
    env.sql,
    {
      stream: relationInfo('the join', schema, null, 0),
      qualifiers: [...L.qualifiers, ...R.qualifiers],
      time: null,
    },
    false,
    env.problems,
  );
  const sub = j.subquery;
  const type: JoinType = sub ? (sub.anti ? 'anti' : 'semi') : TYPE[j.type];
  const before = env.problems.length;
  const conjuncts: Conjunct[] = [];
  const cond = j.on ?? parts.outer;
  // Inside a subquery an unqualified name is the subquery's own column first (SQL's scoping).
  const condCtx = sub ? new QueryContext(env.sql, { ...ctx.input, innerFrom: nl }, false, env.problems) : ctx;
  const whereOf = sub ? sub.where : cond;
  let nullAware = false;
  for (const c of whereOf ? splitAnd(whereOf) : []) {
    const e = condCtx.binder.bind(
      c,
      condCtx.rowScope('a join condition', 'aggregate functions are not allowed in a join condition'),
    );
    if (e && e.type !== 'BOOLEAN' && e.type !== 'NULL')
      condCtx.binder.report(`a join condition must be BOOLEAN, got ${e.type}`, c.span);
    else if (e) conjuncts.push({ expr: e, span: c.span });
  }
  const inKey = sub?.arg && sub.item ? inEquality(env, condCtx, L, sub.arg, sub.item, sub.span) : null;
  if (inKey) {
    conjuncts.push(inKey);
    nullAware = sub!.anti && (nullableOf(inKey.expr.left, schema) || nullableOf(inKey.expr.right, schema));
  }
  const usingPairs: UsingPair[] = [];
  for (const u of j.using ?? []) {
    const li = L.stream.schema.findIndex((f, i) => f.name === u.name && !L.hidden?.has(i));
    const ri = R.stream.schema.findIndex((f, i) => f.name === u.name && !R.hidden?.has(i));
    if (li < 0 || ri < 0) {
      report(
        `USING (${u.name}): \`${u.name}\` is not a column of the ${li < 0 ? 'left' : 'right'} side`,
        u.span,
      );
      continue;
    }
    const l = schema[li]!;
    const r = schema[nl + ri]!;
    usingPairs.push({ left: li, right: nl + ri });
    conjuncts.push({
      expr: {
        kind: 'binary',
        op: '=',
        left: { kind: 'column', index: li, name: l.name, type: l.type },
        right: { kind: 'column', index: nl + ri, name: r.name, type: r.type },
        type: 'BOOLEAN',
      },
      span: u.span,
    });
  }
  if (env.problems.length > before) return null;

  const sideOf = (e: Expr): 'left' | 'right' | 'both' | 'none' => {
    const cols = [...columnsOf(e)];
    if (cols.length === 0) return 'none';
    if (cols.every((c) => c < nl)) return 'left';
    if (cols.every((c) => c >= nl)) return 'right';
    return 'both';
  };
  const leftKeys: Expr[] = [];
  const rightKeys: Expr[] = [];
  const rest: Conjunct[] = [];
  let windowStart = false;
  let windowEnd = false;
  let lower = -Infinity;
  let upper = Infinity;
  const bounds: Conjunct[] = [];
  const lw = L.window;
  const rw = R.window === null ? null : { ...R.window, start: R.window.start + nl, end: R.window.end + nl };
  const lt = L.time;
  const rt = R.time === null ? null : R.time + nl;
  for (const c of conjuncts) {
    const e = c.expr;
    if (e.kind === 'binary' && e.op === '=') {
      const a = sideOf(e.left);
      const b = sideOf(e.right);
      const [l, r] =
        a === 'left' && b === 'right'
          ? [e.left, e.right]
          : a === 'right' && b === 'left'
            ? [e.right, e.left]
            : [null, null];
      if (l && r) {
        const isCol = (x: Expr, i: number | undefined): boolean => x.kind === 'column' && x.index === i;
        if (lw && rw && isCol(l, lw.start) && isCol(r, rw.start)) windowStart = true;
        else if (lw && rw && isCol(l, lw.end) && isCol(r, rw.end)) windowEnd = true;
        else if (!(lt !== null && rt !== null && isCol(l, lt) && isCol(r, rt) && !asOf)) {
          leftKeys.push(l);
          rightKeys.push(mapColumns(r, (i, col) => ({ ...col, index: i - nl })));
        } else {
          // l.time = r.time: an interval of zero width.
          lower = Math.max(lower, 0);
          upper = Math.min(upper, 0);
          bounds.push(c);
        }
        continue;
      }
    }
    const found = timeBounds(e, nl, lt, rt);
    if (found === 'not-time') {
      const tl = lt === null ? null : schema[lt]!.name;
      const tr = rt === null ? null : schema[rt]!.name;
      return report(
        tl && tr
          ? `time bounds of an interval join must compare the time attributes \`${ctx.candidates(tl)[0] ?? tl}\` and \`${ctx.candidates(tr).find((x) => !x.startsWith(`${L.qualifiers[0]?.[0]}.`)) ?? tr}\` (each side's WATERMARK column); this compares another TIMESTAMP column`
          : `time bounds of an interval join need an event-time attribute on both sides; the ${lt === null ? 'left' : 'right'} side has none (declare WATERMARK FOR …)`,
        c.span,
      );
    }
    if (found) {
      lower = Math.max(lower, found.lower);
      upper = Math.min(upper, found.upper);
      bounds.push(c);
      continue;
    }
    rest.push(c);
  }

  let strategy: JoinStrategy;
  let consumed = new Set<Conjunct>();
  if (asOf) {
    const s = temporal(env, ctx, j, L, R, asOf, nl, leftKeys, rightKeys, rest);
    if (!s) return null;
    strategy = s;
    rest.push(...bounds);
  } else if (windowStart || windowEnd) {
    if (!(windowStart && windowEnd))
      return report(
        `a window join needs both \`window_start\` and \`window_end\` equal on the two sides; this one has only \`${windowStart ? 'window_start' : 'window_end'}\``,
        j.keywordSpan,
      );
    if (JSON.stringify(lw!.spec) !== JSON.stringify(R.window!.spec))
      return report(
        `a window join needs the same window on both sides: the left is ${windowText(lw!.spec)}, the right ${windowText(R.window!.spec)}`,
        j.keywordSpan,
      );
    strategy = {
      kind: 'window',
      leftStart: lw!.start,
      leftEnd: lw!.end,
      rightStart: R.window!.start,
      rightEnd: R.window!.end,
    };
    rest.push(...bounds);
  } else if (Number.isFinite(lower) && Number.isFinite(upper)) {
    if (lower > upper)
      return report(
        `these time bounds leave no room: ${ms(lower)} ≤ left time − right time ≤ ${ms(upper)}`,
        bounds[bounds.length - 1]!.span,
      );
    strategy = { kind: 'interval', leftTime: lt!, rightTime: R.time!, lower, upper };
    consumed = new Set(bounds);
  } else {
    strategy = { kind: 'regular' };
    rest.push(...bounds);
  }
  if (sub && strategy.kind !== 'window')
    return report(
      `${sub.arg ? 'IN' : 'EXISTS'} (SELECT …) runs here as a window ${sub.anti ? 'ANTI' : 'SEMI'} join: read both sides through the same window TVF and equate window_start and window_end in the subquery's WHERE (this one would be ${strategy.kind === 'interval' ? 'an interval' : `a ${strategy.kind}`} join)`,
      j.keywordSpan,
    );
  if (leftKeys.length === 0 && strategy.kind !== 'window')
    return report(
      j.type === 'cross' || (j.type === 'comma' && !where)
        ? 'a join of two streams needs an equality key (ON a.k = b.k): without one, every row meets every row of the other stream, forever'
        : 'this join has no equality key between its two sides (a.k = b.k): every row would meet every row of the other stream',
      cond?.span ?? j.keywordSpan,
    );
  const residual = rest.filter((c) => !consumed.has(c)).map((c) => c.expr);
  if (nullAware && residual.length)
    return report(
      'NOT IN over a column that may be NULL is three-valued (a NULL on either side makes it unknown), and that is supported here only with no condition in the subquery beyond its key and window: write NOT EXISTS (SELECT … WHERE l.k = r.k AND …), which has no NULL case',
      sub!.span,
    );
  const condition = residual.reduce<Expr | null>(
    (acc, e) => (acc === null ? e : { kind: 'binary', op: 'AND', left: acc, right: e, type: 'BOOLEAN' }),
    null,
  );
  const padLeft = type === 'right' || type === 'full';
  const padRight = type === 'left' || type === 'full';
  // SEMI / ANTI give the left rows only.
  const out: Field[] = sub
    ? [...L.stream.schema]
    : [
        ...L.stream.schema.map((f) => (padLeft ? { ...f, nullable: true } : f)),
        ...R.stream.schema.map((f) => (padRight ? { ...f, nullable: true } : f)),
      ];
  const time =
    strategy.kind === 'interval' || strategy.kind === 'temporal'
      ? lt
      : strategy.kind === 'window'
        ? lw!.end
        : null;
  const joined: AnalyzedRel = {
    rel: {
      kind: 'join',
      left: L.rel,
      right: R.rel,
      type,
      strategy,
      leftKeys,
      rightKeys,
      condition,
      ...(nullAware ? { nullAware: true } : {}),
    },
    stream: relationInfo('the join', out, time, Math.max(L.stream.watermarkDelay, R.stream.watermarkDelay)),
    qualifiers: sub ? L.qualifiers : [...L.qualifiers, ...R.qualifiers],
    time,
    window: strategy.kind === 'window' && lw ? { ...lw, final: true } : null,
    updating: strategy.kind === 'regular' && type !== 'inner',
    hidden: new Set([...(L.hidden ?? []), ...(sub ? [] : [...(R.hidden ?? [])].map((h) => h + nl))]),
  };
  return usingPairs.length ? mergeUsing(joined, usingPairs, type) : joined;
}

/** `FOR SYSTEM_TIME AS OF l.time` on a versioned stream: its primary key must be the join key. */
function temporal(
  env: QueryEnv,
  ctx: QueryContext,
  j: JoinFrom,
  L: AnalyzedRel,
  R: AnalyzedRel,
  asOf: SqlExpr,
  nl: number,
  leftKeys: Expr[],
  rightKeys: Expr[],
  rest: Conjunct[],
): JoinStrategy | null {
  const report = (message: string, span: Span): null => {
    env.problems.push({ message, span });
    return null;
  };
  if (j.type !== 'inner' && j.type !== 'left')
    return report('a temporal join (FOR SYSTEM_TIME AS OF) is INNER or LEFT only', j.keywordSpan);
  const at = ctx.binder.bind(
    asOf,
    ctx.rowScope('FOR SYSTEM_TIME AS OF', 'aggregate functions are not allowed here'),
  );
  if (!at) return null;
  if (at.kind !== 'column' || at.index !== L.time)
    return report(
      L.time === null
        ? "FOR SYSTEM_TIME AS OF needs the left side's event-time attribute, and it has none (declare WATERMARK FOR …)"
        : `FOR SYSTEM_TIME AS OF must name the left side's event-time attribute \`${L.stream.schema[L.time]!.name}\` (processing-time temporal joins are not supported)`,
      asOf.span,
    );
  const pk = R.stream.primaryKey;
  if (!pk)
    return report(
      `\`${R.stream.name}\` is not versioned: declare PRIMARY KEY (…) NOT ENFORCED in its CREATE TABLE to join FOR SYSTEM_TIME AS OF it`,
      j.right.span,
    );
  if (R.time === null)
    return report(
      `the versioned stream \`${R.stream.name}\` needs an event-time column (WATERMARK FOR …): versions are valid from their time`,
      j.right.span,
    );
  // Only equalities on the key version the stream; the others filter the matched version.
  const keep: number[] = [];
  rightKeys.forEach((r, k) => {
    if (r.kind === 'column' && pk.includes(R.stream.schema[r.index]!.name)) keep.push(k);
    else
      rest.push({
        expr: {
          kind: 'binary',
          op: '=',
          left: leftKeys[k]!,
          right: mapColumns(r, (i, col) => ({ ...col, index: i + nl })),
          type: 'BOOLEAN',
        },
        span: j.span,
      });
  });
  const keyNames = keep.map(
    (k) => R.stream.schema[(rightKeys[k] as Extract<Expr, { kind: 'column' }>).index]!.name,
  );
  const missing = pk.filter((c) => !keyNames.includes(c));
  if (missing.length)
    return report(
      `a temporal join must equal the versioned stream's primary key: add ${missing.map((c) => `\`${R.qualifiers[0]?.[0] ?? R.stream.name}.${c}\` = …`).join(' and ')} to ON`,
      j.on?.span ?? j.keywordSpan,
    );
  const lk = keep.map((k) => leftKeys[k]!);
  const rk = keep.map((k) => rightKeys[k]!);
  leftKeys.splice(0, leftKeys.length, ...lk);
  rightKeys.splice(0, rightKeys.length, ...rk);
  return { kind: 'temporal', leftTime: L.time, rightTime: R.time };
}

/** `col`, `col ± n`, `n + col` → the column and its offset. */
function term(e: Expr): { col: number; off: number } | null {
  if (e.kind === 'column') return { col: e.index, off: 0 };
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
    const num = (x: Expr): number | null =>
      x.kind === 'literal' && typeof x.value === 'number' ? x.value : null;
    const r = num(e.right);
    if (e.left.kind === 'column' && r !== null) return { col: e.left.index, off: e.op === '+' ? r : -r };
    const l = num(e.left);
    if (e.op === '+' && l !== null && e.right.kind === 'column') return { col: e.right.index, off: l };
  }
  return null;
}

type Cmp = '<' | '<=' | '>' | '>=' | '=';
const FLIP: Readonly<Record<Cmp, Cmp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

/**
 * Bounds on d = left.time − right.time from one conjunct (inclusive, ms; strict ones moved by
 * 1 ms); 'not-time' if it compares TIMESTAMP columns of the two sides that are not both time
 * attributes; null if it is no time comparison at all.
 */
function timeBounds(
  e: Expr,
  nl: number,
  lt: number | null,
  rt: number | null,
): { lower: number; upper: number } | 'not-time' | null {
  const parts: [Expr, Cmp, Expr][] = [];
  if (e.kind === 'between' && !e.negated) parts.push([e.arg, '>=', e.low], [e.arg, '<=', e.high]);
  else if (e.kind === 'binary' && ['<', '<=', '>', '>=', '='].includes(e.op))
    parts.push([e.left, e.op as Cmp, e.right]);
  else return null;
  let lower = -Infinity;
  let upper = Infinity;
  for (const [a, op, b] of parts) {
    const x = term(a);
    const y = term(b);
    if (!x || !y) return null;
    const ts = (t: { col: number }, ex: Expr): boolean => ex.type === 'TIMESTAMP' && t.col >= 0;
    if (!ts(x, a) || !ts(y, b)) return null;
    const xl = x.col < nl;
    const yl = y.col < nl;
    if (xl === yl) return null;
    const [l, r, cmp] = xl ? [x, y, op] : [y, x, FLIP[op]];
    if (l.col !== lt || r.col !== rt) return 'not-time';
    // (lt + l.off) cmp (rt + r.off)  ⟺  d cmp r.off − l.off
    const k = r.off - l.off;
    if (cmp === '>=' || cmp === '=') lower = Math.max(lower, k);
    if (cmp === '>') lower = Math.max(lower, k + 1);
    if (cmp === '<=' || cmp === '=') upper = Math.min(upper, k);
    if (cmp === '<') upper = Math.min(upper, k - 1);
  }
  return { lower, upper };
}

const ms = (v: number): string => (Math.abs(v) >= 1000 && v % 1000 === 0 ? `${v / 1000} s` : `${v} ms`);

function windowText(w: WindowSpec): string {
  if (w.kind === 'tumbling') return `TUMBLE(${ms(w.size)})`;
  if (w.kind === 'hopping') return `HOP(slide ${ms(w.advance)}, size ${ms(w.size)})`;
  if (w.kind === 'cumulate') return `CUMULATE(step ${ms(w.step)}, size ${ms(w.size)})`;
  return `SESSION(gap ${ms(w.gap)})`;
}
