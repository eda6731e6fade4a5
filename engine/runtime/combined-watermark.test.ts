/** The combined watermark of several sources: minimum, +∞ for finished sources, idle sources left out, never back. */
import { describe, expect, it } from 'vitest';
import { arrivalKey, type SourceTime } from '../sources/arrival-clock';
import { rowsClock, rowsClockData } from '../sources/rows-clock';
import { CombinedWatermark } from './combined-watermark';

const source = (index: number, ts: number[], delay = 0, idleTimeout: number | null = null): SourceTime => ({
  clock: rowsClock(
    rowsClockData(
      ts,
      ts.map((_, k) => k),
    ),
  ),
  delay,
  index,
  idleTimeout,
});

describe('combined watermark', () => {
  it('is the minimum of the sources, each just before the key', () => {
    const a = source(0, [1000, 2000, 3000, 4000], 100);
    const b = source(1, [1500, 1600, 3500, 9000], 0);
    const w = new CombinedWatermark([a, b]);
    expect(w.at(arrivalKey(1000, 0))).toBe(-Infinity); // nothing arrived yet
    expect(w.at(arrivalKey(1600, 0))).toBe(900); // a: 1000 − 100, b: 1500
    expect(w.at(arrivalKey(1600, 1))).toBe(900); // b's 1600 row itself not yet in: b 1500, a 900
    expect(w.at(arrivalKey(3500, 1))).toBe(1600); // b: 1600 (3500 not in), a: 3000 − 100 = 2900
    // a finished after 4000: +∞; b's last row (9000) not in yet.
    expect(w.at(arrivalKey(5000, 0))).toBe(3500);
    expect(w.at(arrivalKey(9001, 0))).toBe(Infinity);
  });

  it('leaves a source out once it has been silent for its idle timeout, and never goes back', () => {
    // b (delay 15 s) sends at 0 and then only at 20 000: with a 5 s idle timeout it stops holding
    // a back after 5 s.
    const a = source(0, [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 21000]);
    const b = source(1, [0, 20000, 40000], 15000, 5000);
    const w = new CombinedWatermark([a, b]);
    expect(w.at(arrivalKey(4000, 0))).toBe(-15000); // b is behind
    expect(w.at(arrivalKey(5000, 0))).toBe(4000); // b idle for 5 s: a alone
    expect(w.at(arrivalKey(8000, 0))).toBe(7000);
    expect(w.at(arrivalKey(20000, 1))).toBe(8000);
    // b wakes at 20 000 with watermark 5 000 after its row: the combined watermark keeps the 8 000 it had.
    expect(w.at(arrivalKey(21000, 0))).toBe(8000);
    expect(w.at(arrivalKey(21001, 0))).toBe(8000);
    // Asked out of order, the same answers.
    expect(w.at(arrivalKey(5000, 0))).toBe(4000);
    expect(w.at(arrivalKey(4000, 0))).toBe(-15000);
  });

  it('without an idle timeout a silent source holds the watermark back', () => {
    const a = source(0, [0, 1000, 2000, 30000]);
    const b = source(1, [0, 20000]);
    const w = new CombinedWatermark([a, b]);
    expect(w.at(arrivalKey(19000, 0))).toBe(0);
    expect(w.at(arrivalKey(30000, 0))).toBe(2000);
  });
});
