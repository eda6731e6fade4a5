/** `CREATE STREAM name (col TYPE, …, WATERMARK FOR col AS col - INTERVAL …) WITH (k = v, …)`. */
import type { ColumnDef, CreateStreamStmt, OptionDef, SqlExpr } from './ast';
import type { ExprParser } from './parser-expr';

export function parseCreateStream(p: ExprParser, start: number): CreateStreamStmt {
  p.expectKw('create');
  // Flink's spellings: CREATE [TEMPORARY] TABLE [IF NOT EXISTS]; a script's streams are always temporary here.
  p.acceptKw('temporary');
  if (!p.acceptKw('table')) p.expectKw('stream', ' after CREATE');
  if (p.isKw('if') && p.isKw('not', 1)) {
    p.pos += 2;
    p.expectKw('exists', ' in IF NOT EXISTS');
  }
  const name = p.ident('a stream name');
  const columns: ColumnDef[] = [];
  let watermark: CreateStreamStmt['watermark'] = null;
  let primaryKey: CreateStreamStmt['primaryKey'] = null;
  p.expectOp('(', ' to start the column list');
  do {
    const itemStart = p.peek().span.start;
    if (p.isKw('watermark')) {
      p.next();
      p.expectKw('for', ' after WATERMARK');
      const column = p.ident('the time column');
      p.expectKw('as', ' in WATERMARK FOR col AS …');
      const expr = p.expr();
      watermark = { column, expr, span: p.spanFrom(itemStart) };
    } else if (p.isKw('primary') || p.isKw('constraint')) {
      if (p.acceptKw('constraint')) p.ident('a constraint name');
      p.expectKw('primary');
      p.expectKw('key', ' after PRIMARY');
      p.expectOp('(', ' after PRIMARY KEY');
      const keyCols = [p.ident('a key column')];
      while (p.acceptOp(',')) keyCols.push(p.ident('a key column'));
      p.expectOp(')', ' to close PRIMARY KEY (');
      notEnforced(p);
      primaryKey = { columns: keyCols, span: p.spanFrom(itemStart) };
    } else columns.push(column(p));
  } while (p.acceptOp(','));
  p.expectOp(')', ' to close the column list');
  if (p.isKw('comment')) {
    p.next();
    p.expr();
  }
  if (p.isKw('partitioned') || p.isKw('like'))
    p.fail({
      message: `${p.peek().value.toUpperCase()} ${p.isKw('like') ? '' : 'BY '}is Flink catalog DDL with no meaning in a playground; remove it`,
      span: p.peek().span,
    });
  const options: OptionDef[] = [];
  if (p.acceptKw('with')) {
    p.expectOp('(', ' after WITH');
    if (!p.isOp(')')) {
      do options.push(option(p));
      while (p.acceptOp(','));
    }
    p.expectOp(')', ' to close WITH (');
  }
  return { kind: 'createStream', name, columns, watermark, primaryKey, options, span: p.spanFrom(start) };
}

/** Flink accepts only NOT ENFORCED keys (it does not check them); so do we, and say so if it is missing. */
function notEnforced(p: ExprParser): void {
  if (p.isKw('not') && p.isKw('enforced', 1)) {
    p.pos += 2;
    return;
  }
  p.fail(p.expected('NOT ENFORCED (keys are declared, not checked, as in Flink)', ['not']));
}

/**
 * `name TYPE [NOT NULL] [PRIMARY KEY NOT ENFORCED] [COMMENT '…']` or Flink's
 * processing-time column `name AS PROCTIME()`. Other computed and METADATA
 * columns are refused where they are written.
 */
function column(p: ExprParser): ColumnDef {
  const name = p.ident('a column name');
  if (p.isKw('as')) {
    const as = p.next();
    const e = p.expr();
    if (e.kind !== 'call' || e.name.name !== 'proctime' || e.args.length > 0)
      p.fail({
        message:
          'computed columns are not supported; the one Flink form that is, is `name AS PROCTIME()` (processing time)',
        span: { start: as.span.start, end: e.span.end },
      });
    const typeName = { name: 'timestamp_ltz', quoted: false, args: [3], span: e.span };
    return { name, typeName, notNull: true, proctime: true, span: p.spanFrom(name.span.start) };
  }
  const typeName = p.typeName();
  let notNull = false;
  if (p.isKw('not') && p.isKw('null', 1)) {
    p.pos += 2;
    notNull = true;
  } else p.acceptKw('null');
  if (p.isKw('metadata'))
    p.fail({
      message:
        'METADATA columns come from a Flink connector (Kafka headers, file paths); there are none here',
      span: p.peek().span,
    });
  if (p.isKw('primary')) {
    p.next();
    p.expectKw('key', ' after PRIMARY');
    notEnforced(p);
  }
  if (p.acceptKw('comment')) p.expr();
  return { name, typeName, notNull, proctime: false, span: p.spanFrom(name.span.start) };
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
