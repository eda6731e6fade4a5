import type { Diagnostic, Severity, Span } from '../core/diagnostic';

/** Offsets of line starts, for turning spans into 1-based line/column. */
export function lineStarts(sql: string): number[] {
  const starts = [0];
  for (let i = 0; i < sql.length; i++) if (sql.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function toDiagnostic(
  starts: readonly number[],
  message: string,
  span: Span,
  severity: Severity = 'error',
): Diagnostic {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= span.start) lo = mid;
    else hi = mid - 1;
  }
  return {
    message,
    line: lo + 1,
    column: span.start - starts[lo]! + 1,
    length: Math.max(1, span.end - span.start),
    severity,
  };
}
