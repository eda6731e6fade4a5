/** A generated stream's clock agrees with the rows the generator makes: arrival = base time, M(n) = max ts so far. */
import { describe, expect, it } from 'vitest';
import type { NumberColumn } from '../../core/batch';
import { arrivalKey, linearRowsUpTo, watermarkBefore } from '../arrival-clock';
import { builtinSourceSpec } from './builtin-source-spec';
import { generatorClock } from './generator-clock';
import { createGeneratorSource } from './index';

const MESSY = { total: 5000, keys: 10, out_of_order: 0.3, max_out_of_order: 300, late: 0.05, seed: 3 };

describe('generator clock', () => {
  for (const step of [1, 7, 0.4, 2500]) {
    it(`event_step ${step}: M(n) and the watermark before each row match the generated rows`, () => {
      const spec = builtinSourceSpec(
        'orders',
        { ...MESSY, event_step: step, start_time: 1000 },
        { watermarkDelay: 200 },
      );
      const clock = generatorClock(spec);
      const src = createGeneratorSource(spec);
      const time = spec.timeColumn!;
      let max = -Infinity;
      let n = 0;
      for (let b = src.next(777); b; b = src.next(777)) {
        const ts = (b.columns[time] as NumberColumn).data;
        for (let i = 0; i < b.length; i++) {
          expect(clock.maxTsOf(n)).toBe(max);
          // The row's own watermark is the clock's just before its key (one row per arrival ms at step ≥ 1).
          if (step >= 1)
            expect(
              watermarkBefore(
                { clock, delay: 200, index: 0, idleTimeout: null },
                arrivalKey(clock.arrivalOfSeq(b.seq[i]!), 0),
              ),
            ).toBe(b.wm[i]);
          if (ts[i]! > max) max = ts[i]!;
          n++;
        }
      }
      expect(n).toBe(5000);
      expect(clock.maxTsOf(n)).toBe(max);
    });
  }

  it('counts rows arrived by a time, capped at the total, for fractional and large steps', () => {
    for (const step of [1, 0.4, 3.7, 1000]) {
      const spec = builtinSourceSpec('orders', { total: 300, event_step: step, start_time: 50 }, {});
      const clock = generatorClock(spec);
      for (const t of [-10, 49, 50, 51, 60.0, 100, 400, 1e6]) {
        let le = 0;
        let lt = 0;
        for (let i = 0; i < 300; i++) {
          if (clock.arrivalOf(i) <= t) le++;
          if (clock.arrivalOf(i) < t) lt++;
        }
        expect(clock.rowsArrived(t, true)).toBe(le);
        expect(clock.rowsArrived(t, false)).toBe(lt);
      }
      expect(clock.rowsArrived(Infinity, false)).toBe(300);
    }
  });

  it('finds the rows up to every millisecond by division, where the estimate rounds a row off', () => {
    // Steps whose estimate (limit + 1 − start) / step lands a row short (0.7, 1.4, 0.29) or over (2.3, 4.1).
    for (const step of [0.7, 1.4, 2.3, 0.29, 4.1, 10])
      for (const start of [0, 7, 1001]) {
        const total = 900;
        let count = 0;
        for (let limit = start - 3; limit < start + total * step + 5; limit++) {
          while (count < total && Math.floor(start + count * step) <= limit) count++;
          expect(linearRowsUpTo(start, step, total, limit)).toBe(count);
        }
      }
  });
});
