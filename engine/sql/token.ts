import type { Span } from '../core/diagnostic';

export type TokenKind =
  /** unquoted identifier or keyword; `value` is lower-cased */
  | 'ident'
  /** quoted identifier ("double quotes" or `backticks`); `value` keeps its case, unescaped */
  | 'qident'
  | 'number'
  | 'string'
  /** shorthand interval such as `500ms`, `5s`; `value` is the text */
  | 'interval'
  /** punctuation and operators; `value` is the symbol */
  | 'op'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly span: Span;
}

/** Case-insensitive keyword test for an unquoted identifier token. */
export function isWord(t: Token | undefined, word: string): boolean {
  return t !== undefined && t.kind === 'ident' && t.value === word;
}
