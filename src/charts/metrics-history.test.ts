import { describe, expect, it } from 'vitest';
import { type ChartSample, smoothRates } from './metrics-history';

const sample = (t: number, rowsIn: number, inRate: number): ChartSample => ({
  t,
  inRate,
  outRate: 0,
  rowsIn,
  rowsOut: rowsIn / 10,
  p50: null,
  p99: null,
  watermarkLag: null,
  compute: 0,
  check: 0,
  source: 0,
  messaging: 0,
  waiting: 0,
});

describe('smoothRates', () => {
  it('turns batchy per-interval rates into the rate over the last second', () => {
    // 4,096-row batches about every 205 ms (20,000 rows/s), sampled every 150 ms.
    const samples: ChartSample[] = [];
    for (let k = 0; k <= 40; k++) {
      const t = k * 0.15;
      const rows = Math.floor(t / 0.2048) * 4096;
      const prev = samples[k - 1];
      samples.push(sample(t, rows, prev ? (rows - prev.rowsIn) / 0.15 : 0));
    }
    const raw = samples.slice(10).map((s) => s.inRate);
    expect(Math.min(...raw)).toBe(0);
    const smooth = smoothRates(samples).slice(10);
    for (const s of smooth) {
      expect(s.inRate).toBeGreaterThan(15_000);
      expect(s.inRate).toBeLessThan(25_000);
    }
    expect(smooth[5]!.outRate).toBeCloseTo(smooth[5]!.inRate / 10);
  });

  it('keeps the first sample as it is (no window behind it yet)', () => {
    const s = [sample(0.15, 3000, 20_000)];
    expect(smoothRates(s)).toEqual(s);
  });
});
