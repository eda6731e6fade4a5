/** `[EXPLAIN] SELECT …`: clause by clause, resynchronising on the next clause keyword after an error. */
import type {
  FromClause,
  Ident,
  JoinKind,
  WithStep,
  SelectItem,
  SelectStmt,
  SqlExpr,
  TvfName,
  WindowClause,
  WindowKeyword,
} from './ast';
import { editDistance } from './edit-distance';
import { CLAUSE_KEYWORDS } from './keywords';
import type { ExprParser } from './parser-expr';
import { SyntaxFail } from './parser-base';

type Clause = (typeof CLAUSE_KEYWORDS)[number];

const AFTER: Record<Clause | 'select', readonly string[]> = {
  select: ['from'],
  from: ['where', 'group', 'window', 'having', 'emit', 'limit'],
  where: ['group', 'window', 'having', 'emit', 'limit'],
  group: ['window', 'having', 'emit', 'limit'],
  window: ['having', 'emit', 'limit'],
  having: ['emit', 'limit'],
  emit: ['limit'],
  limit: [],
};

interface Mutable {
  distinct: boolean;
  items: SelectItem[];
  from: FromClause | null;
  where: SqlExpr | null;
  groupBy: SqlExpr[];
  window: WindowClause | null;
  having: SqlExpr | null;
  emit: SelectStmt['emit'];
  limit: SqlExpr | null;
}

/**
 * `[WITH name AS (query), …] SELECT … [UNION ALL SELECT …]*`: a whole query, at
 * statement level or inside parentheses (then it ends at the closing `)`).
 */
export function parseSelect(p: ExprParser, explain: boolean, start: number): SelectStmt {
  const steps: WithStep[] = [];
  if (p.acceptKw('with')) {
    do {
      const name = p.ident('a name for the WITH step');
      p.expectKw('as', ` after WITH ${name.name}`);
      p.expectOp('(', " to start the step's query");
      const query = parseSelect(p, false, p.peek().span.start);
      p.expectOp(')', ` to close WITH ${name.name} AS (`);
      steps.push({ name, query, span: p.spanFrom(name.span.start) });
    } while (p.acceptOp(','));
  }
  const first = parseSelectCore(p, explain, p.peek().span.start);
  const unionAll: SelectStmt[] = [];
  while (p.isKw('union')) {
    const u = p.next();
    if (!p.acceptKw('all'))
      p.fail({
        message:
          'UNION without ALL removes duplicates, which a stream cannot do without keeping every row: write UNION ALL (and SELECT DISTINCT if needed)',
        span: u.span,
      });
    unionAll.push(parseSelectCore(p, false, p.peek().span.start));
  }
  return { ...first, with: steps, unionAll, span: p.spanFrom(start) };
}

function parseSelectCore(p: ExprParser, explain: boolean, start: number): SelectStmt {
  p.expectKw('select');
  const q: Mutable = {
    distinct: false,
    items: [],
    from: null,
    where: null,
    groupBy: [],
    window: null,
    having: null,
    emit: null,
    limit: null,
  };
  let clause: Clause | 'select' = 'select';
  guarded(p, () => {
    q.distinct = !!p.acceptKw('distinct');
    if (!q.distinct) p.acceptKw('all');
    q.items = selectList(p);
  });
  for (;;) {
    const t = p.peek();
    // A query ends at `;`, at the `)` of its subquery, or where the next UNION ALL branch begins.
    if (t.kind === 'eof' || p.isOp(';') || p.isOp(')') || p.isKw('union')) break;
    if (p.isKw('intersect') || p.isKw('except')) {
      p.error(
        `${t.value.toUpperCase()} of streams is not supported: only UNION ALL combines queries`,
        t.span,
      );
      p.syncTo(() => false);
      break;
    }
    const next = CLAUSE_KEYWORDS.find((k) => p.isKw(k));
    if (next === undefined || !AFTER[clause].includes(next)) {
      const allowed = AFTER[clause];
      const e = p.expected(
        allowed.length ? `${allowed.map(clauseName).join(', ')} or \`;\`` : '`;` or end of script',
        allowed,
      );
      p.error(e.message, e.span);
      p.next();
      p.syncTo((tok) => CLAUSE_KEYWORDS.some((k) => tok.kind === 'ident' && tok.value === k));
      continue;
    }
    clause = next;
    guarded(p, () => parseClause(p, next, q));
  }
  if (q.from === null && !p.errors.some((e) => e.span.start >= start)) missingFrom(p, start);
  return { kind: 'select', explain, with: [], ...q, unionAll: [], span: p.spanFrom(start) };
}

/** No FROM: point at a misspelt `FORM` if there is one (it was read as a column or alias). */
function missingFrom(p: ExprParser, start: number): void {
  for (let i = 0; i < p.pos; i++) {
    const t = p.tokens[i]!;
    if (
      t.span.start >= start &&
      t.kind === 'ident' &&
      t.value !== 'from' &&
      editDistance(t.value, 'from') === 1
    ) {
      p.error(
        `expected \`FROM\`, found \`${p.sql.slice(t.span.start, t.span.end)}\` — did you mean \`FROM\`?`,
        t.span,
      );
      return;
    }
  }
  const e = p.expected('`FROM`', ['from']);
  p.error(e.message, e.span);
}

function clauseName(k: string): string {
  return k === 'group' ? 'GROUP BY' : k === 'emit' ? 'EMIT' : k.toUpperCase();
}

/** Runs one clause; on a syntax error records it and skips to the next clause keyword. */
function guarded(p: ExprParser, f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SyntaxFail)) throw e;
    p.error(e.error.message, e.error.span);
    p.syncTo((t) => t.kind === 'ident' && (CLAUSE_KEYWORDS as readonly string[]).includes(t.value));
  }
}

function parseClause(p: ExprParser, clause: Clause, q: Mutable): void {
  const kw = p.next();
  switch (clause) {
    case 'from':
      q.from = fromClause(p);
      return;
    case 'where':
      q.where = p.expr();
      return;
    case 'group':
      p.expectKw('by', ' after GROUP');
      q.groupBy = [];
      do {
        if (['grouping', 'rollup', 'cube'].some((w) => p.isKw(w)) && (p.isOp('(', 1) || p.isKw('sets', 1)))
          p.fail({
            message: 'GROUPING SETS, ROLLUP and CUBE are not supported: group by plain keys',
            span: p.peek().span,
          });
        q.groupBy.push(p.expr());
      } while (p.acceptOp(','));
      return;
    case 'window':
      q.window = windowClause(p);
      return;
    case 'having':
      q.having = p.expr();
      return;
    case 'emit': {
      const t = p.peek();
      if (p.acceptKw('changes'))
        q.emit = { mode: 'changes', span: { start: kw.span.start, end: t.span.end } };
      else if (p.acceptKw('final'))
        q.emit = { mode: 'final', span: { start: kw.span.start, end: t.span.end } };
      else p.fail(p.expected('CHANGES or FINAL after EMIT', ['changes', 'final']));
      return;
    }
    case 'limit':
      q.limit = p.expr();
      return;
  }
}

/** An implicit alias is a plain identifier followed by something that can end the item. */
function implicitAlias(p: ExprParser, enders: readonly string[]): Ident | null {
  if (p.acceptKw('as')) return p.ident('an alias after AS');
  if (!p.isIdentStart()) return null;
  const after = p.peek(1);
  const ends =
    after.kind === 'eof' ||
    (after.kind === 'op' && [',', ';', ')'].includes(after.value)) ||
    (after.kind === 'ident' && enders.includes(after.value));
  return ends ? p.ident() : null;
}

function selectList(p: ExprParser): SelectItem[] {
  const items: SelectItem[] = [];
  do {
    const t = p.peek();
    if (p.isOp('*')) {
      p.next();
      items.push({ kind: 'star', qualifier: null, span: t.span });
    } else if (p.isIdentStart() && p.isOp('.', 1) && p.isOp('*', 2)) {
      const qualifier = p.ident();
      p.pos += 2;
      items.push({ kind: 'star', qualifier, span: p.spanFrom(t.span.start) });
    } else {
      const expr = p.expr();
      const alias = implicitAlias(p, ['from']);
      items.push({ kind: 'expr', expr, alias, span: p.spanFrom(t.span.start) });
    }
  } while (p.acceptOp(','));
  return items;
}

const JOIN_WORDS = ['join', 'inner', 'left', 'right', 'full', 'cross', 'natural'];

/** `item [[INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN item [ON cond | USING (cols)] | , item]*`, left-associative. */
function fromClause(p: ExprParser): FromClause {
  const start = p.peek().span.start;
  let from = fromItem(p);
  for (;;) {
    const kw = p.peek();
    let type: JoinKind;
    if (p.acceptOp(',')) type = 'comma';
    else if (p.acceptKw('join')) type = 'inner';
    else if (p.isKw('inner') || p.isKw('cross')) {
      type = p.next().value as JoinKind;
      p.expectKw('join', ` after ${type.toUpperCase()}`);
    } else if (p.isKw('left') || p.isKw('right') || p.isKw('full')) {
      type = p.next().value as JoinKind;
      p.acceptKw('outer');
      p.expectKw('join', ` after ${type.toUpperCase()}`);
    } else if (p.isKw('natural'))
      p.fail({ message: 'NATURAL JOIN is not supported: name the keys with ON or USING', span: kw.span });
    else return from;
    const keywordSpan = p.spanFrom(kw.span.start);
    const right = fromItem(p);
    let on: SqlExpr | null = null;
    let using: Ident[] | null = null;
    if (type !== 'comma' && type !== 'cross') {
      if (p.acceptKw('on')) on = p.expr();
      else if (p.acceptKw('using')) {
        p.expectOp('(', ' after USING');
        using = [p.ident('a key column')];
        while (p.acceptOp(',')) using.push(p.ident('a key column'));
        p.expectOp(')', ' to close USING (');
      } else p.fail(p.expected(`ON or USING after ${type.toUpperCase()} JOIN …`, ['on', 'using']));
    }
    from = { kind: 'join', type, left: from, right, on, using, keywordSpan, span: p.spanFrom(start) };
  }
}

/** One relation of FROM: a stream, a window TVF, or a parenthesised query. */
function fromItem(p: ExprParser): FromClause {
  const start = p.peek().span.start;
  if (p.isKw('table') && p.isOp('(', 1)) return tvf(p, start);
  if (p.isOp('(')) {
    p.next();
    if (!p.isKw('select') && !p.isKw('with'))
      p.fail(p.expected('a query (SELECT …) inside parentheses', ['select']));
    const query = parseSelect(p, false, p.peek().span.start);
    p.expectOp(')', ' to close the subquery');
    const alias = fromAlias(p);
    return { kind: 'subquery', query, alias, span: p.spanFrom(start) };
  }
  const name = p.ident('a stream name');
  let asOf: SqlExpr | null = null;
  if (p.isKw('for') && p.isKw('system_time', 1)) {
    p.pos += 2;
    p.expectKw('as', ' in FOR SYSTEM_TIME AS OF');
    p.expectKw('of', ' in FOR SYSTEM_TIME AS OF');
    asOf = p.expr();
  }
  const alias = fromAlias(p);
  return { kind: 'stream', name, alias, asOf, span: p.spanFrom(start) };
}

/**
 * `[AS] alias` after a FROM item. Without AS, a word is an alias only where one
 * can end (so a misspelt `WHRE` is still reported as such), and join keywords
 * (LEFT, FULL, …) never are.
 */
function fromAlias(p: ExprParser): Ident | null {
  const t = p.peek();
  if (t.kind === 'ident' && [...JOIN_WORDS, 'using', 'outer'].includes(t.value)) return null;
  return implicitAlias(p, [...CLAUSE_KEYWORDS, ...JOIN_WORDS, 'on', 'using', 'union']);
}

const TVF_NAMES: readonly TvfName[] = ['tumble', 'hop', 'cumulate', 'session'];

/** `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size))`, `HOP(…, slide, size)`, `CUMULATE(…, step, size)`, `SESSION(TABLE t PARTITION BY k, …, gap)`. */
function tvf(p: ExprParser, start: number): FromClause {
  p.pos += 2;
  const fnTok = p.peek();
  const fn = fnTok.value as TvfName;
  if (fnTok.kind !== 'ident' || !TVF_NAMES.includes(fn)) {
    p.fail(p.expected('TUMBLE, HOP, CUMULATE or SESSION', TVF_NAMES));
  }
  p.next();
  p.expectOp('(', ` after ${fn.toUpperCase()}`);
  if (p.isKw('data') && p.isOp('=', 1) && p.isOp('>', 2))
    p.fail({
      message: `named arguments (DATA => …) are not supported: pass ${fn.toUpperCase()}'s arguments in order`,
      span: p.peek().span,
    });
  p.expectKw('table', ` in ${fn.toUpperCase()}(TABLE stream, …)`);
  const table = p.ident('a stream name');
  let partitionBy: SqlExpr[] = [];
  if (p.isKw('partition')) {
    if (fn !== 'session')
      p.fail({ message: 'PARTITION BY is only allowed in SESSION(…)', span: p.peek().span });
    p.next();
    p.expectKw('by', ' after PARTITION');
    partitionBy = [p.expr()];
    // The list ends where DESCRIPTOR(…) begins.
    while (p.isOp(',') && !p.isKw('descriptor', 1)) {
      p.next();
      partitionBy.push(p.expr());
    }
  }
  p.expectOp(',', ' after the table');
  p.expectKw('descriptor', ' (the time column, e.g. DESCRIPTOR(ts))');
  p.expectOp('(', ' after DESCRIPTOR');
  const descriptor = p.ident('the time column');
  p.expectOp(')', ' to close DESCRIPTOR(');
  const args: SqlExpr[] = [];
  while (p.acceptOp(',')) args.push(p.expr());
  p.expectOp(')', ` to close ${fn.toUpperCase()}(`);
  p.expectOp(')', ' to close TABLE(');
  const alias = fromAlias(p);
  return {
    kind: 'tvf',
    fn,
    fnSpan: fnTok.span,
    table,
    partitionBy,
    descriptor,
    args,
    alias,
    span: p.spanFrom(start),
  };
}

const WINDOW_KEYWORDS: readonly WindowKeyword[] = ['tumbling', 'hopping', 'sliding', 'session'];

function windowClause(p: ExprParser): WindowClause {
  const kw = p.peek();
  const keyword = kw.value as WindowKeyword;
  if (kw.kind !== 'ident' || !WINDOW_KEYWORDS.includes(keyword)) {
    p.fail(p.expected('TUMBLING, HOPPING, SLIDING or SESSION', WINDOW_KEYWORDS));
  }
  p.next();
  p.expectOp('(', ` after ${keyword.toUpperCase()}`);
  let timeColumn: Ident | null = null;
  // The optional time column: a bare identifier followed by a comma.
  if (p.isIdentStart() && p.isOp(',', 1)) {
    timeColumn = p.ident();
    p.next();
  }
  const args = [p.expr()];
  while (p.acceptOp(',')) args.push(p.expr());
  p.expectOp(')', ` to close ${keyword.toUpperCase()}(`);
  let grace: SqlExpr | null = null;
  if (p.acceptKw('grace')) {
    p.expectKw('period', ' after GRACE');
    grace = p.expr();
  }
  return { keyword, keywordSpan: kw.span, timeColumn, args, grace, span: p.spanFrom(kw.span.start) };
}
