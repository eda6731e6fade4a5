/** Editor diagnostics for the whole script: every statement's syntax and analysis problems. */
import type { Diagnostic } from '../core/diagnostic';
import { lineStarts, toDiagnostic } from '../sql/positions';
import { analyzeSelect } from '../plan/analyzer-query';
import { analyzeScript, sortDiagnostics } from '../plan/compile';
import type { Problem } from '../plan/problems';

export function diagnose(sql: string): Diagnostic[] {
  try {
    const a = analyzeScript(sql);
    const problems: Problem[] = [...a.parse.errors, ...a.ddlProblems];
    for (const q of a.queries) if (!q.broken) analyzeSelect(sql, q.stmt, a.catalog, problems);
    const starts = lineStarts(sql);
    return sortDiagnostics(problems.map((p) => toDiagnostic(starts, p.message, p.span, p.severity)));
  } catch (e) {
    return [
      {
        message: `internal error while checking: ${e instanceof Error ? e.message : String(e)}`,
        line: 1,
        column: 1,
        length: 1,
        severity: 'error',
      },
    ];
  }
}
