/** Expressions: precedence climbing over OR < AND < NOT < predicates < + - < * / % || < unary. */
import type { BinaryOperator, Ident, OverClause, SelectStmt, SqlExpr, TypeRef } from './ast';
import { didYouMean } from './edit-distance';
import { intervalUnit, parseShorthand, UNIT_WORDS, type IntervalUnit } from './interval';
import { RESERVED } from './keywords';
import { ParserBase, tokenSpan } from './parser-base';

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

export class ExprParser extends ParserBase {
  /** Parses a query up to its closing `)` (set by the script parser: queries are parsed there). */
  parseQuery: ((p: ExprParser) => SelectStmt) | null = null;

  expr(): SqlExpr {
    return this.or();
  }

  private or(): SqlExpr {
    let left = this.and();
    while (this.acceptKw('or')) left = binary('OR', left, this.and());
    return left;
  }

  private and(): SqlExpr {
    let left = this.not();
    while (this.acceptKw('and')) left = binary('AND', left, this.not());
    return left;
  }

  private not(): SqlExpr {
    const t = this.acceptKw('not');
    if (!t) return this.predicate();
    const arg = this.not();
    return { kind: 'unary', op: 'NOT', arg, span: { start: t.span.start, end: arg.span.end } };
  }

  private predicate(): SqlExpr {
    const arg = this.additive();
    const start = arg.span.start;
    const t = this.peek();
    if (t.kind === 'op' && COMPARISONS.has(t.value)) {
      this.next();
      return binary(t.value as BinaryOperator, arg, this.additive());
    }
    if (this.acceptKw('is')) {
      const negated = !!this.acceptKw('not');
      this.expectKw('null', ' after IS');
      return { kind: 'isNull', arg, negated, span: this.spanFrom(start) };
    }
    const negated =
      this.isKw('not') && (this.isKw('between', 1) || this.isKw('in', 1) || this.isKw('like', 1));
    if (negated) this.next();
    if (this.acceptKw('between')) {
      const low = this.additive();
      this.expectKw('and', ' in BETWEEN … AND …');
      const high = this.additive();
      return { kind: 'between', arg, low, high, negated, span: this.spanFrom(start) };
    }
    const inKw = this.peek();
    if (this.acceptKw('in')) {
      this.expectOp('(', ' after IN');
      if (this.isKw('select') || this.isKw('with')) {
        const query = this.subquery();
        return {
          kind: 'subqueryTest',
          arg,
          query,
          negated,
          keywordSpan: inKw.span,
          span: this.spanFrom(start),
        };
      }
      const list = this.exprList();
      this.expectOp(')', ' to close the IN list');
      return { kind: 'in', arg, list, negated, span: this.spanFrom(start) };
    }
    if (this.acceptKw('like')) {
      const pattern = this.additive();
      return { kind: 'like', arg, pattern, negated, span: this.spanFrom(start) };
    }
    return arg;
  }

  private additive(): SqlExpr {
    let left = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.value !== '+' && t.value !== '-')) return left;
      this.next();
      left = binary(t.value, left, this.multiplicative());
    }
  }

  private multiplicative(): SqlExpr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['*', '/', '%', '||'].includes(t.value)) return left;
      this.next();
      left = binary(t.value as BinaryOperator, left, this.unary());
    }
  }

  private unary(): SqlExpr {
    const t = this.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
      this.next();
      const arg = this.unary();
      // Unary plus is a no-op; it is not kept in the tree.
      if (t.value === '+') return arg;
      return { kind: 'unary', op: '-', arg, span: { start: t.span.start, end: arg.span.end } };
    }
    return this.primary();
  }

  /** `SELECT … )` of `IN (` / `EXISTS (`: the query and its closing parenthesis. */
  private subquery(): SelectStmt {
    if (this.parseQuery === null) throw new Error('ExprParser.parseQuery is not set');
    const query = this.parseQuery(this);
    this.expectOp(')', ' to close the subquery');
    return query;
  }

  exprList(): SqlExpr[] {
    const list = [this.expr()];
    while (this.acceptOp(',')) list.push(this.expr());
    return list;
  }

  private primary(): SqlExpr {
    const t = this.peek();
    const span = t.span;
    switch (t.kind) {
      case 'number':
        this.next();
        return { kind: 'number', text: t.value, span };
      case 'string':
        this.next();
        return { kind: 'string', value: t.value, span };
      case 'interval': {
        this.next();
        const sh = parseShorthand(t.value)!;
        return { kind: 'interval', amount: sh.amount, unit: sh.unit, shorthand: true, span };
      }
      case 'qident':
        return this.columnRef();
      case 'op':
        if (t.value === '(') {
          this.next();
          const e = this.expr();
          this.expectOp(')', ' to close `(`');
          return e;
        }
        break;
      case 'ident':
        switch (t.value) {
          case 'true':
          case 'false':
            this.next();
            return { kind: 'boolean', value: t.value === 'true', span };
          case 'null':
            this.next();
            return { kind: 'null', span };
          case 'interval':
            return this.interval();
          case 'case':
            return this.caseExpr();
          case 'cast':
            return this.cast();
          case 'exists':
            if (this.isOp('(', 1)) {
              this.next();
              this.next();
              const query = this.subquery();
              return {
                kind: 'subqueryTest',
                arg: null,
                query,
                negated: false,
                keywordSpan: span,
                span: this.spanFrom(span.start),
              };
            }
            break;
        }
        if (this.isOp('(', 1)) return this.call();
        if (this.isIdentStart()) return this.columnRef();
        break;
      default:
        break;
    }
    return this.fail(this.expected('an expression', []));
  }

  private columnRef(): SqlExpr {
    const first = this.ident('a column');
    if (this.acceptOp('.')) {
      const name = this.ident('a column name after `.`');
      return {
        kind: 'column',
        qualifier: first,
        name,
        span: { start: first.span.start, end: name.span.end },
      };
    }
    return { kind: 'column', qualifier: null, name: first, span: first.span };
  }

  /** `INTERVAL '5' SECOND`, `INTERVAL 5 SECONDS`, `INTERVAL '5 seconds'`, `INTERVAL '5s'`. */
  private interval(): SqlExpr {
    const start = this.next().span.start;
    const v = this.peek();
    if (v.kind !== 'string' && v.kind !== 'number') {
      return this.fail(this.expected("an interval value such as '5'", []));
    }
    this.next();
    const u = this.peek();
    let amount: number;
    let unit: IntervalUnit | undefined;
    if (u.kind === 'ident' && !RESERVED.has(u.value)) {
      this.next();
      unit = intervalUnit(u.value);
      if (unit === undefined) {
        const word = this.sql.slice(u.span.start, u.span.end);
        this.fail({
          message: `unknown interval unit \`${word}\`${didYouMean(word.toUpperCase(), UNIT_WORDS)}`,
          span: u.span,
        });
      }
      amount = Number(v.value.trim());
    } else {
      const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(v.value);
      const sh = parseShorthand(v.value.replace(/\s+/g, ''));
      if (sh) ({ amount, unit } = sh);
      else if (m && intervalUnit(m[2]!)) {
        amount = Number(m[1]);
        unit = intervalUnit(m[2]!);
      } else {
        return this.fail(this.expected('an interval unit (MILLISECOND, SECOND, MINUTE, HOUR, DAY)', []));
      }
    }
    if (v.value.trim() === '' || !Number.isFinite(amount) || amount < 0) {
      this.fail({
        message: `invalid interval value '${v.value}': expected a non-negative number`,
        span: v.span,
      });
    }
    return { kind: 'interval', amount, unit: unit!, shorthand: false, span: this.spanFrom(start) };
  }

  private caseExpr(): SqlExpr {
    const start = this.next().span.start;
    const operand = this.isKw('when') ? null : this.expr();
    const whens: { when: SqlExpr; then: SqlExpr }[] = [];
    while (this.acceptKw('when')) {
      const when = this.expr();
      this.expectKw('then', ' after WHEN …');
      whens.push({ when, then: this.expr() });
    }
    if (whens.length === 0) this.fail(this.expected('`WHEN`', ['when']));
    const otherwise = this.acceptKw('else') ? this.expr() : null;
    this.expectKw('end', ' to close CASE');
    return { kind: 'case', operand, whens, otherwise, span: this.spanFrom(start) };
  }

  private cast(): SqlExpr {
    const start = this.next().span.start;
    this.expectOp('(', ' after CAST');
    const arg = this.expr();
    this.expectKw('as', ' in CAST(… AS type)');
    const typeName = this.typeName();
    this.expectOp(')', ' to close CAST');
    return { kind: 'cast', arg, typeName, span: this.spanFrom(start) };
  }

  /**
   * A type name with its arguments (`DECIMAL(10, 2)`, `TIMESTAMP(3)`, `VARCHAR(255)`)
   * and Flink's multi-word spellings; unknown names are caught by the analyzer,
   * which can suggest.
   */
  typeName(): TypeRef {
    const t = this.peek();
    if (t.kind !== 'ident') return this.fail(this.expected('a type name', []));
    this.next();
    const args: number[] = [];
    if (this.isOp('(') && this.peek(1).kind === 'number') {
      this.next();
      do {
        const n = this.peek();
        if (n.kind !== 'number' || !/^\d+$/.test(n.value))
          this.fail(this.expected('a whole number (a length, precision or scale)', []));
        this.next();
        args.push(Number(n.value));
      } while (this.acceptOp(','));
      this.expectOp(')', ` to close ${t.value.toUpperCase()}(`);
    }
    let name = t.value;
    if (name === 'double') this.acceptKw('precision');
    // TIMESTAMP(3) WITH LOCAL TIME ZONE is the long spelling of TIMESTAMP_LTZ(3).
    if (name === 'timestamp' && this.isKw('with') && this.isKw('local', 1)) {
      this.pos += 2;
      this.expectKw('time', ' in WITH LOCAL TIME ZONE');
      this.expectKw('zone', ' in WITH LOCAL TIME ZONE');
      name = 'timestamp_ltz';
    } else if (name === 'timestamp' && this.isKw('without') && this.isKw('time', 1)) {
      this.pos += 2;
      this.expectKw('zone', ' in WITHOUT TIME ZONE');
    }
    return { name, quoted: false, args, span: this.spanFrom(t.span.start) };
  }

  private call(): SqlExpr {
    const nameTok = this.next();
    const name: Ident = { name: nameTok.value, quoted: false, span: nameTok.span };
    this.next(); // (
    let star = false;
    let distinct = false;
    const args: SqlExpr[] = [];
    if (this.acceptOp('*')) star = true;
    else if (!this.isOp(')')) {
      distinct = !!this.acceptKw('distinct');
      args.push(this.expr());
      if (name.name === 'substring' && this.acceptKw('from')) {
        args.push(this.expr());
        if (this.acceptKw('for')) args.push(this.expr());
      } else while (this.acceptOp(',')) args.push(this.expr());
    }
    this.expectOp(')', ` to close ${nameTok.value.toUpperCase()}(`);
    const over = this.isKw('over') ? this.over() : null;
    return { kind: 'call', name, args, star, distinct, over, span: this.spanFrom(nameTok.span.start) };
  }

  private over(): OverClause {
    const start = this.next().span.start;
    this.expectOp('(', ' after OVER');
    let frame: OverClause['frame'] = null;
    if (this.isKw('rows') && this.isKw('window', 1)) {
      this.pos += 2;
      this.expectKw('buffer', ' in ROWS WINDOW BUFFER n ROWS');
      const n = this.integer('the buffer size');
      if (n < 1) this.fail({ message: 'BUFFER needs at least 1 row', span: this.tokens[this.pos - 1]!.span });
      this.expectKw('rows', ' after BUFFER n');
      frame = { preceding: n - 1, syntax: 'buffer' };
    }
    const partitionBy = this.isKw('partition')
      ? (this.pos++, this.expectKw('by', ' after PARTITION'), this.exprList())
      : [];
    const orderBy: { expr: SqlExpr; desc: boolean }[] = [];
    if (this.acceptKw('order')) {
      this.expectKw('by', ' after ORDER');
      do {
        const expr = this.expr();
        const desc = !!this.acceptKw('desc');
        if (!desc) this.acceptKw('asc');
        orderBy.push({ expr, desc });
      } while (this.acceptOp(','));
    }
    if (this.isKw('range'))
      this.fail({
        message: 'RANGE frames are not supported: use ROWS BETWEEN n PRECEDING AND CURRENT ROW',
        span: this.peek().span,
      });
    if (frame === null && this.acceptKw('rows')) frame = { preceding: this.rowsFrame(), syntax: 'between' };
    if (!this.isOp(')')) {
      const kws = frame ? [] : ['partition', 'order', 'rows'];
      this.fail(
        this.expected(frame ? '`)` to close OVER (' : 'PARTITION BY, ORDER BY, ROWS or `)` in OVER (…)', kws),
      );
    }
    this.next();
    return { partitionBy, orderBy, frame, span: this.spanFrom(start) };
  }

  /** After ROWS: `BETWEEN n PRECEDING AND CURRENT ROW` or `n PRECEDING`; null = UNBOUNDED. */
  private rowsFrame(): number | null {
    const between = !!this.acceptKw('between');
    let preceding: number | null;
    if (this.acceptKw('unbounded')) preceding = null;
    else if (this.isKw('current')) {
      this.pos++;
      this.expectKw('row', ' after CURRENT');
      return 0;
    } else preceding = this.integer('the number of preceding rows');
    this.expectKw('preceding', ' in ROWS BETWEEN n PRECEDING');
    if (between) {
      this.expectKw('and', ' in ROWS BETWEEN n PRECEDING AND CURRENT ROW');
      if (this.isKw('current')) this.pos++;
      else
        this.fail({
          message: 'only frames ending at CURRENT ROW are supported',
          span: tokenSpan(this.peek()),
        });
      this.expectKw('row', ' after CURRENT');
    }
    return preceding;
  }

  integer(what: string): number {
    const t = this.peek();
    if (t.kind === 'number' && /^\d+$/.test(t.value)) {
      this.next();
      return Number(t.value);
    }
    return this.fail(this.expected(`a whole number for ${what}`, []));
  }
}

function binary(op: BinaryOperator, left: SqlExpr, right: SqlExpr): SqlExpr {
  return { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
}
