/**
 * Binds syntax-tree expressions into typed plan expressions (`Expr`). Scopes
 * decide what a column name means and may intercept whole sub-trees (an
 * aggregate call, a GROUP BY key, an OVER call) — that is how the same binder
 * serves WHERE, the select list before and after aggregation, and HAVING.
 * Problems are collected, never thrown; a failed sub-tree binds to null.
 */
import type { Span } from '../core/diagnostic';
import type { DataType } from '../core/types';
import type { SqlExpr } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { FUNCTIONS, findFunction } from '../sql/functions';
import { INTERVAL_UNITS } from '../sql/interval';
import {
  commonType,
  comparable,
  dataTypeOf,
  isNumeric,
  numericResult,
  TYPE_NAME_LIST,
} from './analyzer-types';
import { bindScalarCall } from './binder-functions';
import type { BinaryOp, Expr } from './physical-plan';
import type { Problem } from './problems';

export type ColumnAst = Extract<SqlExpr, { kind: 'column' }>;
export type CallAst = Extract<SqlExpr, { kind: 'call' }>;

export interface BindScope {
  /** Resolves a column reference, reporting its own problems; null on error. */
  column(e: ColumnAst, binder: Binder): Expr | null;
  /** Replaces a whole sub-tree (aggregate, OVER call, GROUP BY key); undefined = bind it normally. */
  intercept?(e: SqlExpr, binder: Binder): Expr | null | undefined;
  /** Said when an aggregate call is not intercepted here. */
  readonly aggregateMessage: string;
  /** Said when an OVER call is not intercepted here. */
  readonly overMessage: string;
}

const FUNCTION_NAMES = FUNCTIONS.map((f) => f.name);

export class Binder {
  constructor(readonly problems: Problem[]) {}

  report(message: string, span: Span): null {
    this.problems.push({ message, span });
    return null;
  }

  /** Binds without reporting: for "is this sub-tree the same as a GROUP BY key?" probes. */
  tryBind(e: SqlExpr, scope: BindScope): Expr | null {
    const quiet = new Binder([]);
    const r = quiet.bind(e, scope);
    return quiet.problems.length === 0 ? r : null;
  }

  bind(e: SqlExpr, scope: BindScope): Expr | null {
    const hooked = scope.intercept?.(e, this);
    if (hooked !== undefined) return hooked;
    switch (e.kind) {
      case 'column':
        return scope.column(e, this);
      case 'number': {
        const value = Number(e.text);
        const integer = /^\d+$/.test(e.text) && Number.isSafeInteger(value);
        return { kind: 'literal', value, type: integer ? 'BIGINT' : 'DOUBLE' };
      }
      case 'string':
        return { kind: 'literal', value: e.value, type: 'VARCHAR' };
      case 'boolean':
        return { kind: 'literal', value: e.value, type: 'BOOLEAN' };
      case 'null':
        return { kind: 'literal', value: null, type: 'NULL' };
      case 'interval':
        // Intervals are durations in ms; TIMESTAMP ± BIGINT is TIMESTAMP.
        return { kind: 'literal', value: e.amount * INTERVAL_UNITS[e.unit], type: 'BIGINT' };
      case 'unary': {
        const arg = this.bind(e.arg, scope);
        if (!arg) return null;
        if (e.op === 'NOT') {
          if (!isBool(arg.type)) return this.report(`NOT expects a BOOLEAN, got ${arg.type}`, e.arg.span);
          return { kind: 'unary', op: 'NOT', arg, type: 'BOOLEAN' };
        }
        if (!isNumeric(arg.type)) return this.report(`cannot negate a ${arg.type}`, e.span);
        return { kind: 'unary', op: '-', arg, type: arg.type };
      }
      case 'binary':
        return this.binary(e, scope);
      case 'isNull': {
        const arg = this.bind(e.arg, scope);
        return arg && { kind: 'isNull', arg, negated: e.negated, type: 'BOOLEAN' };
      }
      case 'between': {
        const [arg, low, high] = [this.bind(e.arg, scope), this.bind(e.low, scope), this.bind(e.high, scope)];
        if (!arg || !low || !high) return null;
        for (const [x, ast] of [
          [low, e.low],
          [high, e.high],
        ] as const) {
          if (!comparable(arg.type, x.type))
            return this.report(`cannot compare ${arg.type} with ${x.type} in BETWEEN`, ast.span);
        }
        return { kind: 'between', arg, low, high, negated: e.negated, type: 'BOOLEAN' };
      }
      case 'in': {
        const arg = this.bind(e.arg, scope);
        const list = e.list.map((x) => this.bind(x, scope));
        if (!arg || list.some((x) => x === null)) return null;
        for (let i = 0; i < list.length; i++) {
          const t = list[i]!.type;
          if (!comparable(arg.type, t))
            return this.report(`cannot compare ${arg.type} with ${t} in IN (…)`, e.list[i]!.span);
        }
        return { kind: 'in', arg, list: list as Expr[], negated: e.negated, type: 'BOOLEAN' };
      }
      case 'subqueryTest':
        return this.report(
          `${e.arg ? 'IN (SELECT …)' : 'EXISTS (SELECT …)'} is read as a SEMI / ANTI join, so it stands alone in WHERE or is joined to the rest by AND`,
          e.keywordSpan,
        );
      case 'like': {
        const [arg, pattern] = [this.bind(e.arg, scope), this.bind(e.pattern, scope)];
        if (!arg || !pattern) return null;
        if (!isText(arg.type)) return this.report(`LIKE expects a VARCHAR, got ${arg.type}`, e.arg.span);
        if (!isText(pattern.type))
          return this.report(`LIKE expects a VARCHAR pattern, got ${pattern.type}`, e.pattern.span);
        return { kind: 'like', arg, pattern, negated: e.negated, type: 'BOOLEAN' };
      }
      case 'case':
        return this.caseExpr(e, scope);
      case 'cast': {
        const arg = this.bind(e.arg, scope);
        const type = dataTypeOf(e.typeName.name);
        if (type === undefined) {
          const up = e.typeName.name.toUpperCase();
          return this.report(`unknown type \`${up}\`${didYouMean(up, TYPE_NAME_LIST)}`, e.typeName.span);
        }
        return arg && { kind: 'cast', arg, type };
      }
      case 'call':
        return this.call(e, scope);
    }
  }

  private binary(e: Extract<SqlExpr, { kind: 'binary' }>, scope: BindScope): Expr | null {
    const left = this.bind(e.left, scope);
    const right = this.bind(e.right, scope);
    if (!left || !right) return null;
    const op: BinaryOp = e.op;
    const [a, b] = [left.type, right.type];
    const mk = (type: DataType, l = left, r = right): Expr => ({
      kind: 'binary',
      op,
      left: l,
      right: r,
      type,
    });
    switch (op) {
      case 'AND':
      case 'OR':
        if (!isBool(a)) return this.report(`${op} expects BOOLEAN operands, got ${a}`, e.left.span);
        if (!isBool(b)) return this.report(`${op} expects BOOLEAN operands, got ${b}`, e.right.span);
        return mk('BOOLEAN');
      case '||':
        return mk('VARCHAR', asText(left), asText(right));
      case '=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=':
        if (!comparable(a, b)) return this.report(`cannot compare ${a} with ${b} using \`${op}\``, e.span);
        return mk('BOOLEAN');
      default: {
        if ((op === '+' || op === '-') && a === 'TIMESTAMP' && isNumeric(b)) return mk('TIMESTAMP');
        if (op === '+' && b === 'TIMESTAMP' && isNumeric(a)) return mk('TIMESTAMP');
        if (op === '-' && a === 'TIMESTAMP' && b === 'TIMESTAMP') return mk('BIGINT');
        if (!isNumeric(a) || !isNumeric(b)) {
          return this.report(`operator \`${op}\` cannot be applied to ${a} and ${b}`, e.span);
        }
        // As in Flink, `/` of two integers is integer division (BIGINT), and `%` keeps the operand type.
        return mk(numericResult(a, b));
      }
    }
  }

  private caseExpr(e: Extract<SqlExpr, { kind: 'case' }>, scope: BindScope): Expr | null {
    const operand = e.operand ? this.bind(e.operand, scope) : null;
    if (e.operand && !operand) return null;
    const whens: { when: Expr; then: Expr }[] = [];
    let ok = true;
    for (const w of e.whens) {
      const when = this.bind(w.when, scope);
      const then = this.bind(w.then, scope);
      if (!when || !then) {
        ok = false;
        continue;
      }
      if (operand && !comparable(operand.type, when.type)) {
        this.report(`cannot compare ${operand.type} with ${when.type} in CASE`, w.when.span);
        ok = false;
      } else if (!operand && !isBool(when.type)) {
        this.report(`WHEN expects a BOOLEAN condition, got ${when.type}`, w.when.span);
        ok = false;
      }
      whens.push({ when, then });
    }
    const otherwise = e.otherwise ? this.bind(e.otherwise, scope) : null;
    if (!ok || (e.otherwise && !otherwise)) return null;
    const types = [...whens.map((w) => w.then.type), ...(otherwise ? [otherwise.type] : [])];
    const type = commonType(types);
    if (type === undefined)
      return this.report(
        `CASE branches have incompatible types ${[...new Set(types)].join(' and ')}`,
        e.span,
      );
    return { kind: 'case', operand, whens, otherwise, type };
  }

  private call(e: CallAst, scope: BindScope): Expr | null {
    const info = findFunction(e.name.name);
    const upper = e.name.name.toUpperCase();
    if (!info)
      return this.report(`unknown function \`${upper}\`${didYouMean(upper, FUNCTION_NAMES)}`, e.name.span);
    if (info.kind === 'aggregate')
      return this.report(e.over ? scope.overMessage : scope.aggregateMessage, e.span);
    if (info.kind === 'window') {
      if (!e.over) return this.report(`${upper} needs an OVER (PARTITION BY … ORDER BY …) clause`, e.span);
      return this.report(scope.overMessage, e.span);
    }
    if (e.over)
      return this.report(`OVER applies only to aggregate and window functions, not ${upper}`, e.over.span);
    if (e.star) return this.report(`only COUNT accepts \`*\``, e.span);
    if (e.distinct) return this.report(`DISTINCT applies only to aggregate functions`, e.span);
    const args = e.args.map((a) => this.bind(a, scope));
    if (args.some((a) => a === null)) return null;
    return bindScalarCall(this, info, e, args as Expr[]);
  }
}

export const isBool = (t: DataType): boolean => t === 'BOOLEAN' || t === 'NULL';
export const isText = (t: DataType): boolean => t === 'VARCHAR' || t === 'NULL';

/** `||` and CONCAT join strings; other values are cast to VARCHAR explicitly so kernels see one type. */
export function asText(e: Expr): Expr {
  return e.type === 'VARCHAR' || e.type === 'NULL' ? e : { kind: 'cast', arg: e, type: 'VARCHAR' };
}
