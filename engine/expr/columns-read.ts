/** Which input columns a set of expressions reads: lets an operator skip columns nobody downstream looks at. */
import type { Expr } from '../plan/physical-plan';

export function columnsRead(exprs: readonly Expr[], into: Set<number> = new Set()): Set<number> {
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'column':
        into.add(e.index);
        return;
      case 'literal':
        return;
      case 'unary':
      case 'isNull':
      case 'cast':
        visit(e.arg);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'between':
        visit(e.arg);
        visit(e.low);
        visit(e.high);
        return;
      case 'in':
        visit(e.arg);
        e.list.forEach(visit);
        return;
      case 'like':
        visit(e.arg);
        visit(e.pattern);
        return;
      case 'case':
        if (e.operand) visit(e.operand);
        for (const w of e.whens) {
          visit(w.when);
          visit(w.then);
        }
        if (e.otherwise) visit(e.otherwise);
        return;
      case 'call':
        e.args.forEach(visit);
        return;
      default: {
        const never: never = e;
        throw new Error(`unknown expression ${JSON.stringify(never)}`);
      }
    }
  };
  exprs.forEach(visit);
  return into;
}
