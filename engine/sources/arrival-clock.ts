/**
 * When rows arrive, across streams. A query over several streams needs one
 * order in which their rows meet (at a join or a union) and each stream's
 * watermark at any point of that order, the same in every execution variant.
 *
 * A row's *arrival* is a time in ms: for a generated stream its base time
 * floor(start_time + i·event_step) (the time the row happens, before disorder
 * moves its ts back), for a file or fixed rows the running max of event time
 * up to and including the row (rows are replayed as event time advances). The
 * *arrival key* orders rows of all sources: arrival · 16 + source index, so rows
 * of the same millisecond meet in source order, and rows of one source keep
 * their stream order. Every stream's watermark at a key is a pure function of
 * its clock, so each partition computes it for rows it never sees.
 */

/** Sources a plan may have (the key encoding leaves 4 bits for the source). */
export const MAX_SOURCES = 16;

export function arrivalKey(arrivalMs: number, source: number): number {
  return arrivalMs * MAX_SOURCES + source;
}

/** The arrival time (ms) an arrival key stands for. */
export function arrivalOfKey(key: number): number {
  return Math.floor(key / MAX_SOURCES);
}

/** One stream's arrivals and event-time maxima, by row (0-based, in arrival order). */
export interface ArrivalClock {
  /** Arrival time (integer ms) of the row whose `seq` this is. */
  arrivalOfSeq(seq: number): number;
  /** Arrival time of row n. */
  arrivalOf(n: number): number;
  /** How many rows arrive before `t` (with `inclusive`, at or before it); t an integer or ±∞. At most `total`. */
  rowsArrived(t: number, inclusive: boolean): number;
  /** M(n): the max event time of rows 0…n−1 (−∞ for n = 0); rows with NULL time do not count. */
  maxTsOf(n: number): number;
  /** Rows in the stream; null when unbounded. */
  readonly total: number | null;
  /** An upper bound of the gap between consecutive arrivals (+∞ if unknown): a source is never idle between rows closer than its idle timeout. */
  readonly maxGap: number;
  /**
   * Set when row n arrives at floor(start + n·step) with step > 0 (a generator's clock): a row
   * count comes from one division. With `inOrder` every row's event time is its arrival, so
   * M(n) is row n − 1's arrival.
   */
  readonly linear?: { readonly start: number; readonly step: number; readonly inOrder: boolean };
}

/**
 * For a linear clock (step > 0): how many rows n < total arrive at or before `limit` ms, i.e.
 * have floor(start + n·step) ≤ limit — the division's estimate, corrected for its rounding.
 */
export function linearRowsUpTo(start: number, step: number, total: number, limit: number): number {
  let c = Math.max(0, Math.ceil((limit + 1 - start) / step));
  while (c > 0 && Math.floor(start + (c - 1) * step) > limit) c--;
  while (c < total && Math.floor(start + c * step) <= limit) c++;
  return Math.min(c, total);
}

/** What a combined watermark needs of one source: its clock and the options of dialect §4 / §8. */
export interface SourceTime {
  readonly clock: ArrivalClock;
  /** Watermark delay d (ms). */
  readonly delay: number;
  /** The source's index in the plan (its arrival keys end in it). */
  readonly index: number;
  /** `idle_timeout` in ms, or null: the source is never idle. */
  readonly idleTimeout: number | null;
}

/** How many rows of source `s` have keys strictly below `key`. */
export function rowsBeforeKey(s: SourceTime, key: number): number {
  if (key === Infinity) return s.clock.total ?? Infinity;
  if (key === -Infinity) return 0;
  // Row keys are a·16 + index with integer a: a·16 + index < key  ⟺  a < (key − index) / 16.
  return s.clock.rowsArrived(Math.ceil((key - s.index) / MAX_SOURCES), false);
}

/** Source s's watermark just before `key`: −∞ before its first row, +∞ once all its rows arrived. */
export function watermarkBefore(s: SourceTime, key: number): number {
  if (key === Infinity) return Infinity;
  const n = rowsBeforeKey(s, key);
  if (s.clock.total !== null && n >= s.clock.total) return Infinity;
  if (n === 0) return -Infinity;
  return s.clock.maxTsOf(n) - s.delay;
}
