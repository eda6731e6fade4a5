/**
 * The arrival clock (see `arrival-clock.ts`) of a stream given as rows — a
 * parsed file or a fixture: row k arrives at the running max of event time
 * up to and including it, so a file is replayed as its event time advances.
 * Built once from the time column, wherever the rows are parsed; its two
 * arrays can be posted to the workers that need the stream's watermark.
 */
import type { ArrivalClock } from './arrival-clock';

export interface RowsClockData {
  /** seq of each row, ascending. */
  readonly seq: Float64Array;
  /** Running max of event time over rows 0…k (NaN before the first row with a time). */
  readonly maxTs: Float64Array;
}

/** From the rows' event times in arrival order (null: no time) and their seqs. */
export function rowsClockData(ts: readonly (number | null)[], seq: readonly number[]): RowsClockData {
  const maxTs = new Float64Array(ts.length);
  let max = NaN;
  ts.forEach((t, k) => {
    if (t !== null && !(t <= max)) max = t;
    maxTs[k] = max;
  });
  return { seq: Float64Array.from(seq), maxTs };
}

export function rowsClock(data: RowsClockData): ArrivalClock {
  const { seq, maxTs } = data;
  const n = seq.length;
  const first = n > 0 ? maxTs.find((m) => !Number.isNaN(m)) : undefined;
  // Rows before the first timed row arrive with it (or at 0 when no row has a time).
  const start = first === undefined ? 0 : Math.floor(first);
  const arrival = new Float64Array(n);
  for (let k = 0; k < n; k++) arrival[k] = Number.isNaN(maxTs[k]!) ? start : Math.floor(maxTs[k]!);
  let maxGap = 0;
  for (let k = 1; k < n; k++) maxGap = Math.max(maxGap, arrival[k]! - arrival[k - 1]!);
  /** First index with `a[k] > x` (or ≥ x when `strict`) in the ascending array a. */
  const upper = (a: Float64Array, x: number, strict: boolean): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? a[mid]! < x : a[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    total: n,
    maxGap,
    arrivalOf: (k) => arrival[Math.min(k, n - 1)] ?? start,
    arrivalOfSeq: (s) => arrival[Math.min(upper(seq, s, true), n - 1)] ?? start,
    rowsArrived: (t, inclusive) => upper(arrival, t, !inclusive),
    maxTsOf: (k) => {
      if (k <= 0) return -Infinity;
      const m = maxTs[Math.min(k, n) - 1]!;
      return Number.isNaN(m) ? -Infinity : m;
    },
  };
}
