/**
 * Bound expression → JavaScript statements, for kernels built with
 * `new Function`. Safety rule: nothing from the user's text is pasted into the
 * source. Columns are referenced by index (validated integers), literals go
 * through JSON.stringify (and U+2028/U+2029 are escaped), operators and
 * functions come from fixed tables here, and anything else (regular
 * expressions) is passed in as a constant array.
 *
 * Values inside kernels: numbers (BIGINT, DOUBLE, TIMESTAMP), booleans,
 * strings, and `null` for SQL NULL. Three-valued logic throughout.
 */
import type { DataType } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { likeToRegExp } from './expr-runtime';

/** A JS literal for a value: safe to paste whatever the value contains. */
export function jsLiteral(v: number | string | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v !== v ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    return JSON.stringify(v);
  }
  return JSON.stringify(v)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function colIndex(i: number): number {
  if (!Number.isInteger(i) || i < 0 || i > 1e6) throw new Error(`invalid column index ${String(i)}`);
  return i;
}

export interface ColumnUse {
  readonly index: number;
  readonly type: DataType;
}

/** Emits statements into `lines`; each `compile` returns a variable name or a literal. */
export class ExprCodegen {
  readonly lines: string[] = [];
  /** Input columns the code reads (by index), with their types. */
  readonly columns = new Map<number, DataType>();
  /** Constants (compiled regular expressions) handed to the kernel as `K`. */
  readonly constants: unknown[] = [];
  private temps = 0;
  /** JS expression for the current row index. */
  /**
   * With `allValid`, column reads skip the validity test: the caller runs this
   * variant only when no input column has a NULL, and V8 then types the
   * temporaries as plain doubles (no boxing, no null checks left).
   */
  constructor(
    private readonly row: string = 'r',
    private readonly allValid = false,
  ) {}

  get tempCount(): number {
    return this.temps;
  }

  private tmp(): string {
    return `t${this.temps++}`;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  private assign(code: string): string {
    const t = this.tmp();
    this.emit(`${t} = ${code};`);
    return t;
  }

  /** Access code for column i in row `row`. */
  private column(index: number, type: DataType): string {
    const i = colIndex(index);
    this.columns.set(i, type);
    const r = this.row;
    const ok = `(v${i} === null || (v${i}[${r} >> 3] & (1 << (${r} & 7))) !== 0)`;
    if (this.allValid) {
      switch (type) {
        case 'NULL':
          return 'null';
        case 'VARCHAR':
          return this.assign(`s${i}[c${i}[${r}]]`);
        case 'BOOLEAN':
          return this.assign(`d${i}[${r}] === 1`);
        default:
          return this.assign(`d${i}[${r}]`);
      }
    }
    switch (type) {
      case 'NULL':
        return 'null';
      case 'VARCHAR':
        return this.assign(`${ok} ? s${i}[c${i}[${r}]] : null`);
      case 'BOOLEAN':
        return this.assign(`${ok} ? d${i}[${r}] === 1 : null`);
      default:
        return this.assign(`${ok} ? d${i}[${r}] : null`);
    }
  }

  compile(e: Expr): string {
    switch (e.kind) {
      case 'column':
        return this.column(e.index, e.type);
      case 'literal':
        return jsLiteral(e.value);
      case 'unary': {
        const a = this.compile(e.arg);
        return this.assign(e.op === 'NOT' ? `${a} === null ? null : !${a}` : `${a} === null ? null : -${a}`);
      }
      case 'binary':
        return this.binary(e.op, e.left, e.right, e.type);
      case 'isNull': {
        const a = this.compile(e.arg);
        return this.assign(e.negated ? `${a} !== null` : `${a} === null`);
      }
      case 'between': {
        const a = this.compile(e.arg);
        const lo = this.compile(e.low);
        const hi = this.compile(e.high);
        const ge = this.assign(`${a} === null || ${lo} === null ? null : ${a} >= ${lo}`);
        const le = this.assign(`${a} === null || ${hi} === null ? null : ${a} <= ${hi}`);
        const both = this.and(ge, le);
        return e.negated ? this.assign(`${both} === null ? null : !${both}`) : both;
      }
      case 'in':
        return this.inList(e.arg, e.list, e.negated);
      case 'like': {
        const a = this.compile(e.arg);
        let test: string;
        if (e.pattern.kind === 'literal' && typeof e.pattern.value === 'string') {
          this.constants.push(likeToRegExp(e.pattern.value));
          test = `K[${this.constants.length - 1}].test(${a})`;
          return this.assign(`${a} === null ? null : ${e.negated ? '!' : ''}${test}`);
        }
        const p = this.compile(e.pattern);
        return this.assign(
          `${a} === null || ${p} === null ? null : ${e.negated ? '!' : ''}H.like(${a}, ${p})`,
        );
      }
      case 'case':
        return this.caseExpr(e);
      case 'cast':
        return this.cast(this.compile(e.arg), e.arg.type, e.type);
      case 'call':
        return this.call(e);
    }
  }

  private and(a: string, b: string): string {
    return this.assign(
      `${a} === false || ${b} === false ? false : ${a} === null || ${b} === null ? null : true`,
    );
  }

  private or(a: string, b: string): string {
    return this.assign(
      `${a} === true || ${b} === true ? true : ${a} === null || ${b} === null ? null : false`,
    );
  }

  private binary(op: string, l: Expr, r: Expr, type: DataType): string {
    const a = this.compile(l);
    const b = this.compile(r);
    const nul = `${a} === null || ${b} === null ? null : `;
    switch (op) {
      case 'AND':
        return this.and(a, b);
      case 'OR':
        return this.or(a, b);
      case '+':
      case '-':
      case '*':
        return this.assign(`${nul}${a} ${op} ${b}`);
      case '/':
        // Division by zero gives NULL rather than stopping the stream.
        return this.assign(
          `${nul}${b} === 0 ? null : ${type === 'BIGINT' ? `Math.trunc(${a} / ${b})` : `${a} / ${b}`}`,
        );
      case '%':
        return this.assign(`${nul}${b} === 0 ? null : ${a} % ${b}`);
      case '=':
        return this.assign(`${nul}${a} === ${b}`);
      case '<>':
        return this.assign(`${nul}${a} !== ${b}`);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.assign(`${nul}${a} ${op} ${b}`);
      case '||':
        return this.assign(`${nul}H.toStr(${a}, ${jsLiteral(l.type)}) + H.toStr(${b}, ${jsLiteral(r.type)})`);
      default:
        throw new Error(`unsupported operator ${JSON.stringify(op)}`);
    }
  }

  private inList(arg: Expr, list: readonly Expr[], negated: boolean): string {
    const a = this.compile(arg);
    const t = this.tmp();
    const hn = this.tmp();
    this.emit(`${hn} = false; ${t} = false;`);
    this.emit(`if (${a} === null) { ${t} = null; } else {`);
    for (const item of list) {
      const x = this.compile(item);
      this.emit(`if (${x} === null) ${hn} = true; else if (${x} === ${a}) ${t} = true;`);
    }
    this.emit(`if (${t} === false && ${hn}) ${t} = null; }`);
    return negated ? this.assign(`${t} === null ? null : !${t}`) : t;
  }

  private caseExpr(e: Extract<Expr, { kind: 'case' }>): string {
    const t = this.tmp();
    const operand = e.operand ? this.compile(e.operand) : null;
    let closes = 0;
    for (const w of e.whens) {
      const c = this.compile(w.when);
      const cond =
        operand === null ? `${c} === true` : `${operand} !== null && ${c} !== null && ${operand} === ${c}`;
      this.emit(`if (${cond}) {`);
      this.emit(`${t} = ${this.compile(w.then)};`);
      this.emit('} else {');
      closes++;
    }
    this.emit(`${t} = ${e.otherwise ? this.compile(e.otherwise) : 'null'};`);
    this.emit('}'.repeat(closes));
    return t;
  }

  private cast(a: string, from: DataType, to: DataType): string {
    if (from === to || to === 'NULL') return a;
    const nul = `${a} === null ? null : `;
    switch (to) {
      case 'VARCHAR':
        return this.assign(`${nul}H.toStr(${a}, ${jsLiteral(from)})`);
      case 'BIGINT':
        return this.assign(`${nul}H.toNum(${a}, true)`);
      case 'DOUBLE':
        return this.assign(`${nul}H.toNum(${a}, false)`);
      case 'TIMESTAMP':
        return this.assign(`${nul}H.toTimestamp(${a})`);
      case 'BOOLEAN':
        return this.assign(`${nul}H.toBool(${a})`);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): string {
    if (e.fn === 'COALESCE') {
      const t = this.tmp();
      this.emit(`${t} = null;`);
      for (const arg of e.args) {
        this.emit(`if (${t} === null) {`);
        this.emit(`${t} = ${this.compile(arg)};`);
        this.emit('}');
      }
      return t;
    }
    const args = e.args.map((x) => this.compile(x));
    const a = args[0] ?? 'null';
    const nul = args.length ? `${args.map((x) => `${x} === null`).join(' || ')} ? null : ` : '';
    const strOf = (i: number): string => `H.toStr(${args[i]!}, ${jsLiteral(e.args[i]!.type)})`;
    switch (e.fn) {
      case 'ABS':
        return this.assign(`${nul}Math.abs(${a})`);
      case 'ROUND':
        return this.assign(`${nul}H.round(${a}, ${args[1] ?? '0'})`);
      case 'FLOOR':
        return this.assign(`${nul}Math.floor(${a})`);
      case 'CEIL':
        return this.assign(`${nul}Math.ceil(${a})`);
      case 'SQRT':
        return this.assign(`${nul}H.sqrt(${a})`);
      case 'POWER':
        return this.assign(`${nul}H.power(${a}, ${args[1] ?? 'null'})`);
      case 'LN':
        return this.assign(`${nul}H.ln(${a})`);
      case 'EXP':
        return this.assign(`${nul}H.exp(${a})`);
      case 'UPPER':
        return this.assign(`${nul}${strOf(0)}.toUpperCase()`);
      case 'LOWER':
        return this.assign(`${nul}${strOf(0)}.toLowerCase()`);
      case 'LENGTH':
        return this.assign(`${nul}H.length(${strOf(0)})`);
      case 'TRIM':
        return this.assign(`${nul}${strOf(0)}.trim()`);
      case 'SUBSTRING':
        return this.assign(`${nul}H.substring(${strOf(0)}, ${args[1] ?? '1'}, ${args[2] ?? 'undefined'})`);
      case 'CONCAT':
        return this.assign(`${nul}${args.length ? args.map((_, i) => strOf(i)).join(' + ') : '""'}`);
    }
  }
}
