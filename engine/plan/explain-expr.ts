/** Bound expressions back to SQL-ish text for EXPLAIN (column names from the input schema). */
import type { Schema } from '../core/types';
import { BINARY_PRECEDENCE } from '../sql/printer-expr';
import type { AggCall, Expr, OverFunction, WindowSpec } from './physical-plan';

function prec(e: Expr): number {
  if (e.kind === 'binary') return BINARY_PRECEDENCE[e.op]!;
  if (e.kind === 'unary') return e.op === 'NOT' ? 3 : 7;
  if (e.kind === 'isNull' || e.kind === 'between' || e.kind === 'in' || e.kind === 'like') return 4;
  return 8;
}

export function exprSql(e: Expr, schema: Schema): string {
  const s = (x: Expr, min = 0): string => (prec(x) < min ? `(${exprSql(x, schema)})` : exprSql(x, schema));
  const not = (n: boolean): string => (n ? 'NOT ' : '');
  switch (e.kind) {
    case 'column':
      return schema[e.index]?.name ?? e.name;
    case 'literal':
      if (e.value === null) return 'NULL';
      if (typeof e.value === 'string') return `'${e.value.replace(/'/g, "''")}'`;
      return typeof e.value === 'boolean' ? (e.value ? 'TRUE' : 'FALSE') : String(e.value);
    case 'unary':
      return e.op === 'NOT' ? `NOT ${s(e.arg, 3)}` : `-${s(e.arg, 8)}`;
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op]!;
      return `${s(e.left, p === 4 ? 5 : p)} ${e.op} ${s(e.right, p === 4 ? 5 : p + 1)}`;
    }
    case 'isNull':
      return `${s(e.arg, 5)} IS ${not(e.negated)}NULL`;
    case 'between':
      return `${s(e.arg, 5)} ${not(e.negated)}BETWEEN ${s(e.low, 5)} AND ${s(e.high, 5)}`;
    case 'in':
      return `${s(e.arg, 5)} ${not(e.negated)}IN (${e.list.map((x) => s(x)).join(', ')})`;
    case 'like':
      return `${s(e.arg, 5)} ${not(e.negated)}LIKE ${s(e.pattern, 5)}`;
    case 'case': {
      const parts = ['CASE', ...(e.operand ? [s(e.operand)] : [])];
      for (const w of e.whens) parts.push(`WHEN ${s(w.when)} THEN ${s(w.then)}`);
      if (e.otherwise) parts.push(`ELSE ${s(e.otherwise)}`);
      return [...parts, 'END'].join(' ');
    }
    case 'cast':
      return `CAST(${s(e.arg)} AS ${e.type})`;
    case 'call':
      return `${e.fn}(${e.args.map((x) => s(x)).join(', ')})`;
  }
}

const FN_NAME: Record<string, string> = { COUNT_STAR: 'COUNT', STDDEV_SAMP: 'STDDEV', VAR_SAMP: 'VARIANCE' };

export function aggSql(a: AggCall, schema: Schema): string {
  if (a.fn === 'COUNT_STAR') return 'COUNT(*)';
  return `${FN_NAME[a.fn] ?? a.fn}(${a.distinct ? 'DISTINCT ' : ''}${a.arg ? exprSql(a.arg, schema) : ''})`;
}

export function overFnSql(f: OverFunction, schema: Schema): string {
  if (f.kind === 'rowNumber') return 'ROW_NUMBER()';
  if (f.kind === 'lag') {
    return `LAG(${exprSql(f.arg, schema)}, ${f.offset}${f.defaultValue ? ', ' + exprSql(f.defaultValue, schema) : ''})`;
  }
  const frame = f.preceding >= Number.MAX_SAFE_INTEGER ? 'UNBOUNDED' : String(f.preceding);
  return `${aggSql(f.call, schema)} ROWS BETWEEN ${frame} PRECEDING AND CURRENT ROW`;
}

/** 60000 → `1m`, 1500 → `1500ms`. */
export function durationText(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  if (ms === 0) return '0s';
  for (const [n, u] of units) if (ms % n === 0) return `${ms / n}${u}`;
  return `${ms}ms`;
}

export function windowSql(w: WindowSpec, time: string): string {
  switch (w.kind) {
    case 'tumbling':
      return `TUMBLING (${time}, ${durationText(w.size)})`;
    case 'hopping':
      return `HOPPING (${time}, ${durationText(w.size)}, ${durationText(w.advance)})`;
    case 'cumulate':
      // No WINDOW clause spells it: Flink's TVF form, its step before its size.
      return `CUMULATE (${time}, step ${durationText(w.step)}, size ${durationText(w.size)}): windows [start, start + k·${durationText(w.step)}) for k = 1…${w.size / w.step}, start aligned on ${durationText(w.size)}`;
    case 'session':
      return `SESSION (${time}, ${durationText(w.gap)})`;
  }
}
