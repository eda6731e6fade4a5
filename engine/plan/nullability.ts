/** Whether a bound expression can be NULL, for output schemas. Conservative: "maybe" is true. */
import type { Schema } from '../core/types';
import type { Expr } from './physical-plan';

export function nullableOf(e: Expr, input: Schema): boolean {
  const n = (x: Expr): boolean => nullableOf(x, input);
  switch (e.kind) {
    case 'column':
      return input[e.index]?.nullable ?? true;
    case 'literal':
      return e.value === null;
    case 'isNull':
      return false;
    case 'unary':
    case 'cast':
      return n(e.arg);
    case 'binary':
      // Division by zero yields NULL rather than failing the run.
      return e.op === '/' || e.op === '%' || n(e.left) || n(e.right);
    case 'between':
      return n(e.arg) || n(e.low) || n(e.high);
    case 'in':
      return n(e.arg) || e.list.some(n);
    case 'like':
      return n(e.arg) || n(e.pattern);
    case 'case':
      return e.otherwise === null || n(e.otherwise) || e.whens.some((w) => n(w.then));
    case 'call':
      if (e.fn === 'COALESCE') return e.args.every(n);
      return e.fn === 'SQRT' || e.fn === 'LN' || e.args.some(n);
  }
}
