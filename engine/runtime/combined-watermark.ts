/**
 * The watermark of an operator with several inputs (dialect §8): the minimum
 * of its sources' watermarks, leaving out a source that has sent nothing for
 * its `idle_timeout` — measured on the arrival clock, not the wall clock, so
 * every variant agrees — and never going back (a source that wakes up behind
 * the others cannot pull the watermark back; its rows are late instead, as in
 * Flink). A pure function of the arrival key, so each partition computes it
 * for any row, in any order of queries.
 */
import {
  arrivalKey,
  arrivalOfKey,
  rowsBeforeKey,
  watermarkBefore,
  type SourceTime,
} from '../sources/arrival-clock';
import { WatermarkCursor } from './watermark-cursor';

export class CombinedWatermark {
  /** When the node's sources start: the earliest first arrival (idleness before a first row counts from it). */
  private readonly start: number;
  private readonly idling: readonly SourceTime[];
  /** Wake-ups folded so far: keys ascending, with the watermark held up to then. */
  private readonly wakeKeys: number[] = [];
  private readonly held: number[] = [];
  /** Per idling source: the next row to look at for a wake-up. */
  private readonly nextRow: number[];
  private foldedTo = -Infinity;
  /** Per source, for `minRawInto`. */
  private readonly cursors: readonly WatermarkCursor[];

  constructor(private readonly sources: readonly SourceTime[]) {
    this.start = Math.min(...sources.map((s) => (s.clock.total === 0 ? Infinity : s.clock.arrivalOf(0))));
    this.idling = sources.filter((s) => s.idleTimeout !== null);
    this.nextRow = this.idling.map(() => 0);
    this.cursors = sources.map((s) => new WatermarkCursor(s));
  }

  /** Whether `heldAt` can be above −∞ (only a source with an idle timeout wakes up). */
  get holds(): boolean {
    return this.idling.length > 0;
  }

  /**
   * out[i] = min(out[i], rawAt(keys[i])) for i < n. A batch's keys ascend: with no source that can
   * idle, rawAt is the minimum of the sources' watermarks, each stepped by a cursor instead of
   * found from its clock per key.
   */
  minRawInto(keys: Float64Array, n: number, out: Float64Array): void {
    if (this.idling.length > 0 || this.sources.length === 0) {
      let last = NaN;
      let w = -Infinity;
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        if (key !== last) w = this.rawAt((last = key));
        out[i] = Math.min(out[i]!, w);
      }
      return;
    }
    for (const c of this.cursors) c.minInto(keys, n, out);
  }

  /** The watermark just before the row with arrival key `key` (or, for a frontier, before any row at or past it). */
  at(key: number): number {
    if (key === Infinity) return Infinity;
    return Math.max(this.rawAt(key), this.heldAt(key));
  }

  /** What the watermark had reached before the last wake-up at or before `key` (−∞ if none): it never goes below that. */
  heldAt(key: number): number {
    if (this.idling.length === 0) return -Infinity;
    this.foldTo(key);
    // The latest wake-up at or before key holds what the watermark had reached before it.
    let lo = 0;
    let hi = this.wakeKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.wakeKeys[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -Infinity : this.held[lo - 1]!;
  }

  /** min over the sources that are not idle at `key`; −∞ when all are idle (nothing moves it); +∞ when all ended. */
  rawAt(key: number): number {
    let min = Infinity;
    let active = 0;
    for (const s of this.sources) {
      if (this.idleAt(s, key)) continue;
      active++;
      const w = watermarkBefore(s, key);
      if (w < min) min = w;
    }
    return active === 0 ? -Infinity : min;
  }

  private idleAt(s: SourceTime, key: number): boolean {
    const tau = s.idleTimeout;
    if (tau === null) return false;
    const n = rowsBeforeKey(s, key);
    const total = s.clock.total;
    if (total !== null && n >= total) return false; // finished: +∞, not idle
    const last = n === 0 ? this.start : s.clock.arrivalOf(n - 1);
    return arrivalOfKey(key) - last >= tau;
  }

  /** Records every wake-up (a row of an idling source after a gap ≥ its timeout) with a key up to `key`. */
  private foldTo(key: number): void {
    if (key <= this.foldedTo) return;
    let h = this.held.length ? this.held[this.held.length - 1]! : -Infinity;
    // Wake-ups of all idling sources up to key, in key order.
    const found: number[] = [];
    this.idling.forEach((s, k) => {
      const upTo = rowsBeforeKey(s, key);
      const tau = s.idleTimeout!;
      const from = this.nextRow[k]!;
      // A source whose rows are never further apart than its timeout can only wake at its first row.
      const to = s.clock.maxGap < tau ? Math.min(upTo, 1) : upTo;
      for (let j = from; j < to; j++) {
        const prev = j === 0 ? this.start : s.clock.arrivalOf(j - 1);
        const a = s.clock.arrivalOf(j);
        if (a - prev >= tau) found.push(arrivalKey(a, s.index));
      }
      this.nextRow[k] = upTo;
    });
    found.sort((a, b) => a - b);
    for (const w of found) {
      // Just before the wake-up the source was idle: what the watermark had reached then is kept.
      h = Math.max(h, this.rawAt(w));
      this.wakeKeys.push(w);
      this.held.push(h);
    }
    this.foldedTo = key;
  }
}
