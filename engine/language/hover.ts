/** Editor hovers: functions (signature + doc), columns (type + stream), streams, options, keywords, intervals. */
import type { Span } from '../core/diagnostic';
import { findStreamOption } from '../core/stream-options';
import { findFunction } from '../sql/functions';
import { INTERVAL_UNITS, parseShorthand } from '../sql/interval';
import { lex } from '../sql/lexer';
import { isWord, type Token } from '../sql/token';
import { cursorContext } from './cursor-context';
import { KEYWORD_DOCS } from './keyword-docs';

export interface Hover {
  readonly contents: string;
  readonly span: Span;
}

export function hoverAt(sql: string, offset: number): Hover | null {
  try {
    return hover(sql, offset);
  } catch {
    return null;
  }
}

function tokenAt(tokens: readonly Token[], offset: number): number {
  return tokens.findIndex((t) => t.kind !== 'eof' && t.span.start <= offset && offset < t.span.end);
}

function hover(sql: string, offset: number): Hover | null {
  const { tokens } = lex(sql);
  const i = tokenAt(tokens, offset);
  if (i < 0) return null;
  const t = tokens[i]!;
  const span = t.span;
  const reply = (contents: string): Hover => ({ contents, span });
  if (t.kind === 'interval') {
    const sh = parseShorthand(t.value);
    return sh ? reply(`interval ${t.value} = ${sh.amount * INTERVAL_UNITS[sh.unit]} ms`) : null;
  }
  if (t.kind !== 'ident' && t.kind !== 'qident') return null;
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  if (t.kind === 'ident' && next?.kind === 'op' && next.value === '(') {
    const f = findFunction(t.value);
    if (f) return reply(`**${f.signature}**\n\n${f.doc}`);
  }
  const ctx = cursorContext(sql, t.span.end);
  const inWith = ctx.before.some((x) => isWord(x, 'with')) && isWord(ctx.before[0], 'create');
  if (inWith && next?.kind === 'op' && next.value === '=') {
    const o = findStreamOption(t.value);
    if (o)
      return reply(
        `**option ${o.name}** (${o.kind}${o.defaultValue !== undefined ? `, default ${o.defaultValue}` : ''})\n\n${o.doc}`,
      );
  }
  const afterFrom =
    isWord(prev, 'from') ||
    isWord(prev, 'table') ||
    (isWord(prev, 'stream') && isWord(tokens[i - 2], 'create'));
  const stream = ctx.analysis.catalog.streams.get(t.value);
  if (stream && (afterFrom || !ctx.scope.some((s) => s.stream.schema.some((f) => f.name === t.value)))) {
    const cols = stream.schema.map((f) => `${f.name} ${f.type}`).join(', ');
    const time = stream.timeColumn
      ? `\n\nevent time: ${stream.timeColumn}, watermark delay ${stream.watermarkDelay} ms`
      : '';
    return reply(`**stream ${stream.name}** (${cols})\n\n${stream.doc}${time}`);
  }
  for (const { stream: s } of ctx.scope) {
    const f = s.schema.find((c) => c.name === t.value);
    if (f) {
      const role = s.timeColumn === f.name ? ' (event time)' : s.keyColumn === f.name ? ' (key)' : '';
      return reply(
        `**${f.name}** ${f.type}${f.nullable ? '' : ' NOT NULL'} — column of stream ${s.name}${role}`,
      );
    }
  }
  const doc = KEYWORD_DOCS[t.value.replace(/^_/, '')];
  return doc && t.kind === 'ident' ? reply(doc) : null;
}
