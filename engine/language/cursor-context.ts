/** What surrounds an offset in the script: its statement, the tokens before it, the streams in scope. */
import type { Statement } from '../sql/ast';
import { fromScope } from '../plan/analyzer-query';
import { lex } from '../sql/lexer';
import type { Token } from '../sql/token';
import { analyzeScript, type ScriptAnalysis } from '../plan/compile';
import type { StreamInfo } from '../plan/stream-catalog';

export interface CursorContext {
  readonly analysis: ScriptAnalysis;
  /** Tokens of the current statement strictly before the cursor (the word being typed excluded). */
  readonly before: readonly Token[];
  /** The token under or just before the cursor, if the cursor touches it. */
  readonly at: Token | undefined;
  /** The identifier prefix being typed ('' if none). */
  readonly prefix: string;
  readonly statement: Statement | undefined;
  /** Streams the current statement reads, with their aliases. */
  readonly scope: readonly { readonly stream: StreamInfo; readonly alias: string | null }[];
}

export function cursorContext(sql: string, offset: number): CursorContext {
  const analysis = analyzeScript(sql);
  const { tokens } = lex(sql);
  let at: Token | undefined;
  let stmtStart = 0;
  const before: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    if (t.span.start >= offset) break;
    if (t.span.end >= offset && t.span.start < offset) {
      at = t;
      if (t.kind === 'ident' || t.kind === 'qident') break;
    }
    if (t.kind === 'op' && t.value === ';' && t.span.end <= offset) {
      before.length = 0;
      stmtStart = t.span.end;
      continue;
    }
    before.push(t);
  }
  const prefix = at && at.kind === 'ident' && at.span.end === offset ? sql.slice(at.span.start, offset) : '';
  const { statements } = analysis.parse.script;
  const extents = analysis.parse.extents;
  const statement =
    statements.find(
      (_, k) => extents[k]!.start <= offset && offset <= extents[k]!.end && extents[k]!.start >= stmtStart,
    ) ?? statements.find((s) => s.span.start >= stmtStart && s.span.start <= offset);
  return { analysis, before, at, prefix, statement, scope: scopeOf(sql, analysis, statement, before) };
}

function scopeOf(
  sql: string,
  a: ScriptAnalysis,
  s: Statement | undefined,
  before: readonly Token[],
): CursorContext['scope'] {
  if (s?.kind === 'select' && s.from) return fromScope(sql, s, a.catalog);
  if (s?.kind === 'createStream') {
    const stream = a.catalog.streams.get(s.name.name);
    return stream ? [{ stream, alias: null }] : [];
  }
  // The statement did not parse far enough: look for `FROM name` among the tokens.
  for (let k = before.length - 2; k >= 0; k--) {
    const t = before[k]!;
    if (t.kind === 'ident' && (t.value === 'from' || t.value === 'table')) {
      const n = before[k + 1]!;
      const stream = a.catalog.streams.get(n.value);
      if (stream) return [{ stream, alias: null }];
    }
  }
  return [];
}
