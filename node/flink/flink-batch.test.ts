import { describe, expect, it } from 'vitest';
import { parseBatchOutput } from './flink-batch';

describe("the Flink runner's per-script output", () => {
  it('splits rows by script and keeps errors as messages', () => {
    const out = [
      '#script 000.sql',
      '{"op":"+I","k":"a","n":1}',
      '{"op":"-U","k":"a","n":1}',
      '#ok 000.sql',
      '#script 001.sql',
      '#error 001.sql "Object \'x\' not found"',
      '#script 002.sql',
      '#ok 002.sql',
      '',
    ].join('\n');
    const r = parseBatchOutput(out);
    expect(r.get('000.sql')).toEqual({
      ok: true,
      rows: [
        { op: '+I', k: 'a', n: 1 },
        { op: '-U', k: 'a', n: 1 },
      ],
    });
    expect(r.get('001.sql')).toEqual({ ok: false, error: "Object 'x' not found" });
    expect(r.get('002.sql')).toEqual({ ok: true, rows: [] });
  });

  it('has no result for a script whose run was cut off', () => {
    const r = parseBatchOutput('#script 000.sql\n{"op":"+I","a":1}\n');
    expect(r.has('000.sql')).toBe(false);
  });
});
