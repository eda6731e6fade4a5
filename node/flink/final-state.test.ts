import { describe, expect, it } from 'vitest';
import { finalState } from './final-state';

describe('the final state of a changelog', () => {
  it("applies Flink's -U/+U pairs and -D", () => {
    const s = finalState(
      [
        { op: '+I', k: 'a', n: 1 },
        { op: '+I', k: 'b', n: 1 },
        { op: '-U', k: 'a', n: 1 },
        { op: '+U', k: 'a', n: 2 },
        { op: '-D', k: 'b', n: 1 },
      ],
      null,
    );
    expect(s).toEqual({ rows: [{ k: 'a', n: 2 }], unmatched: 0 });
  });

  it("replaces the row of the same key on Windtunnel's +U (it sends no -U)", () => {
    const s = finalState(
      [
        { op: '+I', k: 'a', w: 0, n: 1 },
        { op: '+I', k: 'a', w: 5, n: 1 },
        { op: '+U', k: 'a', w: 0, n: 2 },
        { op: '+U', k: 'a', w: 0, n: 3 },
      ],
      ['k', 'w'],
    );
    expect(s.rows).toEqual([
      { k: 'a', w: 5, n: 1 },
      { k: 'a', w: 0, n: 3 },
    ]);
    expect(s.unmatched).toBe(0);
  });

  it('an empty key is one group (a global aggregate)', () => {
    const s = finalState(
      [
        { op: '+I', n: 1 },
        { op: '+U', n: 2 },
      ],
      [],
    );
    expect(s.rows).toEqual([{ n: 2 }]);
  });

  it('counts retractions of rows that are not there, and matches numbers within 1e-9', () => {
    const s = finalState(
      [
        { op: '+I', x: 0.1 + 0.2 },
        { op: '-D', x: 0.3 },
        { op: '-U', x: 7 },
      ],
      null,
    );
    expect(s).toEqual({ rows: [], unmatched: 1 });
  });

  it('rejects an op it does not know', () => {
    expect(() => finalState([{ op: '+X', a: 1 }], null)).toThrow(/unknown changelog op/);
  });
});
