/** Type rules of the scalar functions and aggregates (dialect §3.2). */
import type { DataType } from '../core/types';
import type { SqlExpr } from '../sql/ast';
import { arityText, type FunctionInfo } from '../sql/functions';
import { commonType, isNumeric } from './analyzer-types';
import { asText, type Binder, type CallAst } from './binder';
import type { AggCall, AggFn, Expr, ScalarFn } from './physical-plan';

export function checkArity(b: Binder, info: FunctionInfo, e: CallAst): boolean {
  const n = e.args.length;
  if (n < info.minArgs || n > info.maxArgs) {
    b.report(`function ${info.name} expects ${arityText(info)}, got ${n}`, e.span);
    return false;
  }
  return true;
}

function expect(
  b: Binder,
  info: FunctionInfo,
  ast: SqlExpr | undefined,
  e: Expr,
  ok: (t: DataType) => boolean,
  what: string,
  i: number,
): boolean {
  if (ok(e.type)) return true;
  b.report(
    `function ${info.name} expects ${what} for argument ${i + 1}, got ${e.type}`,
    ast?.span ?? { start: 0, end: 0 },
  );
  return false;
}

const isStr = (t: DataType): boolean => t === 'VARCHAR' || t === 'NULL';
const isInt = (t: DataType): boolean => t === 'BIGINT' || t === 'NULL';

export function bindScalarCall(b: Binder, info: FunctionInfo, e: CallAst, args: Expr[]): Expr | null {
  if (!checkArity(b, info, e)) return null;
  const fn = info.name as ScalarFn;
  const call = (type: DataType, a = args): Expr => ({ kind: 'call', fn, args: a, type });
  const all = (ok: (t: DataType) => boolean, what: string, from = 0): boolean =>
    args.every((a, i) => i < from || expect(b, info, e.args[i], a, ok, what, i));
  switch (fn) {
    case 'COALESCE': {
      const t = commonType(args.map((a) => a.type));
      if (t === undefined)
        return b.report(
          `COALESCE arguments have incompatible types ${[...new Set(args.map((a) => a.type))].join(' and ')}`,
          e.span,
        );
      return call(t);
    }
    case 'ABS':
    case 'FLOOR':
    case 'CEIL':
      return all(isNumeric, 'a number') ? call(args[0]!.type === 'NULL' ? 'DOUBLE' : args[0]!.type) : null;
    case 'ROUND':
      if (!expect(b, info, e.args[0], args[0]!, isNumeric, 'a number', 0)) return null;
      if (args[1] && !expect(b, info, e.args[1], args[1], isInt, 'a whole number of digits', 1)) return null;
      return call(args[0]!.type === 'NULL' ? 'DOUBLE' : args[0]!.type);
    case 'SQRT':
    case 'LN':
    case 'EXP':
    case 'POWER':
      return all(isNumeric, 'a number') ? call('DOUBLE') : null;
    case 'UPPER':
    case 'LOWER':
    case 'TRIM':
      return all(isStr, 'a VARCHAR') ? call('VARCHAR') : null;
    case 'LENGTH':
      return all(isStr, 'a VARCHAR') ? call('BIGINT') : null;
    case 'SUBSTRING':
      if (!expect(b, info, e.args[0], args[0]!, isStr, 'a VARCHAR', 0)) return null;
      return all(isInt, 'a whole number', 1) ? call('VARCHAR') : null;
    case 'CONCAT':
      return call('VARCHAR', args.map(asText));
  }
}

const AGG_FN: Readonly<Record<string, AggFn>> = {
  COUNT: 'COUNT',
  SUM: 'SUM',
  AVG: 'AVG',
  MIN: 'MIN',
  MAX: 'MAX',
  STDDEV: 'STDDEV_SAMP',
  STDDEV_SAMP: 'STDDEV_SAMP',
  STDDEV_POP: 'STDDEV_POP',
  VARIANCE: 'VAR_SAMP',
  VAR_SAMP: 'VAR_SAMP',
  VAR_POP: 'VAR_POP',
  FIRST_VALUE: 'FIRST_VALUE',
  LAST_VALUE: 'LAST_VALUE',
};

/** Types an aggregate call whose argument is already bound (null for COUNT(*)). */
export function typeAggregate(b: Binder, info: FunctionInfo, e: CallAst, arg: Expr | null): AggCall | null {
  if (e.star) {
    if (info.name !== 'COUNT') return b.report(`only COUNT accepts \`*\``, e.span);
    if (e.distinct) return b.report('COUNT(DISTINCT *) is not supported: name a column', e.span);
    return { fn: 'COUNT_STAR', arg: null, distinct: false, type: 'BIGINT' };
  }
  if (e.args.length !== 1 || !arg) {
    if (e.args.length !== 1)
      b.report(
        `function ${info.name} expects ${info.name === 'COUNT' ? '* or 1 argument' : '1 argument'}, got ${e.args.length}`,
        e.span,
      );
    return null;
  }
  const fn = AGG_FN[info.name]!;
  const numeric = (): boolean => expect(b, info, e.args[0], arg, (t) => isNumeric(t), 'a number', 0);
  const base = { fn, arg, distinct: e.distinct };
  switch (fn) {
    case 'COUNT':
      return { ...base, type: 'BIGINT' };
    case 'SUM':
      return numeric() ? { ...base, type: arg.type === 'BIGINT' ? 'BIGINT' : 'DOUBLE' } : null;
    case 'MIN':
    case 'MAX':
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      return { ...base, type: arg.type === 'NULL' ? 'DOUBLE' : arg.type };
    default:
      return numeric() ? { ...base, type: 'DOUBLE' } : null;
  }
}
