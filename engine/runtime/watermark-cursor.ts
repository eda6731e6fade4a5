/**
 * One source's watermark just before each of a run of ascending arrival keys
 * (`watermarkBefore`, same values). Stamping a join's rows asked the clock
 * per row for the other stream's row count before the row's key — a division
 * and a correction scan — though the keys of a batch ascend and the count
 * moves by a row or two between them: the cursor keeps the count and the key
 * of the next row, steps it forward, and asks the clock for M(n) only when
 * the count moves. A key behind the last one, or far ahead, is found from the
 * clock as before. A generator's clock is linear: there a key's count is one
 * division, cheaper than the steps wherever keys skip rows (a partition's do).
 */
import {
  arrivalKey,
  linearRowsUpTo,
  MAX_SOURCES,
  rowsBeforeKey,
  watermarkBefore,
  type SourceTime,
} from '../sources/arrival-clock';

/** Beyond this many rows ahead, finding the count from the clock is cheaper than stepping. */
const MAX_STEPS = 32;

export class WatermarkCursor {
  /** The last key asked (+∞: none yet, so the first key seeks). */
  private key = Infinity;
  /** Rows of the source with keys below `key`, the key of the next row (+∞: none), and the watermark there. */
  private rows = 0;
  private next = Infinity;
  private wm = -Infinity;

  constructor(private readonly s: SourceTime) {}

  /** The source's watermark just before `key`. */
  at(key: number): number {
    if (!Number.isFinite(key)) return watermarkBefore(this.s, key);
    if (key < this.key) return this.seek(key);
    if (this.next < key) {
      let steps = 0;
      let rows = this.rows;
      let next = this.next;
      while (next < key) {
        if (++steps > MAX_STEPS) return this.seek(key);
        next = this.keyOf(++rows);
      }
      this.rows = rows;
      this.next = next;
      this.wm = this.wmOf(rows);
    }
    this.key = key;
    return this.wm;
  }

  /** out[i] = min(out[i], at(keys[i])) for i < n: `at`'s loop, with the cursor in locals. */
  minInto(keys: Float64Array, n: number, out: Float64Array): void {
    if (this.s.clock.linear !== undefined) {
      this.minIntoLinear(keys, n, out);
      return;
    }
    let last = this.key;
    let rows = this.rows;
    let next = this.next;
    let wm = this.wm;
    // wm is the watermark at `rows` unless stale: then it is an earlier one, a lower bound (the
    // watermark only grows with the rows), and M(rows) is asked of the clock only when that bound
    // does not already decide the minimum.
    let stale = false;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if (key >= last && key < Infinity) {
        if (next < key) {
          let steps = 0;
          do next = this.keyOf(++rows);
          while (next < key && ++steps < MAX_STEPS);
          if (next < key) {
            rows = rowsBeforeKey(this.s, key);
            next = this.keyOf(rows);
          }
          stale = true;
        }
        last = key;
        if (stale) {
          if (out[i]! <= wm) continue;
          wm = this.wmOf(rows);
          stale = false;
        }
        out[i] = Math.min(out[i]!, wm);
        continue;
      }
      if (stale) {
        wm = this.wmOf(rows);
        stale = false;
      }
      // Behind the last key, or not finite (or the first): as `at` finds it.
      this.key = last;
      this.rows = rows;
      this.next = next;
      this.wm = wm;
      out[i] = Math.min(out[i]!, this.at(key));
      last = this.key;
      rows = this.rows;
      next = this.next;
      wm = this.wm;
    }
    if (stale) wm = this.wmOf(rows);
    this.key = last;
    this.rows = rows;
    this.next = next;
    this.wm = wm;
  }

  /**
   * minInto for a linear clock: each key's row count by division, no steps. Stepping costs a step
   * per row of the stream, and a partition asks for every other row's key at most: there the
   * steps did not halve with the rows (S4: the stamping was a fifth of a partition's query).
   */
  private minIntoLinear(keys: Float64Array, n: number, out: Float64Array): void {
    const { start, step, inOrder } = this.s.clock.linear!;
    const { index, delay } = this.s;
    const total = this.s.clock.total ?? Infinity;
    const perSource = 1 / MAX_SOURCES;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if (key === Infinity || key === -Infinity) {
        out[i] = Math.min(out[i]!, watermarkBefore(this.s, key));
        continue;
      }
      // rowsBeforeKey, by division: the rows arriving at or before the key's millisecond − 1.
      const c = linearRowsUpTo(start, step, total, Math.ceil((key - index) * perSource) - 1);
      if (c >= total || c === 0) {
        if (c === 0) out[i] = -Infinity;
        continue;
      }
      const w = (inOrder ? Math.floor(start + (c - 1) * step) : this.s.clock.maxTsOf(c)) - delay;
      out[i] = Math.min(out[i]!, w);
    }
  }

  private seek(key: number): number {
    this.key = key;
    this.rows = rowsBeforeKey(this.s, key);
    this.next = this.keyOf(this.rows);
    this.wm = this.wmOf(this.rows);
    return this.wm;
  }

  /** The arrival key of row n (+∞ past the last row). */
  private keyOf(n: number): number {
    const total = this.s.clock.total;
    return total !== null && n >= total ? Infinity : arrivalKey(this.s.clock.arrivalOf(n), this.s.index);
  }

  /** The watermark once n rows have arrived, as `watermarkBefore` gives it. */
  private wmOf(n: number): number {
    const total = this.s.clock.total;
    if (total !== null && n >= total) return Infinity;
    if (n === 0) return -Infinity;
    return this.s.clock.maxTsOf(n) - this.s.delay;
  }
}
