/**
 * `parseScript`: the whole script → statements + syntax errors. Never throws;
 * after an error it skips to the next `;` (or clause keyword inside SELECT).
 */
import type { Span } from '../core/diagnostic';
import type { Script, Statement } from './ast';
import { lex } from './lexer';
import { parseCreateStream } from './parser-ddl';
import { ExprParser } from './parser-expr';
import { SyntaxFail, type SyntaxError } from './parser-base';
import { parseSelect } from './parser-select';

export interface ParseResult {
  readonly script: Script;
  /** Lexer and parser errors, in text order. */
  readonly errors: readonly SyntaxError[];
  /** Per statement: did it have a syntax error (its tree may be partial)? */
  readonly broken: readonly boolean[];
  /** The span of each statement including its trailing `;`. */
  readonly extents: readonly Span[];
}

/** Statements pasted from Flink that Windtunnel does not run, each with what to do instead. */
function unsupportedStatement(word: string): string {
  if (word === 'insert')
    return 'INSERT INTO: a playground has no sink tables; run the SELECT and watch its results';
  return 'SET: Flink configuration has no meaning here; stream options go in CREATE STREAM … WITH (…)';
}

export function parseScript(sql: string): ParseResult {
  const { tokens, errors: lexErrors } = lex(sql);
  const p = new ExprParser(tokens, sql);
  p.parseQuery = (q) => parseSelect(q, false, q.peek().span.start);
  const statements: Statement[] = [];
  const broken: boolean[] = [];
  const extents: Span[] = [];
  const errorStart = (): number => p.errors.length;
  while (p.peek().kind !== 'eof') {
    if (p.acceptOp(';')) continue;
    const first = p.peek();
    const before = errorStart();
    let stmt: Statement | null = null;
    try {
      if (p.isKw('create')) stmt = parseCreateStream(p, first.span.start);
      else if (p.isKw('explain')) {
        p.next();
        stmt = parseSelect(p, true, first.span.start);
      } else if (p.isKw('select') || p.isKw('with')) stmt = parseSelect(p, false, first.span.start);
      else if (p.isKw('insert') || p.isKw('set'))
        p.fail({ message: unsupportedStatement(p.peek().value), span: p.peek().span });
      else p.fail(p.expected('SELECT, EXPLAIN or CREATE STREAM', ['select', 'explain', 'create']));
      if (!p.isOp(';') && p.peek().kind !== 'eof') p.fail(p.expected('`;` between statements', []));
    } catch (e) {
      if (!(e instanceof SyntaxFail)) throw e;
      p.error(e.error.message, e.error.span);
      p.syncTo(() => false);
    }
    const semi = p.acceptOp(';');
    const lexInside = lexErrors.some(
      (l) => l.span.start >= first.span.start && l.span.start < p.peek().span.start,
    );
    if (stmt) {
      statements.push(stmt);
      broken.push(p.errors.length > before || lexInside);
      extents.push({ start: first.span.start, end: semi ? semi.span.end : stmt.span.end });
    }
  }
  const errors = [...lexErrors, ...p.errors].sort((a, b) => a.span.start - b.span.start);
  return { script: { statements }, errors, broken, extents };
}
