/** Errors are data: every problem the user can cause is one of these, with a position. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  /** Length of the offending text in UTF-16 code units (at least 1). */
  readonly length: number;
  readonly severity: Severity;
}

/** A source span: 0-based character offsets into the script, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Formats a diagnostic as the CLI prints it: `line:column: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.line}:${d.column}: ${d.message}`;
}
