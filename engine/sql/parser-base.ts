/**
 * Token cursor and error plumbing shared by the statement and expression
 * parsers. A syntax error throws `SyntaxFail` inside the parser only; the
 * statement/clause loops catch it, record a diagnostic and resynchronise, so
 * nothing ever escapes `parseScript`.
 */
import type { Span } from '../core/diagnostic';
import type { Ident } from './ast';
import { closest } from './edit-distance';
import { RESERVED } from './keywords';
import { isWord, type Token } from './token';

export interface SyntaxError {
  readonly message: string;
  readonly span: Span;
}

export class SyntaxFail {
  constructor(readonly error: SyntaxError) {}
}

export class ParserBase {
  pos = 0;
  readonly errors: SyntaxError[] = [];

  constructor(
    readonly tokens: readonly Token[],
    readonly sql: string,
  ) {}

  peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** Span from `start` to the end of the last consumed token. */
  spanFrom(start: number): Span {
    const last = this.tokens[Math.max(0, this.pos - 1)]!;
    return { start, end: Math.max(start, last.span.end) };
  }

  isKw(word: string, k = 0): boolean {
    return isWord(this.peek(k), word);
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === op;
  }

  acceptKw(word: string): Token | undefined {
    return this.isKw(word) ? this.next() : undefined;
  }

  acceptOp(op: string): Token | undefined {
    return this.isOp(op) ? this.next() : undefined;
  }

  expectKw(word: string, context = ''): Token {
    if (this.isKw(word)) return this.next();
    return this.fail(this.expected(`\`${word.toUpperCase()}\`${context}`, [word]));
  }

  expectOp(op: string, context = ''): Token {
    if (this.isOp(op)) return this.next();
    return this.fail(this.expected(`\`${op}\`${context}`, []));
  }

  /** "expected X, found `y`" (+ a keyword suggestion if `y` looks like a misspelt keyword). */
  expected(what: string, keywords: readonly string[]): SyntaxError {
    const t = this.peek();
    let msg = `expected ${what}, found ${describe(t, this.sql)}`;
    if (t.kind === 'ident' && keywords.length > 0) {
      const k = closest(t.value, keywords);
      if (k !== undefined) msg += ` — did you mean \`${k.toUpperCase()}\`?`;
    }
    return { message: msg, span: tokenSpan(t) };
  }

  fail(e: SyntaxError): never {
    throw new SyntaxFail(e);
  }

  error(message: string, span: Span): void {
    this.errors.push({ message, span });
  }

  /** An identifier (reserved words only when double-quoted). */
  ident(what = 'a name'): Ident {
    const t = this.peek();
    if (t.kind === 'qident') {
      this.next();
      return { name: t.value, quoted: true, span: t.span };
    }
    if (t.kind === 'ident' && !RESERVED.has(t.value)) {
      this.next();
      return { name: t.value, quoted: false, span: t.span };
    }
    return this.fail(this.expected(what, []));
  }

  isIdentStart(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'qident' || (t.kind === 'ident' && !RESERVED.has(t.value));
  }

  /** Skips to the next token at paren depth 0 that satisfies `stop` (or `;` / EOF). */
  syncTo(stop: (t: Token) => boolean): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (depth === 0 && (stop(t) || (t.kind === 'op' && t.value === ';'))) return;
      if (t.kind === 'op' && t.value === '(') depth++;
      if (t.kind === 'op' && t.value === ')') depth = Math.max(0, depth - 1);
      this.next();
    }
  }
}

export function tokenSpan(t: Token): Span {
  return t.kind === 'eof' ? { start: t.span.start, end: t.span.start } : t.span;
}

export function describe(t: Token, sql: string): string {
  switch (t.kind) {
    case 'eof':
      return 'end of script';
    case 'string':
      return `'${t.value.length > 20 ? t.value.slice(0, 20) + '…' : t.value}'`;
    case 'qident':
      return sql.slice(t.span.start, t.span.end);
    default:
      return `\`${sql.slice(t.span.start, t.span.end)}\``;
  }
}
