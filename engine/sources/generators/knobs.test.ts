/** The WITH knobs, pinned down statistically on generated streams (dialect §2.2, §4). */
import { describe, expect, it } from 'vitest';
import { BUILTIN_STREAMS } from '../../core/builtin-streams';
import { drainSource } from './drain-source';
import { builtinSourceSpec } from './builtin-source-spec';
import { createGeneratorSource } from './index';
import { zipfProbabilities } from './zipf';

function run(stream: string, options: Record<string, number | string>, delay = 0, batch = 4096) {
  const spec = builtinSourceSpec(stream, options, { watermarkDelay: delay });
  const src = createGeneratorSource(spec);
  const d = drainSource(src, spec.columns.length, batch);
  const col = (name: string) => d.columns[spec.columns.findIndex((f) => f.name === name)]!;
  return { ...d, col, src, spec };
}

/** W(i) computed the obvious way: max ts of all earlier rows − d. */
function watermarks(ts: readonly number[], d: number): number[] {
  let max = -Infinity;
  return ts.map((t) => {
    const w = max - d;
    if (t > max) max = t;
    return w;
  });
}

describe('generator knobs', () => {
  it('total bounds the stream; rows_per_second is exposed, not used for event time', () => {
    const a = run('orders', { total: 1234, rows_per_second: 500 });
    const b = run('orders', { total: 1234, rows_per_second: 0 });
    expect(a.seq.length).toBe(1234);
    expect(a.seq).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(a.src.bounded).toBe(true);
    expect(a.src.rowsPerSecond).toBe(500);
    expect(a.col('ts')).toEqual(b.col('ts'));
    expect(createGeneratorSource(builtinSourceSpec('orders', {})).bounded).toBe(false);
  });

  it('event_step and start_time place in-order rows exactly', () => {
    const r = run('sensors', { total: 500, event_step: 250, start_time: 1_704_067_200_000 });
    expect(r.col('ts')).toEqual(Array.from({ length: 500 }, (_, i) => 1_704_067_200_000 + i * 250));
  });

  it('keys sets the number of distinct key values; skew = 0 is uniform', () => {
    const n = 100_000;
    const r = run('trades', { total: n, keys: 40, skew: 0 });
    const counts = new Map<unknown, number>();
    for (const s of r.col('symbol')) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(counts.size).toBe(40);
    let chi = 0;
    for (const c of counts.values()) chi += (c - n / 40) ** 2 / (n / 40);
    expect(chi).toBeLessThan(80); // 39 degrees of freedom
  });

  it.each([0.7, 1.1, 1.6])('skew %s: key frequencies follow the Zipf exponent', (skew) => {
    const n = 200_000;
    const r = run('clicks', { total: n, keys: 200, skew });
    const counts = new Float64Array(200);
    for (const u of r.col('user_id')) counts[(u as number) - 1]!++;
    const p = zipfProbabilities(200, skew);
    for (let k = 0; k < 20; k++) {
      const e = n * p[k]!;
      expect(Math.abs(counts[k]! - e)).toBeLessThan(4.5 * Math.sqrt(e));
    }
    // Fitted exponent over the top 30 ranks (least squares on log-log).
    let sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0;
    const m = 30;
    for (let k = 0; k < m; k++) {
      const x = Math.log(k + 1);
      const y = Math.log(counts[k]!);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    expect(Math.abs(-slope - skew)).toBeLessThan(0.06);
  });

  it('out_of_order moves that fraction of rows back by 1…max_out_of_order', () => {
    const n = 100_000;
    const r = run('trades', { total: n, out_of_order: 0.2, max_out_of_order: 500 }, 1000);
    const ts = r.col('ts') as number[];
    let moved = 0;
    let outOfBound = 0;
    for (let i = 0; i < n; i++) {
      const back = i - ts[i]!;
      if (back < 0 || back > 500) outOfBound++;
      if (back > 0) moved++;
    }
    expect(outOfBound).toBe(0);
    expect(Math.abs(moved / n - 0.2)).toBeLessThan(0.006);
    // Shifts are spread over the whole bound.
    expect(Math.max(...ts.map((t, i) => i - t))).toBeGreaterThan(490);
    // With max_out_of_order < d nothing is behind the watermark.
    const w = watermarks(ts, 1000);
    expect(ts.every((t, i) => t > w[i]!)).toBe(true);
  });

  it.each([
    [0.05, 0, 0],
    [0.01, 2000, 300],
  ])(
    'late = %s (d = %s ms, max_out_of_order = %s): that fraction arrives behind the watermark',
    (late, d, maxOoo) => {
      const n = 100_000;
      const opts: Record<string, number> = maxOoo > 0 ? { out_of_order: 0.3, max_out_of_order: maxOoo } : {};
      const r = run('orders', { total: n, late, event_step: 2, ...opts }, d);
      const ts = r.col('ts') as number[];
      const w = watermarks(ts, d);
      // The source's per-row watermark is exactly W(i) of the dialect.
      expect(r.wm).toEqual(w);
      const behind = ts.filter((t, i) => t < w[i]!).length;
      expect(Math.abs(behind / n - late)).toBeLessThan(4 * Math.sqrt((late * (1 - late)) / n));
      // Late for a window: a 1-second tumbling window holding a late row had usually closed already.
      let closed = 0;
      ts.forEach((t, i) => {
        if (t < w[i]!) {
          const end = Math.floor(t / 1000) * 1000 + 1000;
          if (end - 1 <= w[i]!) closed++;
        }
      });
      expect(closed / behind).toBeGreaterThan(0.45);
    },
  );

  it('null_rate applies to nullable non-key, non-time columns only', () => {
    const n = 50_000;
    for (const b of BUILTIN_STREAMS) {
      const r = run(b.name, { total: n, null_rate: 0.1 });
      for (const f of b.columns) {
        const nulls = r.col(f.name).filter((v) => v === null).length;
        if (!f.nullable || f.name === b.keyColumn || f.name === 'ts')
          expect(nulls, `${b.name}.${f.name}`).toBe(0);
        else expect(Math.abs(nulls / n - 0.1), `${b.name}.${f.name}`).toBeLessThan(0.006);
      }
    }
    expect(run('trades', { total: 10_000 }).columns.every((c) => c.every((v) => v !== null))).toBe(true);
  });

  it('values are plausible', () => {
    const t = run('trades', { total: 20_000, keys: 5 });
    const prices = t.col('price') as number[];
    expect(prices.every((p) => p > 1 && p < 5000)).toBe(true);
    expect(new Set(t.col('side'))).toEqual(new Set(['BUY', 'SELL']));
    // A walk: consecutive prices of one symbol stay close.
    const sym = t.col('symbol');
    const aapl = prices.filter((_, i) => sym[i] === 'AAPL');
    for (let i = 1; i < aapl.length; i++) expect(Math.abs(aapl[i]! / aapl[i - 1]! - 1)).toBeLessThan(0.01);
    const o = run('orders', { total: 20_000 });
    const above = (o.col('total_amount') as number[]).filter((a) => a > 100).length / 20_000;
    expect(above).toBeGreaterThan(0.2);
    expect(above).toBeLessThan(0.4);
    expect(o.col('order_id')).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 1));
    const s = run('sensors', { total: 5000, keys: 10 });
    expect((s.col('humidity') as number[]).every((h) => h >= 1 && h <= 100)).toBe(true);
    const c = run('clicks', { total: 5000 });
    expect((c.col('latency_ms') as number[]).every((l) => l > 0)).toBe(true);
  });

  it('rejects invalid combinations with a clear message', () => {
    const make = (stream: string, o: Record<string, number | string>, columns?: string[]) => () =>
      createGeneratorSource(builtinSourceSpec(stream, o, columns ? { columns } : {}));
    expect(make('trades', { out_of_order: 0.1 })).toThrow(/max_out_of_order/);
    expect(make('trades', { out_of_order: 0.6, late: 0.5, max_out_of_order: 10 })).toThrow(/exceed 1/);
    expect(make('trades', { event_step: 0, late: 1 })).toThrow(/event_step = 0/);
    expect(make('trades', { null_rate: 2 })).toThrow(/null_rate/);
    expect(() =>
      createGeneratorSource({ ...builtinSourceSpec('trades'), generator: 'nope', options: {} }),
    ).toThrow(/known generators are trades/);
    const spec = builtinSourceSpec('trades');
    expect(() =>
      createGeneratorSource({
        ...spec,
        columns: [...spec.columns, { name: 'colour', type: 'VARCHAR', nullable: true }],
      }),
    ).toThrow(/column 'colour' is not produced by generator 'trades'/);
    expect(() =>
      createGeneratorSource({
        ...spec,
        columns: [{ name: 'price', type: 'VARCHAR', nullable: true }],
        timeColumn: null,
      }),
    ).toThrow(/declared VARCHAR/);
    expect(() => createGeneratorSource(spec, { partitions: 2, partition: 2 })).toThrow(/partition must be/);
  });
});
