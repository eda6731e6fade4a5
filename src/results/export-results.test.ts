import { describe, expect, it } from 'vitest';
import { resultsToCsv, resultsToJsonLines } from './export-results';

const columns = ['symbol', 'note', 'cnt'];
const rows = [
  { n: 0, op: '+I' as const, values: ['A', 'has, comma and "quote"', 1] },
  { n: 1, op: '+U' as const, values: ['A', null, 2] },
];

describe('result export', () => {
  it('writes CSV with a header, the op column and proper quoting', () => {
    expect(resultsToCsv(columns, rows).split('\r\n')).toEqual([
      'op,symbol,note,cnt',
      '+I,A,"has, comma and ""quote""",1',
      '+U,A,,2',
    ]);
  });

  it('writes one JSON object per line, NULL as null', () => {
    const lines = resultsToJsonLines(columns, rows)
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { op: '+I', symbol: 'A', note: 'has, comma and "quote"', cnt: 1 },
      { op: '+U', symbol: 'A', note: null, cnt: 2 },
    ]);
  });
});
