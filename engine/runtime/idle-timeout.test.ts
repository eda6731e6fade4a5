// Dialect §8: an input that sends rarely holds a join's watermark back until
// its idle_timeout marks it idle. The set-up of the "slow input" lesson: payments
// every 125 ms, one rate every 5 s of event time.
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import { arrivalKey, watermarkBefore } from '../sources/arrival-clock';
import { generatorClock } from '../sources/generators/generator-clock';
import { CombinedWatermark } from './combined-watermark';

const script = (
  idle: string,
): string => `CREATE STREAM payments (payment_id BIGINT, currency VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND)
  WITH (total = 240, keys = 4, event_step = '100ms', start_time = 17000, seed = 5);
CREATE STREAM rates (currency VARCHAR, rate DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts,
  PRIMARY KEY (currency) NOT ENFORCED) WITH (total = 12, keys = 4, event_step = '5s', seed = 5${idle});
SELECT p.payment_id, r.rate FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency;`;

/** [payments' own watermark, the join's] before every payment row. */
function watermarks(idle: string): [number, number][] {
  const plan = compileScript(script(idle)).plan!;
  const sources = plan.sources.map((s, index) => {
    const t = s.options['idle_timeout'];
    return {
      clock: generatorClock(s),
      delay: s.watermarkDelay,
      index,
      idleTimeout: typeof t === 'number' ? t : null,
    };
  });
  const joined = new CombinedWatermark(sources);
  return Array.from({ length: 240 }, (_, i) => {
    const key = arrivalKey(sources[0]!.clock.arrivalOf(i), 0);
    return [watermarkBefore(sources[0]!, key), joined.at(key)];
  });
}

describe('a sparse input and idle_timeout', () => {
  it('without it, the join’s watermark waits for the next rate, in 5 s steps', () => {
    const w = watermarks('');
    // The last rate's time, or the payments' own watermark just after a rate came.
    expect(w.slice(1).every(([p, j]) => j % 5000 === 0 || j === p)).toBe(true);
    expect(w.filter(([p, j]) => j < p - 2000).length).toBeGreaterThan(w.length * 0.4);
    expect(Math.max(...w.slice(1).map(([p, j]) => p - j))).toBeGreaterThan(4000);
  });

  it('with it, the join’s watermark follows the payments between rates', () => {
    const w = watermarks(", idle_timeout = '1s'");
    const behind = w.slice(1).filter(([p, j]) => j < p);
    // Only in the second after each rate is the rates stream still active (and then the lower one).
    expect(behind.length).toBeLessThan(w.length * 0.25);
    expect(Math.max(...w.slice(1).map(([p, j]) => p - j))).toBeLessThanOrEqual(1000);
  });
});
