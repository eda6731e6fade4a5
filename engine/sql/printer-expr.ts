/** Expression → SQL text, with the fewest parentheses that parse back to the same tree. */
import type { Ident, OverClause, SqlExpr, TypeRef } from './ast';
import { flinkInterval, INTERVAL_UNITS, UNIT_SHORTHAND } from './interval';
import { RESERVED } from './keywords';
// A cycle, for the one expression that holds a query: both modules only call each other's functions later.
import { printStatement } from './printer';

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
    case 'subqueryTest':
    case 'like':
      return 4;
    default:
      return 8;
  }
}

/**
 * How identifiers are quoted: `"` (Windtunnel's own printing, which quotes only
 * where needed) or `` ` `` (Flink, which reserves far more words than we do, so
 * the export quotes every name and stays valid whatever the columns are called).
 */
export type QuoteStyle = '"' | '`';

export function printIdent(id: Ident, q: QuoteStyle = '"'): string {
  const plain = /^[a-z_][a-z0-9_$]*$/.test(id.name) && !RESERVED.has(id.name);
  if (q === '"' && plain && !id.quoted) return id.name;
  return q + id.name.split(q).join(q + q) + q;
}

/** `DECIMAL(10, 2)`, `TIMESTAMP_LTZ(3)`: a type as written, canonical name upper-cased. */
export function printType(t: TypeRef): string {
  return t.name.toUpperCase() + (t.args.length ? `(${t.args.join(', ')})` : '');
}

function wrap(e: SqlExpr, min: number, q: QuoteStyle): string {
  const s = printExpr(e, q);
  return precedence(e) < min ? `(${s})` : s;
}

export function printExpr(e: SqlExpr, q: QuoteStyle = '"'): string {
  switch (e.kind) {
    case 'column':
      return e.qualifier ? `${printIdent(e.qualifier, q)}.${printIdent(e.name, q)}` : printIdent(e.name, q);
    case 'number':
      return e.text;
    case 'string':
      return `'${e.value.replace(/'/g, "''")}'`;
    case 'boolean':
      return e.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'interval':
      // Backtick quoting is the Flink export's: Flink spells intervals its own way.
      if (q === '`') return flinkInterval(e.amount * INTERVAL_UNITS[e.unit]);
      return e.shorthand ? `${e.amount}${UNIT_SHORTHAND[e.unit]}` : `INTERVAL '${e.amount}' ${e.unit}`;
    case 'unary':
      if (e.op === 'NOT') return `NOT ${wrap(e.arg, 3, q)}`;
      // `- -x` must not print as the comment `--x`.
      return e.arg.kind === 'unary' ? `-(${printExpr(e.arg, q)})` : `-${wrap(e.arg, 7, q)}`;
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op]!;
      // Comparisons take additive operands on both sides; others are left-associative.
      const lmin = p === 4 ? 5 : p;
      return `${wrap(e.left, lmin, q)} ${e.op} ${wrap(e.right, p === 4 ? 5 : p + 1, q)}`;
    }
    case 'isNull':
      return `${wrap(e.arg, 5, q)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'between':
      return `${wrap(e.arg, 5, q)} ${e.negated ? 'NOT ' : ''}BETWEEN ${wrap(e.low, 5, q)} AND ${wrap(e.high, 5, q)}`;
    case 'in':
      return `${wrap(e.arg, 5, q)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map((x) => printExpr(x, q)).join(', ')})`;
    case 'subqueryTest': {
      const query = `(${printStatement(e.query, q)})`;
      if (e.arg === null) return `${e.negated ? 'NOT ' : ''}EXISTS ${query}`;
      return `${wrap(e.arg, 5, q)} ${e.negated ? 'NOT ' : ''}IN ${query}`;
    }
    case 'like':
      return `${wrap(e.arg, 5, q)} ${e.negated ? 'NOT ' : ''}LIKE ${wrap(e.pattern, 5, q)}`;
    case 'case': {
      const parts = ['CASE'];
      if (e.operand) parts.push(printExpr(e.operand, q));
      for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when, q)} THEN ${printExpr(w.then, q)}`);
      if (e.otherwise) parts.push(`ELSE ${printExpr(e.otherwise, q)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'cast':
      return `CAST(${printExpr(e.arg, q)} AS ${printType(e.typeName)})`;
    case 'call': {
      const args = e.star
        ? '*'
        : `${e.distinct ? 'DISTINCT ' : ''}${e.args.map((x) => printExpr(x, q)).join(', ')}`;
      const call = `${e.name.name.toUpperCase()}(${args})`;
      return e.over ? `${call} OVER (${printOver(e.over, q)})` : call;
    }
  }
}

export function printOver(o: OverClause, q: QuoteStyle = '"'): string {
  const parts: string[] = [];
  if (o.frame?.syntax === 'buffer') parts.push(`ROWS WINDOW BUFFER ${(o.frame.preceding ?? 0) + 1} ROWS`);
  if (o.partitionBy.length)
    parts.push(`PARTITION BY ${o.partitionBy.map((x) => printExpr(x, q)).join(', ')}`);
  if (o.orderBy.length)
    parts.push(`ORDER BY ${o.orderBy.map((x) => printExpr(x.expr, q) + (x.desc ? ' DESC' : '')).join(', ')}`);
  if (o.frame?.syntax === 'between') {
    const from = o.frame.preceding === null ? 'UNBOUNDED' : String(o.frame.preceding);
    parts.push(`ROWS BETWEEN ${from} PRECEDING AND CURRENT ROW`);
  }
  return parts.join(' ');
}
