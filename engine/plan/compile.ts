/**
 * The front end's public entry: SQL script → diagnostics + logical and
 * physical plan of one query. Never throws (a last-resort catch turns an
 * internal failure into a diagnostic).
 */
import type { Diagnostic, Span } from '../core/diagnostic';
import type { CreateStreamStmt, SelectStmt } from '../sql/ast';
import { parseScript, type ParseResult } from '../sql/parser';
import { lineStarts, toDiagnostic } from '../sql/positions';
import { analyzeSelect } from './analyzer-query';
import type { LogicalPlan } from './logical-plan';
import type { PhysicalPlan } from './physical-plan';
import { toPhysical } from './physical-planner';
import type { Problem } from './problems';
import { buildCatalog, type Catalog, type StreamDeclInfo } from './stream-catalog';

export type { StreamDeclInfo } from './stream-catalog';
export type { LogicalPlan } from './logical-plan';

export interface CompileResult {
  readonly plan: PhysicalPlan | null;
  readonly logical: LogicalPlan | null;
  readonly diagnostics: Diagnostic[];
  /** The compiled query was `EXPLAIN …`. */
  readonly explain: boolean;
  /** Every SELECT in the script. */
  readonly queries: { index: number; span: Span }[];
  /** Declared streams with their WITH options and spans, for the sources panel. */
  readonly streams: StreamDeclInfo[];
}

export interface CompileOptions {
  readonly queryIndex?: number;
  readonly offset?: number;
}

export interface QueryEntry {
  readonly index: number;
  readonly stmt: SelectStmt;
  /** Statement text including its trailing `;`. */
  readonly extent: Span;
  readonly broken: boolean;
}

/** Parse + catalog: what both compiling and the editor's diagnostics need. */
export interface ScriptAnalysis {
  readonly parse: ParseResult;
  readonly catalog: Catalog;
  readonly ddlProblems: Problem[];
  readonly queries: readonly QueryEntry[];
}

export function analyzeScript(sql: string): ScriptAnalysis {
  const parse = parseScript(sql);
  const ddl = parse.script.statements.filter((s): s is CreateStreamStmt => s.kind === 'createStream');
  const ddlProblems: Problem[] = [];
  const catalog = buildCatalog(ddl, ddlProblems);
  const queries: QueryEntry[] = [];
  parse.script.statements.forEach((s, i) => {
    if (s.kind === 'select')
      queries.push({ index: queries.length, stmt: s, extent: parse.extents[i]!, broken: parse.broken[i]! });
  });
  return { parse, catalog, ddlProblems, queries };
}

/** The query containing `offset`, else the last one before it, else by index, else the last. */
export function pickQuery(queries: readonly QueryEntry[], opts: CompileOptions): QueryEntry | undefined {
  if (opts.offset !== undefined) {
    const off = opts.offset;
    const inside = queries.find((q) => q.extent.start <= off && off <= q.extent.end);
    if (inside) return inside;
    const before = queries.filter((q) => q.extent.start <= off);
    return before[before.length - 1] ?? queries[0];
  }
  if (opts.queryIndex !== undefined) return queries[opts.queryIndex];
  return queries[queries.length - 1];
}

export function compileScript(sql: string, opts: CompileOptions = {}): CompileResult {
  let result: CompileResult = {
    plan: null,
    logical: null,
    diagnostics: [],
    explain: false,
    queries: [],
    streams: [],
  };
  try {
    result = compileUnsafe(sql, opts);
  } catch (e) {
    const message = `internal error while compiling: ${e instanceof Error ? e.message : String(e)}`;
    result = {
      ...result,
      plan: null,
      logical: null,
      diagnostics: [...result.diagnostics, { message, line: 1, column: 1, length: 1, severity: 'error' }],
    };
  }
  return result;
}

function compileUnsafe(sql: string, opts: CompileOptions): CompileResult {
  const a = analyzeScript(sql);
  const starts = lineStarts(sql);
  const queries = a.queries.map((q) => ({ index: q.index, span: q.stmt.span }));
  const streams = [...a.catalog.decls];
  const q = pickQuery(a.queries, opts);
  // Syntax errors of other queries do not block this one; DDL and stray text do.
  const elsewhere = (s: Span): boolean =>
    a.queries.some((o) => o !== q && o.extent.start <= s.start && s.start < o.extent.end);
  const problems: Problem[] = [...a.parse.errors.filter((e) => !elsewhere(e.span)), ...a.ddlProblems];
  let logical: LogicalPlan | null = null;
  if (!q) {
    const at = { start: sql.length, end: sql.length };
    if (opts.queryIndex !== undefined && a.queries.length > 0)
      problems.push({ message: `there is no query number ${opts.queryIndex + 1}`, span: at });
    else
      problems.push({
        message:
          a.parse.script.statements.length === 0
            ? 'the script is empty: write a SELECT query'
            : 'the script has no SELECT query to run',
        span: at,
      });
  } else if (!q.broken) {
    logical = analyzeSelect(sql, q.stmt, a.catalog, problems);
  }
  const diagnostics = sortDiagnostics(
    problems.map((p) => toDiagnostic(starts, p.message, p.span, p.severity)),
  );
  const failed = diagnostics.some((d) => d.severity === 'error');
  return {
    plan: failed || !logical ? null : toPhysical(logical),
    logical: failed ? null : logical,
    diagnostics:
      failed || logical
        ? diagnostics
        : [
            ...diagnostics,
            toDiagnostic(starts, 'the query could not be compiled', q?.stmt.span ?? { start: 0, end: 0 }),
          ],
    explain: q?.stmt.explain ?? false,
    queries,
    streams,
  };
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((x, y) => x.line - y.line || x.column - y.column);
}
