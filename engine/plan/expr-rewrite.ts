/** Generic walks over bound expressions: rewrite column indices, collect them, compare. */
import type { Expr } from './physical-plan';

export function mapColumns(
  e: Expr,
  f: (index: number, col: Extract<Expr, { kind: 'column' }>) => Expr,
): Expr {
  const m = (x: Expr): Expr => mapColumns(x, f);
  switch (e.kind) {
    case 'column':
      return f(e.index, e);
    case 'literal':
      return e;
    case 'unary':
      return { ...e, arg: m(e.arg) };
    case 'binary':
      return { ...e, left: m(e.left), right: m(e.right) };
    case 'isNull':
      return { ...e, arg: m(e.arg) };
    case 'between':
      return { ...e, arg: m(e.arg), low: m(e.low), high: m(e.high) };
    case 'in':
      return { ...e, arg: m(e.arg), list: e.list.map(m) };
    case 'like':
      return { ...e, arg: m(e.arg), pattern: m(e.pattern) };
    case 'case':
      return {
        ...e,
        operand: e.operand && m(e.operand),
        whens: e.whens.map((w) => ({ when: m(w.when), then: m(w.then) })),
        otherwise: e.otherwise && m(e.otherwise),
      };
    case 'cast':
      return { ...e, arg: m(e.arg) };
    case 'call':
      return { ...e, args: e.args.map(m) };
  }
}

/** Every column index the expression reads. */
export function columnsOf(e: Expr, out: Set<number> = new Set()): Set<number> {
  mapColumns(e, (i, c) => {
    out.add(i);
    return c;
  });
  return out;
}

export function sameExpr(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
