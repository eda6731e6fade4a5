/**
 * A WHERE as its AND-ed conjuncts: split, rejoined, and shared out among the
 * joins of `FROM a, b, c WHERE …`, where each comma join's condition is the
 * part of WHERE about its own relations.
 */
import type { FromClause, SqlExpr } from '../sql/ast';
import { walk } from './query-context';

/** `a AND b AND c` → [a, b, c]. */
export function splitAnd(e: SqlExpr): SqlExpr[] {
  return e.kind === 'binary' && e.op === 'AND' ? [...splitAnd(e.left), ...splitAnd(e.right)] : [e];
}

/** [a, b, c] → `a AND b AND c`; null for none. */
export function andAll(list: readonly SqlExpr[]): SqlExpr | null {
  return list.length === 0
    ? null
    : list.reduce((left, right) => ({
        kind: 'binary',
        op: 'AND',
        left,
        right,
        span: { start: left.span.start, end: right.span.end },
      }));
}

/** The names a FROM item's columns may be qualified with. */
function namesOf(f: FromClause): string[] {
  switch (f.kind) {
    case 'stream':
      return [f.alias?.name ?? f.name.name];
    case 'tvf':
      return [f.alias?.name ?? f.table.name];
    case 'subquery':
      return f.alias ? [f.alias.name] : [];
    case 'join':
      return [...namesOf(f.left), ...namesOf(f.right)];
  }
}

/**
 * `FROM a, b, c WHERE …` nests as (a, b), c: the conjuncts whose columns are all
 * qualified by a or b are the inner join's condition, the rest the outer one's
 * (an unqualified column may be anyone's, so its conjunct stays outside).
 */
export function commaWhere(
  left: FromClause,
  where: SqlExpr | null,
): { inner: SqlExpr | null; outer: SqlExpr | null } {
  if (where === null || left.kind !== 'join' || left.type !== 'comma') return { inner: null, outer: where };
  const names = new Set(namesOf(left));
  const inner: SqlExpr[] = [];
  const outer: SqlExpr[] = [];
  for (const c of splitAnd(where)) {
    let columns = 0;
    let mine = true;
    walk(c, (x) => {
      if (x.kind !== 'column') return;
      columns++;
      if (!x.qualifier || !names.has(x.qualifier.name)) mine = false;
    });
    (columns > 0 && mine ? inner : outer).push(c);
  }
  return { inner: andAll(inner), outer: andAll(outer) };
}
