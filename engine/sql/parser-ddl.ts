/** `CREATE STREAM name (col TYPE, …, WATERMARK FOR col AS col - INTERVAL …) WITH (k = v, …)`. */
import type { ColumnDef, CreateStreamStmt, OptionDef, SqlExpr } from './ast';
import type { ExprParser } from './parser-expr';

export function parseCreateStream(p: ExprParser, start: number): CreateStreamStmt {
  p.expectKw('create');
  // CREATE TABLE is Flink's spelling of the same thing.
  if (!p.acceptKw('table')) p.expectKw('stream', ' after CREATE');
  const name = p.ident('a stream name');
  const columns: ColumnDef[] = [];
  let watermark: CreateStreamStmt['watermark'] = null;
  p.expectOp('(', ' to start the column list');
  do {
    if (p.isKw('watermark')) {
      const wStart = p.next().span.start;
      p.expectKw('for', ' after WATERMARK');
      const column = p.ident('the time column');
      p.expectKw('as', ' in WATERMARK FOR col AS …');
      const expr = p.expr();
      watermark = { column, expr, span: p.spanFrom(wStart) };
    } else {
      const col = p.ident('a column name');
      const typeName = p.typeName();
      columns.push({ name: col, typeName, span: p.spanFrom(col.span.start) });
    }
  } while (p.acceptOp(','));
  p.expectOp(')', ' to close the column list');
  const options: OptionDef[] = [];
  if (p.acceptKw('with')) {
    p.expectOp('(', ' after WITH');
    if (!p.isOp(')')) {
      do options.push(option(p));
      while (p.acceptOp(','));
    }
    p.expectOp(')', ' to close WITH (');
  }
  return { kind: 'createStream', name, columns, watermark, options, span: p.spanFrom(start) };
}

/** `key = value`; keys may be dotted or quoted ('rows-per-second'), values are literals. */
function option(p: ExprParser): OptionDef {
  const t = p.peek();
  let key: string;
  if (t.kind === 'string') {
    p.next();
    key = t.value.toLowerCase();
  } else {
    key = p.ident('an option name').name;
    while (p.acceptOp('.')) key += '.' + p.ident('an option name').name;
  }
  const keySpan = p.spanFrom(t.span.start);
  p.expectOp('=', ` after option \`${key}\``);
  const v = p.peek();
  let value: SqlExpr;
  if (v.kind === 'ident' && !['interval', 'true', 'false', 'null'].includes(v.value)) {
    // A bare word (generator = trades) reads as a string.
    p.next();
    value = { kind: 'string', value: v.value, span: v.span };
  } else value = p.expr();
  return { key, keySpan, value, span: p.spanFrom(t.span.start) };
}
