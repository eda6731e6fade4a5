/** Editor completions: what may come next at an offset (keywords, streams, columns, functions, snippets). */
import { BUILTIN_STREAMS } from '../core/builtin-streams';
import type { Span } from '../core/diagnostic';
import { STREAM_OPTIONS, GENERATOR_NAMES } from '../core/stream-options';
import { FUNCTIONS } from '../sql/functions';
import { printIdent } from '../sql/printer-expr';
import { isWord, type Token } from '../sql/token';
import { TYPE_NAME_LIST } from '../plan/analyzer-types';
import type { StreamInfo } from '../plan/stream-catalog';
import { cursorContext, type CursorContext } from './cursor-context';

export interface Completion {
  readonly label: string;
  readonly kind: 'keyword' | 'stream' | 'column' | 'function' | 'snippet';
  readonly detail?: string;
  readonly insertText?: string;
  readonly documentation?: string;
  /**
   * Where the inserted text starts, when not at the word being typed: inside a
   * quoted name (`` `my or| ``) the opening quote is replaced too.
   */
  readonly replaceFrom?: number;
  /** With `replaceFrom`: where the replaced text ends (past the closing quote the editor typed). */
  readonly replaceTo?: number;
}

/**
 * A name as it must be typed to mean exactly it: bare where a bare word will do, else
 * in backticks (Flink's quotes), or in double quotes if its case matters (backticks fold it).
 */
function quoteName(name: string): string {
  const bare = printIdent({ name, quoted: false, span: { start: 0, end: 0 } });
  if (bare === name) return name;
  return printIdent(
    { name, quoted: true, span: { start: 0, end: 0 } },
    name === name.toLowerCase() ? '`' : '"',
  );
}
const typed = (name: string): string | undefined => (quoteName(name) === name ? undefined : quoteName(name));

const kw = (label: string, detail?: string): Completion => ({
  label,
  kind: 'keyword',
  ...(detail ? { detail } : {}),
});
const snippet = (label: string, insertText: string, documentation: string): Completion => ({
  label,
  kind: 'snippet',
  insertText,
  documentation,
});

const WINDOW_SNIPPETS: readonly Completion[] = [
  snippet(
    'TUMBLING (ts, size)',
    "TUMBLING (ts, INTERVAL '1' MINUTE)",
    'Fixed, non-overlapping event-time windows.',
  ),
  snippet(
    'HOPPING (ts, size, advance)',
    "HOPPING (ts, INTERVAL '10' SECOND, INTERVAL '5' SECOND)",
    'Overlapping windows of `size` every `advance`.',
  ),
  snippet(
    'SESSION (ts, gap)',
    "SESSION (ts, INTERVAL '30' SECOND)",
    'Per-key sessions closed by a gap of inactivity.',
  ),
];
const INTERVAL_SNIPPETS: readonly Completion[] = [
  snippet("INTERVAL '1' SECOND", "INTERVAL '1' SECOND", 'An interval literal.'),
  snippet("INTERVAL '1' MINUTE", "INTERVAL '1' MINUTE", 'An interval literal.'),
];
const TVF_SNIPPETS: readonly Completion[] = [
  snippet(
    'TABLE(TUMBLE(…))',
    "TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
    'Flink window TVF: tumbling windows.',
  ),
  snippet(
    'TABLE(HOP(…))',
    "TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))",
    'Flink window TVF: HOP(table, time, slide, size).',
  ),
  snippet(
    'TABLE(CUMULATE(…))',
    "TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))",
    'Flink window TVF: CUMULATE(table, time, step, size) — windows from one start growing by step up to size.',
  ),
  snippet(
    'TABLE(SESSION(…))',
    "TABLE(SESSION(TABLE trades PARTITION BY symbol, DESCRIPTOR(ts), INTERVAL '30' SECOND))",
    'Flink window TVF: sessions.',
  ),
];
const STATEMENT_START: readonly Completion[] = [
  kw('SELECT'),
  kw('CREATE STREAM'),
  kw('EXPLAIN'),
  snippet('SELECT … FROM …', 'SELECT *\nFROM trades', 'A query.'),
  snippet(
    'CREATE STREAM …',
    "CREATE STREAM name (\n  ts TIMESTAMP,\n  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n) WITH (generator = 'trades')",
    'Declare a source stream.',
  ),
];
const OVER_SNIPPET = snippet(
  'OVER (PARTITION BY … ORDER BY ts ROWS …)',
  'OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW)',
  'A row window.',
);

/** Clause keywords allowed after each clause (mirrors the parser's order). */
const NEXT_CLAUSES: Readonly<Record<string, readonly string[]>> = {
  select: ['FROM'],
  from: ['WHERE', 'GROUP BY', 'WINDOW', 'HAVING', 'EMIT', 'LIMIT'],
  where: ['GROUP BY', 'WINDOW', 'HAVING', 'EMIT', 'LIMIT'],
  group: ['WINDOW', 'HAVING', 'EMIT', 'LIMIT'],
  window: ['HAVING', 'EMIT', 'LIMIT'],
  having: ['EMIT', 'LIMIT'],
  emit: ['LIMIT'],
  limit: [],
};
const EXPR_KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'IS NULL',
  'IS NOT NULL',
  'BETWEEN',
  'IN',
  'LIKE',
  'CASE',
  'CAST',
  'AS',
  'DISTINCT',
  'INTERVAL',
  'NULL',
  'TRUE',
  'FALSE',
];

export function streamCompletion(s: StreamInfo): Completion {
  const insertText = typed(s.name);
  return {
    label: s.name,
    kind: 'stream',
    ...(insertText ? { insertText } : {}),
    detail: `stream · ${s.schema.length} columns`,
    documentation: `${s.doc}\n\n${s.schema.map((f) => `${f.name} ${f.type}`).join(', ')}`,
  };
}

function columnCompletions(ctx: CursorContext, windowed: boolean): Completion[] {
  const out: Completion[] = [];
  for (const { stream } of ctx.scope) {
    for (const f of stream.schema) {
      const insertText = typed(f.name);
      out.push({
        label: f.name,
        kind: 'column',
        detail: `${f.type} · ${stream.name}`,
        ...(insertText ? { insertText } : {}),
      });
    }
  }
  if (windowed) {
    for (const w of ['window_start', 'window_end'])
      out.push({ label: w, kind: 'column', detail: 'TIMESTAMP · window' });
  }
  return out;
}

const functionCompletions = (): Completion[] =>
  FUNCTIONS.map((f) => ({
    label: f.name,
    kind: 'function',
    detail: f.signature,
    documentation: f.doc,
    insertText: `${f.name}(`,
  }));

function currentClause(before: readonly Token[]): string | undefined {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const t = before[i]!;
    if (t.kind === 'op' && t.value === ')') depth++;
    if (t.kind === 'op' && t.value === '(') depth = Math.max(0, depth - 1);
    if (depth === 0 && t.kind === 'ident' && t.value in NEXT_CLAUSES) return t.value;
  }
  return undefined;
}

export function completionsAt(sql: string, offset: number): Completion[] {
  try {
    return complete(cursorContext(sql, Math.max(0, Math.min(offset, sql.length))));
  } catch {
    return [];
  }
}

function complete(ctx: CursorContext): Completion[] {
  if (ctx.at?.kind === 'qident') return quotedCompletions(ctx, ctx.at.span);
  const b = ctx.before;
  const last = b[b.length - 1];
  const prev = b[b.length - 2];
  const streams = [...ctx.analysis.catalog.streams.values()].map(streamCompletion);
  if (b.length === 0 || (b.length === 1 && isWord(last, 'explain')))
    return isWord(last, 'explain') ? [kw('SELECT')] : [...STATEMENT_START];
  if (isWord(b[0], 'create')) return createCompletions(ctx);
  if (isWord(last, 'from')) return [...streams, ...TVF_SNIPPETS];
  if (isWord(last, 'table')) return streams;
  if (isWord(last, 'window'))
    return [...WINDOW_SNIPPETS, kw('TUMBLING'), kw('HOPPING'), kw('SLIDING'), kw('SESSION')];
  if (isWord(last, 'emit')) return [kw('CHANGES'), kw('FINAL')];
  if (isWord(last, 'group') || isWord(last, 'order') || isWord(last, 'partition')) return [kw('BY')];
  if (isWord(last, 'grace')) return [kw('PERIOD')];
  if (last?.kind === 'string' && isWord(prev, 'interval'))
    return ['MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY'].map((u) => kw(u));
  if (last?.kind === 'op' && last.value === '.' && prev) {
    const scoped = ctx.scope.filter((s) => s.alias === prev.value || s.stream.name === prev.value);
    return columnCompletions({ ...ctx, scope: scoped }, false);
  }
  const clause = currentClause(b) ?? 'select';
  const windowed =
    ctx.statement?.kind === 'select' && (ctx.statement.window !== null || ctx.statement.from?.kind === 'tvf');
  const out: Completion[] = [...columnCompletions(ctx, windowed), ...functionCompletions()];
  out.push(...(NEXT_CLAUSES[clause] ?? []).map((k) => kw(k)), ...EXPR_KEYWORDS.map((k) => kw(k)));
  if (clause === 'select') out.push(OVER_SNIPPET, kw('OVER'));
  if (clause === 'window') out.push(kw('GRACE PERIOD'), ...INTERVAL_SNIPPETS);
  if (clause === 'from') out.push(...streams);
  return out;
}

/**
 * Inside a quoted name only names can follow: every name in scope, written out
 * whole from the quote — in backticks as typed, unless its case matters (backticks fold it).
 */
function quotedCompletions(ctx: CursorContext, quoted: Span): Completion[] {
  const names = [
    ...columnCompletions(ctx, false),
    ...[...ctx.analysis.catalog.streams.values()].map(streamCompletion),
  ];
  return names.map((c) => ({
    ...c,
    insertText: printIdent(
      { name: c.label, quoted: true, span: { start: 0, end: 0 } },
      c.label === c.label.toLowerCase() ? '`' : '"',
    ),
    replaceFrom: quoted.start,
    replaceTo: quoted.end,
  }));
}

function createCompletions(ctx: CursorContext): Completion[] {
  const b = ctx.before;
  const last = b[b.length - 1];
  const withAt = b.findIndex((t) => isWord(t, 'with'));
  if (b.length === 1) return [kw('STREAM')];
  if (b.length === 2 && isWord(last, 'stream'))
    return BUILTIN_STREAMS.map((s) => ({ label: s.name, kind: 'stream', detail: 'built-in generator' }));
  if (withAt >= 0) {
    if (last?.kind === 'op' && last.value === '=') {
      const key = b[b.length - 2]?.value;
      if (key === 'generator')
        return GENERATOR_NAMES.map((g) => ({ label: `'${g}'`, kind: 'keyword', detail: 'generator' }));
      return [];
    }
    if (last?.kind === 'op' && (last.value === '(' || last.value === ',')) {
      return STREAM_OPTIONS.map((o) => ({
        label: o.name,
        kind: 'keyword',
        detail: `${o.kind}${o.defaultValue !== undefined ? ` · default ${o.defaultValue}` : ''}`,
        documentation: o.doc,
        insertText: `${o.name} = `,
      }));
    }
    return [];
  }
  if (last?.kind === 'ident' && (b[b.length - 2]?.value === '(' || b[b.length - 2]?.value === ',')) {
    return TYPE_NAME_LIST.map((t) => kw(t, 'type'));
  }
  if (last?.kind === 'op' && last.value === ')') return [kw('WITH')];
  const gen = ctx.scope[0]?.stream;
  const cols: Completion[] = gen?.generator
    ? (BUILTIN_STREAMS.find((s) => s.name === gen.generator)?.columns ?? []).map((f) => ({
        label: `${f.name} ${f.type}`,
        kind: 'column',
        insertText: `${f.name} ${f.type}`,
      }))
    : [];
  return [
    ...cols,
    kw('WATERMARK FOR'),
    snippet(
      'WATERMARK FOR ts AS ts - INTERVAL …',
      "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND",
      'Event-time column and watermark delay.',
    ),
  ];
}
