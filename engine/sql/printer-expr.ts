/** Expression → SQL text, with the fewest parentheses that parse back to the same tree. */
import type { Ident, OverClause, SqlExpr } from './ast';
import { UNIT_SHORTHAND } from './interval';
import { RESERVED } from './keywords';

/** Binding strength of binary operators, as the parser climbs them (shared with EXPLAIN's printer). */
export const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  OR: 1,
  AND: 2,
  '=': 4,
  '<>': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
  '||': 6,
};

function precedence(e: SqlExpr): number {
  switch (e.kind) {
    case 'binary':
      return BINARY_PRECEDENCE[e.op]!;
    case 'unary':
      return e.op === 'NOT' ? 3 : 7;
    case 'isNull':
    case 'between':
    case 'in':
    case 'like':
      return 4;
    default:
      return 8;
  }
}

export function printIdent(id: Ident): string {
  const plain = /^[a-z_][a-z0-9_$]*$/.test(id.name) && !RESERVED.has(id.name);
  return plain && !id.quoted ? id.name : `"${id.name}"`;
}

function wrap(e: SqlExpr, min: number): string {
  const s = printExpr(e);
  return precedence(e) < min ? `(${s})` : s;
}

export function printExpr(e: SqlExpr): string {
  switch (e.kind) {
    case 'column':
      return e.qualifier ? `${printIdent(e.qualifier)}.${printIdent(e.name)}` : printIdent(e.name);
    case 'number':
      return e.text;
    case 'string':
      return `'${e.value.replace(/'/g, "''")}'`;
    case 'boolean':
      return e.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'interval':
      return e.shorthand ? `${e.amount}${UNIT_SHORTHAND[e.unit]}` : `INTERVAL '${e.amount}' ${e.unit}`;
    case 'unary':
      if (e.op === 'NOT') return `NOT ${wrap(e.arg, 3)}`;
      // `- -x` must not print as the comment `--x`.
      return e.arg.kind === 'unary' ? `-(${printExpr(e.arg)})` : `-${wrap(e.arg, 7)}`;
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op]!;
      // Comparisons take additive operands on both sides; others are left-associative.
      const lmin = p === 4 ? 5 : p;
      return `${wrap(e.left, lmin)} ${e.op} ${wrap(e.right, p === 4 ? 5 : p + 1)}`;
    }
    case 'isNull':
      return `${wrap(e.arg, 5)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'between':
      return `${wrap(e.arg, 5)} ${e.negated ? 'NOT ' : ''}BETWEEN ${wrap(e.low, 5)} AND ${wrap(e.high, 5)}`;
    case 'in':
      return `${wrap(e.arg, 5)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(printExpr).join(', ')})`;
    case 'like':
      return `${wrap(e.arg, 5)} ${e.negated ? 'NOT ' : ''}LIKE ${wrap(e.pattern, 5)}`;
    case 'case': {
      const parts = ['CASE'];
      if (e.operand) parts.push(printExpr(e.operand));
      for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`);
      if (e.otherwise) parts.push(`ELSE ${printExpr(e.otherwise)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'cast':
      return `CAST(${printExpr(e.arg)} AS ${e.typeName.name.toUpperCase()})`;
    case 'call': {
      const args = e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${e.args.map(printExpr).join(', ')}`;
      const call = `${e.name.name.toUpperCase()}(${args})`;
      return e.over ? `${call} OVER (${printOver(e.over)})` : call;
    }
  }
}

export function printOver(o: OverClause): string {
  const parts: string[] = [];
  if (o.frame?.syntax === 'buffer') parts.push(`ROWS WINDOW BUFFER ${(o.frame.preceding ?? 0) + 1} ROWS`);
  if (o.partitionBy.length) parts.push(`PARTITION BY ${o.partitionBy.map(printExpr).join(', ')}`);
  if (o.orderBy.length)
    parts.push(`ORDER BY ${o.orderBy.map((x) => printExpr(x.expr) + (x.desc ? ' DESC' : '')).join(', ')}`);
  if (o.frame?.syntax === 'between') {
    const from = o.frame.preceding === null ? 'UNBOUNDED' : String(o.frame.preceding);
    parts.push(`ROWS BETWEEN ${from} PRECEDING AND CURRENT ROW`);
  }
  return parts.join(' ');
}
