/** Statement → SQL text: one clause per line. Also the editor's "Format" action. */
import type { CreateStreamStmt, FromClause, Ident, JoinKind, SelectStmt, SqlExpr, Statement } from './ast';
import { RESERVED } from './keywords';
import { parseScript } from './parser';
import { printExpr, printIdent, printType, type QuoteStyle } from './printer-expr';

export function printStatement(s: Statement, q: QuoteStyle = '"'): string {
  return s.kind === 'select' ? printSelect(s, q) : printCreate(s, q);
}

const JOIN_TEXT: Readonly<Record<JoinKind, string>> = {
  inner: 'JOIN',
  left: 'LEFT JOIN',
  right: 'RIGHT JOIN',
  full: 'FULL JOIN',
  cross: 'CROSS JOIN',
  comma: ',',
};

function printFrom(f: FromClause, q: QuoteStyle): string {
  const id = (i: Ident): string => printIdent(i, q);
  if (f.kind === 'join') {
    const right = f.right.kind === 'join' ? `(${printFrom(f.right, q)})` : printFrom(f.right, q);
    const cond = f.on ? ` ON ${printExpr(f.on, q)}` : f.using ? ` USING (${f.using.map(id).join(', ')})` : '';
    return `${printFrom(f.left, q)}${f.type === 'comma' ? ',' : ' ' + JOIN_TEXT[f.type]} ${right}${cond}`;
  }
  const alias = f.alias ? ` AS ${id(f.alias)}` : '';
  if (f.kind === 'stream')
    return id(f.name) + (f.asOf ? ` FOR SYSTEM_TIME AS OF ${printExpr(f.asOf, q)}` : '') + alias;
  if (f.kind === 'subquery') return `(\n${indent(printSelect(f.query, q))}\n)${alias}`;
  const part = f.partitionBy.length
    ? ` PARTITION BY ${f.partitionBy.map((e) => printExpr(e, q)).join(', ')}`
    : '';
  const args = f.args.map((a) => ', ' + printExpr(a, q)).join('');
  return `TABLE(${f.fn.toUpperCase()}(TABLE ${id(f.table)}${part}, DESCRIPTOR(${id(f.descriptor)})${args}))${alias}`;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => '  ' + l)
    .join('\n');

function printSelect(s: SelectStmt, q: QuoteStyle): string {
  const ex = (e: SqlExpr): string => printExpr(e, q);
  const items = s.items.map((i) =>
    i.kind === 'star'
      ? (i.qualifier ? printIdent(i.qualifier, q) + '.' : '') + '*'
      : ex(i.expr) + (i.alias ? ` AS ${printIdent(i.alias, q)}` : ''),
  );
  const lines: string[] = [];
  if (s.with.length)
    lines.push(
      'WITH ' +
        s.with.map((w) => `${printIdent(w.name, q)} AS (\n${indent(printSelect(w.query, q))}\n)`).join(',\n'),
    );
  lines.push(`${s.explain ? 'EXPLAIN ' : ''}SELECT ${s.distinct ? 'DISTINCT ' : ''}${items.join(', ')}`);
  if (s.from) lines.push(`FROM ${printFrom(s.from, q)}`);
  if (s.where) lines.push(`WHERE ${ex(s.where)}`);
  if (s.groupBy.length) lines.push(`GROUP BY ${s.groupBy.map(ex).join(', ')}`);
  if (s.window) {
    const w = s.window;
    const args = [...(w.timeColumn ? [printIdent(w.timeColumn, q)] : []), ...w.args.map(ex)];
    const grace = w.grace ? ` GRACE PERIOD ${ex(w.grace)}` : '';
    lines.push(`WINDOW ${w.keyword.toUpperCase()} (${args.join(', ')})${grace}`);
  }
  if (s.having) lines.push(`HAVING ${ex(s.having)}`);
  if (s.emit) lines.push(`EMIT ${s.emit.mode.toUpperCase()}`);
  if (s.limit) lines.push(`LIMIT ${ex(s.limit)}`);
  for (const u of s.unionAll) lines.push('UNION ALL', printSelect(u, q));
  return lines.join('\n');
}

function printCreate(s: CreateStreamStmt, q: QuoteStyle): string {
  const cols = s.columns.map((c) =>
    c.proctime
      ? `  ${printIdent(c.name, q)} AS PROCTIME()`
      : `  ${printIdent(c.name, q)} ${printType(c.typeName)}${c.notNull ? ' NOT NULL' : ''}`,
  );
  if (s.watermark)
    cols.push(`  WATERMARK FOR ${printIdent(s.watermark.column, q)} AS ${printExpr(s.watermark.expr, q)}`);
  if (s.primaryKey)
    cols.push(`  PRIMARY KEY (${s.primaryKey.columns.map((c) => printIdent(c, q)).join(', ')}) NOT ENFORCED`);
  let out = `CREATE STREAM ${printIdent(s.name, q)} (\n${cols.join(',\n')}\n)`;
  if (s.options.length) {
    const opts = s.options.map((o) => {
      const bare = o.key.split('.').every((k) => /^[a-z_][a-z0-9_]*$/.test(k) && !RESERVED.has(k));
      const key = bare ? o.key : `'${o.key.replace(/'/g, "''")}'`;
      return `  ${key} = ${printExpr(o.value, q)}`;
    });
    out += ` WITH (\n${opts.join(',\n')}\n)`;
  }
  return out;
}

/** Pretty-prints a script; null if it has syntax errors (formatting would lose text). */
export function formatScript(sql: string): string | null {
  try {
    const r = parseScript(sql);
    if (r.errors.length > 0) return null;
    // Nothing but comments and blanks: leave the text alone.
    if (r.script.statements.length === 0) return sql;
    return r.script.statements.map((s) => printStatement(s)).join(';\n\n') + ';\n';
  } catch {
    return null;
  }
}
