import type { Severity, Span } from '../core/diagnostic';

/** An analysis problem before it is turned into a line/column Diagnostic. */
export interface Problem {
  readonly message: string;
  readonly span: Span;
  readonly severity?: Severity;
}
