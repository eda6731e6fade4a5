/** The datagen generator's recipes (issue #17): each column as its fields.* options say, with the documented defaults. */
import { describe, expect, it } from 'vitest';
import type { Field } from '../../core/types';
import { datagenSourceSpec } from './datagen-source-spec';
import { hexString } from './datagen';
import { drainSource } from './drain-source';
import { createGeneratorSource } from './index';

const f = (name: string, type: Field['type']): Field => ({ name, type, nullable: true });
const SCHEMA = [
  f('id', 'BIGINT'),
  f('n', 'BIGINT'),
  f('x', 'DOUBLE'),
  f('s', 'VARCHAR'),
  f('b', 'BOOLEAN'),
  f('t', 'TIMESTAMP'),
];

function columns(options: Record<string, number | string>, schema = SCHEMA, time: string | null = 't') {
  const spec = datagenSourceSpec('d', schema, options, { timeColumn: time });
  return drainSource(createGeneratorSource(spec), schema.length, 1000).columns;
}

describe('datagen generator', () => {
  it('defaults: random BIGINT in [0, 999], DOUBLE in [0, 1000), 10 hex characters, event time by event_step', () => {
    const [id, n, x, s, b, t] = columns({ total: 3000, event_step: 10, start_time: 5 });
    for (const v of [...id!, ...n!])
      expect(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 999).toBe(true);
    expect(Math.max(...(id as number[]))).toBeGreaterThan(900);
    for (const v of x!) expect((v as number) >= 0 && (v as number) < 1000).toBe(true);
    for (const v of s!) expect(v).toMatch(/^[0-9a-f]{10}$/);
    expect(new Set(b).size).toBe(2);
    expect(t!.slice(0, 3)).toEqual([5, 15, 25]);
  });

  it('sequence counts from start and ends the stream at end; random honours min, max and length', () => {
    const opts = {
      'fields.id.kind': 'sequence',
      'fields.id.start': 7,
      'fields.id.end': 11,
      'fields.n.min': -2,
      'fields.n.max': 2,
      'fields.x.min': 1,
      'fields.x.max': 2,
      'fields.s.length': 3,
    };
    const [id, n, x, s] = columns(opts);
    expect(id).toEqual([7, 8, 9, 10, 11]);
    const many = columns({ ...opts, 'fields.id.end': 2006 });
    expect(new Set(many[1])).toEqual(new Set([-2, -1, 0, 1, 2]));
    for (const v of many[2]!) expect((v as number) >= 1 && (v as number) < 2).toBe(true);
    expect(n).toHaveLength(5);
    expect(x).toHaveLength(5);
    for (const v of s!) expect(v).toMatch(/^[0-9a-f]{3}$/);
  });

  it('a VARCHAR sequence is the numbers as strings; other TIMESTAMPs lie up to max-past before event time', () => {
    const schema = [f('s', 'VARCHAR'), f('seen', 'TIMESTAMP'), f('ts', 'TIMESTAMP')];
    const [s, seen, ts] = columns(
      {
        total: 500,
        event_step: 1000,
        'fields.s.kind': 'sequence',
        'fields.s.start': 0,
        'fields.seen.max-past': 300,
      },
      schema,
      'ts',
    );
    expect(s!.slice(0, 3)).toEqual(['0', '1', '2']);
    seen!.forEach((v, k) => {
      const d = (ts![k] as number) - (v as number);
      expect(d >= 0 && d <= 300).toBe(true);
    });
    expect(new Set(seen!.map((v, k) => (ts![k] as number) - (v as number))).size).toBeGreaterThan(50);
  });

  it('the seed decides the values', () => {
    const a = columns({ total: 50, seed: 1 });
    expect(columns({ total: 50, seed: 1 })).toEqual(a);
    expect(columns({ total: 50, seed: 2 })[3]).not.toEqual(a[3]);
  });

  it('hex strings of any length are stable and start with the 32 bits', () => {
    expect(hexString(0xdeadbeef, 4)).toBe('dead');
    expect(hexString(0xdeadbeef, 20)).toMatch(/^deadbeef[0-9a-f]{12}$/);
    expect(hexString(1, 20)).not.toBe(hexString(2, 20));
  });
});
