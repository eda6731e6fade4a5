/** Statement → SQL text: one clause per line. Also the editor's "Format" action. */
import type { CreateStreamStmt, FromClause, SelectStmt, Statement } from './ast';
import { RESERVED } from './keywords';
import { parseScript } from './parser';
import { printExpr, printIdent } from './printer-expr';

export function printStatement(s: Statement): string {
  return s.kind === 'select' ? printSelect(s) : printCreate(s);
}

function printFrom(f: FromClause): string {
  const alias = f.alias ? ` AS ${printIdent(f.alias)}` : '';
  if (f.kind === 'stream') return printIdent(f.name) + alias;
  const part = f.partitionBy.length ? ` PARTITION BY ${f.partitionBy.map(printExpr).join(', ')}` : '';
  const args = f.args.map((a) => ', ' + printExpr(a)).join('');
  return `TABLE(${f.fn.toUpperCase()}(TABLE ${printIdent(f.table)}${part}, DESCRIPTOR(${printIdent(f.descriptor)})${args}))${alias}`;
}

function printSelect(s: SelectStmt): string {
  const items = s.items.map((i) =>
    i.kind === 'star'
      ? (i.qualifier ? printIdent(i.qualifier) + '.' : '') + '*'
      : printExpr(i.expr) + (i.alias ? ` AS ${printIdent(i.alias)}` : ''),
  );
  const lines = [`${s.explain ? 'EXPLAIN ' : ''}SELECT ${s.distinct ? 'DISTINCT ' : ''}${items.join(', ')}`];
  if (s.from) lines.push(`FROM ${printFrom(s.from)}`);
  if (s.where) lines.push(`WHERE ${printExpr(s.where)}`);
  if (s.groupBy.length) lines.push(`GROUP BY ${s.groupBy.map(printExpr).join(', ')}`);
  if (s.window) {
    const w = s.window;
    const args = [...(w.timeColumn ? [printIdent(w.timeColumn)] : []), ...w.args.map(printExpr)];
    const grace = w.grace ? ` GRACE PERIOD ${printExpr(w.grace)}` : '';
    lines.push(`WINDOW ${w.keyword.toUpperCase()} (${args.join(', ')})${grace}`);
  }
  if (s.having) lines.push(`HAVING ${printExpr(s.having)}`);
  if (s.emit) lines.push(`EMIT ${s.emit.mode.toUpperCase()}`);
  if (s.limit) lines.push(`LIMIT ${printExpr(s.limit)}`);
  return lines.join('\n');
}

function printCreate(s: CreateStreamStmt): string {
  const cols = s.columns.map((c) => `  ${printIdent(c.name)} ${c.typeName.name.toUpperCase()}`);
  if (s.watermark)
    cols.push(`  WATERMARK FOR ${printIdent(s.watermark.column)} AS ${printExpr(s.watermark.expr)}`);
  let out = `CREATE STREAM ${printIdent(s.name)} (\n${cols.join(',\n')}\n)`;
  if (s.options.length) {
    const opts = s.options.map((o) => {
      const bare = o.key.split('.').every((k) => /^[a-z_][a-z0-9_]*$/.test(k) && !RESERVED.has(k));
      const key = bare ? o.key : `'${o.key.replace(/'/g, "''")}'`;
      return `  ${key} = ${printExpr(o.value)}`;
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
    return r.script.statements.map(printStatement).join(';\n\n') + ';\n';
  } catch {
    return null;
  }
}
