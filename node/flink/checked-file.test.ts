import { describe, expect, it } from 'vitest';
import {
  checkOf,
  formatCheckedFile,
  parseCheckedFile,
  staleness,
  type Check,
  type CheckedFile,
} from './checked-file';

const same = { same: true, reason: '', inputRows: 300 };
const file = (
  date: string,
  lessons: Record<string, Check> = { a: checkOf('2.3.0', [same, same], date) },
): CheckedFile => ({
  flink: '2.3.0',
  lessons,
  scenarios: { S0: checkOf('2.3.0', [{ ...same, inputRows: 20_000 }], date) },
});

describe('flink/checked.json', () => {
  it('records a lesson as same only when every query is', () => {
    expect(checkOf('2.3.0', [same, same], '2025-01-01')).toEqual({
      result: 'same rows as Flink 2.3.0',
      same: true,
      queries: 2,
      inputRows: 300,
      checked: '2025-01-01',
    });
    const c = checkOf('2.3.0', [same, { same: false, reason: 'no grace.', inputRows: 300 }], 'd');
    expect(c.same).toBe(false);
    expect(c.result).toBe('differs from Flink 2.3.0: no grace.');
  });

  it('is current when only the dates differ', () => {
    expect(staleness(parseCheckedFile(formatCheckedFile(file('2025-01-01'))), file('2025-02-02'))).toEqual(
      [],
    );
  });

  it('is stale when missing, unparsable, or a lesson is missing, extra or changed', () => {
    expect(staleness(parseCheckedFile(null), file('d'))).toEqual(['flink/checked.json is missing']);
    expect(staleness(parseCheckedFile('{oops'), file('d'))).toHaveLength(1);
    const now = file('d', { a: checkOf('2.3.0', [same], 'd'), b: checkOf('2.3.0', [same], 'd') });
    const was = file('d', { a: checkOf('2.3.0', [same], 'd'), c: checkOf('2.3.0', [same], 'd') });
    expect(staleness(was, now)).toEqual([
      'lessons/b has no entry',
      'lessons/c is listed but no longer exists',
    ]);
    const changed = file('d', { a: checkOf('2.3.0', [{ same: false, reason: 'x', inputRows: 300 }], 'd') });
    expect(staleness(changed, file('d', { a: checkOf('2.3.0', [same], 'd') }))[0]).toMatch(
      /^lessons\/a was /,
    );
    expect(staleness({ ...file('d'), flink: '2.2.0' }, file('d'))).toEqual([
      'it was checked against Flink 2.2.0, not 2.3.0',
    ]);
  });
});
