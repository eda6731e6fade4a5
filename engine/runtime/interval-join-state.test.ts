/**
 * An inner interval join frees a row's state in steps, a little after the watermark passes its
 * bound (IntervalJoinOperator's `lag`, 1/64 of the bounds' width): the rows held stay those the
 * bounds allow, plus at most that step's worth, whatever the input size. An outer join pads a row
 * the moment its bound passes, so it holds exactly what the bounds allow.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { compileOk, runPlanOnRows } from './sql-run-support';

/** One row every 10 ms per stream, keys cycling over 5: ±1 s holds about 100 rows per side. */
const rows = (n: number, offset: number, gapAt = Infinity): Row[] =>
  Array.from({ length: n }, (_, i) => ({ k: i % 5, ts: i * 10 + offset + (i >= gapAt ? 5_000 : 0) }));

const sql = (join: string): string => `
CREATE STREAM a (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE STREAM b (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
SELECT a.k, a.ts, b.ts AS other FROM a ${join} JOIN b ON a.k = b.k
  AND a.ts BETWEEN b.ts - INTERVAL '1' SECOND AND b.ts + INTERVAL '1' SECOND;`;

function peak(join: string, n: number, batchSize = 16, gapAt = Infinity): number[] {
  const input = { a: rows(n, 0, gapAt), b: rows(n, 5, gapAt) };
  return runPlanOnRows(compileOk(sql(join)), input, { batchSize }).stats.sourcePeakState;
}

describe('interval join state', () => {
  it('inner: bounded by the bounds plus one step of 2 s / 64, at any input size', () => {
    // Held while the watermark is within 1 s of a row's time: 101 rows, and ≤ 4 more for the step.
    for (const n of [2_000, 20_000])
      for (const side of peak('INNER', n)) {
        expect(side).toBeGreaterThanOrEqual(100);
        expect(side).toBeLessThanOrEqual(106);
      }
  });

  it('inner: still bounded when the state empties in a gap and fills again within one run', () => {
    for (const side of peak('INNER', 20_000, 100_000, 50)) expect(side).toBeLessThanOrEqual(106);
  });

  it('outer: exactly what the bounds allow', () => {
    for (const side of peak('FULL', 5_000)) {
      expect(side).toBeGreaterThanOrEqual(100);
      expect(side).toBeLessThanOrEqual(102);
    }
  });
});
