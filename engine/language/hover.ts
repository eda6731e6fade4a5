/** Editor hovers: functions (signature + doc), columns (type + stream), streams, options, keywords, intervals. */
import type { Span } from '../core/diagnostic';
import { findStreamOption } from '../core/stream-options';
import { findFunction } from '../sql/functions';
import { INTERVAL_UNITS, parseShorthand } from '../sql/interval';
import { lex } from '../sql/lexer';
import { isWord, type Token } from '../sql/token';
import { compileScript } from '../plan/compile';
import { explainPlan, type ExplainNode } from '../plan/explain';
import { cursorContext } from './cursor-context';
import { KEYWORD_DOCS } from './keyword-docs';
import { rankingHover } from './ranking-hover';

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
  if (t.kind === 'ident' && t.value === 'join') {
    const found = joinFound(sql, tokens, i, isJoinWord, (label) => /Join/.test(label));
    if (found) return reply(found);
  }
  if (isSubqueryTest(tokens, i)) {
    const found = joinFound(sql, tokens, i, isSubqueryTest, (label) => /Join \((SEMI|ANTI)\)/.test(label));
    if (found) return reply(found);
  }
  if (t.kind === 'ident' && next?.kind === 'op' && next.value === '(') {
    const f = findFunction(t.value);
    const ranking = f?.name === 'ROW_NUMBER' ? rankingHover(sql, t.span.start) : null;
    if (f) return reply(`**${f.signature}**\n\n${f.doc}${ranking ? `\n\n${ranking}` : ''}`);
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
  // `x.col`: the column of the relation named (or aliased) x.
  const qualifier = prev?.kind === 'op' && prev.value === '.' ? tokens[i - 2]?.value : undefined;
  const scope =
    qualifier === undefined
      ? ctx.scope
      : ctx.scope.filter((s) => s.alias === qualifier || (s.alias === null && s.stream.name === qualifier));
  for (const { stream: s } of scope) {
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

const isJoinWord = (tokens: readonly Token[], j: number): boolean => isWord(tokens[j], 'join');

/** `IN (SELECT` / `EXISTS (SELECT`: a subquery test, which the planner reads as a SEMI / ANTI join. */
function isSubqueryTest(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j];
  const open = tokens[j + 1];
  return (
    (isWord(t, 'in') || isWord(t, 'exists')) &&
    open?.kind === 'op' &&
    open.value === '(' &&
    (isWord(tokens[j + 2], 'select') || isWord(tokens[j + 2], 'with'))
  );
}

/**
 * The join the planner found at the k-th JOIN of the statement (as EXPLAIN names it: kind, keys,
 * the state it keeps), or what stops the query compiling. Joins nest left-deep, so the first JOIN
 * written is the innermost.
 */
function joinFound(
  sql: string,
  tokens: readonly Token[],
  i: number,
  isWord: (tokens: readonly Token[], j: number) => boolean,
  isLabel: (label: string) => boolean,
): string | null {
  let k = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind === 'op' && t.value === ';') break;
    if (isWord(tokens, j)) k++;
  }
  const r = compileScript(sql, { offset: tokens[i]!.span.start });
  if (!r.plan) {
    const e = r.diagnostics.find((d) => d.severity === 'error');
    return e ? `**${tokens[i]!.value.toUpperCase()}** — not planned yet: ${e.message}` : null;
  }
  const joins: ExplainNode[] = [];
  const visit = (n: ExplainNode): void => {
    n.children.forEach(visit);
    if (isLabel(n.label)) joins.push(n);
  };
  visit(explainPlan(r.plan).tree);
  const n = joins[k];
  return n ? `**${n.label}**\n\n${n.detail.join('\n\n')}` : null;
}
