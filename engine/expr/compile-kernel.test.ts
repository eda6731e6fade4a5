import { describe, expect, it } from 'vitest';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { DataType, Field, Schema, Value } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { compileKernel } from './compile-kernel';

const schema: Schema = [
  { name: 'a', type: 'BIGINT', nullable: true },
  { name: 'b', type: 'DOUBLE', nullable: true },
  { name: 's', type: 'VARCHAR', nullable: true },
  { name: 'f', type: 'BOOLEAN', nullable: true },
];
const col = (index: number): Expr => ({
  kind: 'column',
  index,
  name: schema[index]!.name,
  type: schema[index]!.type,
});
const lit = (value: Value, type: DataType): Expr => ({ kind: 'literal', value, type });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr, type: DataType): Expr => ({
  kind: 'binary',
  op,
  left,
  right,
  type,
});
const rows = [
  { a: 1, b: 2.5, s: 'x', f: true },
  { a: null, b: 0, s: null, f: false },
  { a: 7, b: null, s: 'hello', f: null },
];
const batch = buildBatch(rows, schema);

function evalAll(e: Expr): Value[] {
  const k = compileKernel([e]);
  const r = k.run(batch);
  const out: Field[] = [{ name: 'v', type: e.type, nullable: true }];
  return batchToRows({ ...batch, length: r.count, columns: r.columns }, out).map((x) => x['v']!);
}

describe('compiled expressions', () => {
  it('arithmetic propagates NULL and integer division truncates', () => {
    expect(evalAll(bin('+', col(0), lit(1, 'BIGINT'), 'BIGINT'))).toEqual([2, null, 8]);
    expect(evalAll(bin('/', col(0), lit(2, 'BIGINT'), 'BIGINT'))).toEqual([0, null, 3]);
    expect(evalAll(bin('/', col(1), col(1), 'DOUBLE'))).toEqual([1, null, null]);
  });
  it('three-valued AND / OR / NOT', () => {
    const nullB = lit(null, 'BOOLEAN');
    expect(evalAll(bin('AND', col(3), nullB, 'BOOLEAN'))).toEqual([null, false, null]);
    expect(evalAll(bin('OR', col(3), nullB, 'BOOLEAN'))).toEqual([true, null, null]);
    expect(evalAll({ kind: 'unary', op: 'NOT', arg: col(3), type: 'BOOLEAN' })).toEqual([false, true, null]);
  });
  it('IN with NULLs, BETWEEN, LIKE, CASE, COALESCE, string functions', () => {
    const inE: Expr = {
      kind: 'in',
      arg: col(0),
      list: [lit(7, 'BIGINT'), lit(null, 'BIGINT')],
      negated: false,
      type: 'BOOLEAN',
    };
    expect(evalAll(inE)).toEqual([null, null, true]);
    const btw: Expr = {
      kind: 'between',
      arg: col(1),
      low: lit(0, 'DOUBLE'),
      high: lit(2, 'DOUBLE'),
      negated: true,
      type: 'BOOLEAN',
    };
    expect(evalAll(btw)).toEqual([true, false, null]);
    const like: Expr = {
      kind: 'like',
      arg: col(2),
      pattern: lit('h_l%', 'VARCHAR'),
      negated: false,
      type: 'BOOLEAN',
    };
    expect(evalAll(like)).toEqual([false, null, true]);
    const cs: Expr = {
      kind: 'case',
      operand: null,
      whens: [{ when: bin('>', col(0), lit(5, 'BIGINT'), 'BOOLEAN'), then: lit('big', 'VARCHAR') }],
      otherwise: lit('small', 'VARCHAR'),
      type: 'VARCHAR',
    };
    expect(evalAll(cs)).toEqual(['small', 'small', 'big']);
    expect(
      evalAll({ kind: 'call', fn: 'COALESCE', args: [col(2), lit('-', 'VARCHAR')], type: 'VARCHAR' }),
    ).toEqual(['x', '-', 'hello']);
    expect(evalAll({ kind: 'call', fn: 'UPPER', args: [col(2)], type: 'VARCHAR' })).toEqual([
      'X',
      null,
      'HELLO',
    ]);
    expect(
      evalAll({
        kind: 'call',
        fn: 'SUBSTRING',
        args: [col(2), lit(2, 'BIGINT'), lit(3, 'BIGINT')],
        type: 'VARCHAR',
      }),
    ).toEqual(['', null, 'ell']);
    expect(evalAll(bin('||', col(2), col(0), 'VARCHAR'))).toEqual(['x1', null, 'hello7']);
    expect(evalAll({ kind: 'cast', arg: col(0), type: 'VARCHAR' })).toEqual(['1', null, '7']);
    expect(evalAll({ kind: 'call', fn: 'ROUND', args: [lit(-2.5, 'DOUBLE')], type: 'DOUBLE' })).toEqual([
      -3, -3, -3,
    ]);
  });
  it('a predicate selects rows and gathers pass-through columns', () => {
    const k = compileKernel(
      [col(2), bin('*', col(1), lit(2, 'DOUBLE'), 'DOUBLE')],
      bin('>', col(1), lit(1, 'DOUBLE'), 'BOOLEAN'),
    );
    const r = k.run(batch);
    expect(r.count).toBe(1);
    expect(
      batchToRows({ ...batch, length: r.count, columns: r.columns }, [
        { name: 's', type: 'VARCHAR', nullable: true },
        { name: 'd', type: 'DOUBLE', nullable: true },
      ]),
    ).toEqual([{ s: 'x', d: 5 }]);
  });
});

describe('code generation cannot be injected', () => {
  const hostile = [
    '"); process.exit(1); //',
    "'; throw new Error('pwned'); '",
    '`${process.exit(1)}`',
    '*/ process.exit(1); /*',
    'line\u2028separator\u2029para',
    '\\"); globalThis.pwned = 1; //',
    '</script><script>alert(1)</script>',
  ];
  for (const h of hostile) {
    it(`literal ${JSON.stringify(h)} stays a value`, () => {
      const e = bin('=', col(2), lit(h, 'VARCHAR'), 'BOOLEAN');
      expect(evalAll(e)).toEqual([false, null, false]);
      expect(evalAll(lit(h, 'VARCHAR'))).toEqual([h, h, h]);
      const like: Expr = {
        kind: 'like',
        arg: lit(h, 'VARCHAR'),
        pattern: lit(h, 'VARCHAR'),
        negated: false,
        type: 'BOOLEAN',
      };
      expect(evalAll(like)).toEqual([true, true, true]);
      expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
    });
    it(`column named ${JSON.stringify(h)} is referenced by index only`, () => {
      const e: Expr = { kind: 'column', index: 2, name: h, type: 'VARCHAR' };
      const k = compileKernel([{ kind: 'call', fn: 'LOWER', args: [e], type: 'VARCHAR' }]);
      expect(k.source).not.toContain(h);
      expect(k.run(batch).count).toBe(3);
    });
  }
  it('rejects a non-integer column index', () => {
    const e = {
      kind: 'column',
      index: '0]; process.exit(1); //' as unknown as number,
      name: 'x',
      type: 'BIGINT',
    } as Expr;
    expect(() => compileKernel([bin('+', e, lit(1, 'BIGINT'), 'BIGINT')])).toThrow(/invalid column index/);
  });
});
