/**
 * The lexer: SQL text → tokens. Never throws; problems (unterminated strings or
 * comments, stray characters) become `LexError`s and lexing goes on.
 */
import type { Span } from '../core/diagnostic';
import type { Token } from './token';

export interface LexError {
  readonly message: string;
  readonly span: Span;
}

export interface LexResult {
  readonly tokens: Token[];
  readonly errors: LexError[];
}

const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '||']);
const ONE_CHAR_OPS = new Set([',', '(', ')', ';', '.', '*', '+', '-', '/', '%', '=', '<', '>']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$]/.test(c);

export function lex(sql: string): LexResult {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: Token['kind'], value: string, start: number): void => {
    tokens.push({ kind, value, span: { start, end: i } });
  };
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) {
        errors.push({
          message: 'unterminated comment: `/*` has no closing `*/`',
          span: { start, end: start + 2 },
        });
        i = n;
      } else i = close + 2;
    } else if (c === "'") {
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += sql[i];
        i++;
      }
      if (!closed)
        errors.push({ message: "unterminated string: missing closing `'`", span: { start, end: start + 1 } });
      push('string', value, start);
    } else if (c === '"' || c === '`') {
      i = lexQuotedIdent(sql, start, tokens, errors);
    } else if (isDigit(c) || (c === '.' && isDigit(sql[i + 1]))) {
      lexNumber(sql, start, tokens, errors);
      i = tokens[tokens.length - 1]!.span.end;
    } else if (isIdentStart(c)) {
      while (isIdentPart(sql[i])) i++;
      push('ident', sql.slice(start, i).toLowerCase(), start);
    } else if (TWO_CHAR_OPS.has(sql.slice(i, i + 2))) {
      i += 2;
      const op = sql.slice(start, i);
      push('op', op === '!=' ? '<>' : op, start);
    } else if (ONE_CHAR_OPS.has(c)) {
      i++;
      push('op', c, start);
    } else {
      // One error per run of stray characters keeps the list readable.
      while (i < n && !/[\sA-Za-z0-9_'"`(),;.*+\-/%=<>|!]/.test(sql[i]!)) i++;
      if (i === start) i++;
      errors.push({ message: `unexpected character \`${sql.slice(start, i)}\``, span: { start, end: i } });
    }
  }
  tokens.push({ kind: 'eof', value: '', span: { start: n, end: n } });
  return { tokens, errors };
}

/**
 * `"name"` (standard SQL) or `` `name` `` (Flink, Calcite's MySQL-flavoured
 * quoting, which Flink's docs use everywhere); the quote character doubled
 * inside stands for itself. Returns where lexing goes on.
 *
 * Only double quotes make a name case-sensitive (dialect §1). Backticks quote
 * but fold case like a bare name: Flink keeps every name's case and matches it
 * exactly, so a Flink script spells each name one way, and folding lets its
 * `` `Bid` `` and its bare `Bid` meet here as they do there.
 */
function lexQuotedIdent(sql: string, start: number, tokens: Token[], errors: LexError[]): number {
  const q = sql[start]!;
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = sql.indexOf(q, i);
    if (close < 0) {
      errors.push({
        message: `unterminated quoted identifier: missing closing \`${q}\``,
        span: { start, end: start + 1 },
      });
      value += sql.slice(i);
      tokens.push({ kind: 'qident', value, span: { start, end: sql.length } });
      return sql.length;
    }
    value += sql.slice(i, close);
    if (sql[close + 1] === q) {
      value += q;
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (value === '') errors.push({ message: 'empty quoted identifier', span: { start, end: i } });
  tokens.push({ kind: 'qident', value: q === '`' ? value.toLowerCase() : value, span: { start, end: i } });
  return i;
}

/** Numbers, and numbers glued to a unit (`500ms`, `5s`) which are interval shorthand. */
function lexNumber(sql: string, start: number, tokens: Token[], errors: LexError[]): void {
  let i = start;
  while (isDigit(sql[i])) i++;
  if (sql[i] === '.' && isDigit(sql[i + 1])) {
    i++;
    while (isDigit(sql[i])) i++;
  } else if (sql[i] === '.' && !isIdentStart(sql[i + 1])) i++;
  if (
    (sql[i] === 'e' || sql[i] === 'E') &&
    (isDigit(sql[i + 1]) || ((sql[i + 1] === '+' || sql[i + 1] === '-') && isDigit(sql[i + 2])))
  ) {
    i += 2;
    while (isDigit(sql[i])) i++;
  }
  const numEnd = i;
  if (isIdentStart(sql[i])) {
    while (isIdentPart(sql[i])) i++;
    const unit = sql.slice(numEnd, i).toLowerCase();
    const span = { start, end: i };
    if (!['ms', 's', 'm', 'h', 'd'].includes(unit)) {
      errors.push({
        message: `invalid number \`${sql.slice(start, i)}\`: interval shorthand units are ms, s, m, h, d`,
        span,
      });
      // Keep the number so that parsing goes on without a second error.
      tokens.push({ kind: 'number', value: sql.slice(start, numEnd), span });
      return;
    }
    tokens.push({ kind: 'interval', value: sql.slice(start, i).toLowerCase(), span });
    return;
  }
  tokens.push({ kind: 'number', value: sql.slice(start, numEnd), span: { start, end: numEnd } });
}
