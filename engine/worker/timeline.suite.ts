/**
 * The teaching timeline and per-stage counts through every variant: the
 * engine's real window events (opened / fired / late with the right bounds)
 * reach `RunHandle.timeline`, input rows are sampled within the budget, and
 * `nodeRowsOut` adds up. Run in-process and through real worker threads.
 */
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import type { PhysicalPlan } from '../plan/physical-plan';
import { SEED_SCENARIOS } from '../scenarios/seed-scenarios';
import { CONFORMANCE_CASES } from './conformance-cases';
import { startRun, type RunEnv } from './start-run';
import type { RunMetrics, RunOptions, RunSummary, TimelineDelivery } from './run-types';
import { EQUALITY_VARIANTS } from './variants-equal.suite';

function compile(sql: string): PhysicalPlan {
  const r = compileScript(sql);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

interface Recorded {
  readonly summary: RunSummary;
  readonly deliveries: TimelineDelivery[];
  readonly last: RunMetrics | null;
}

async function record(plan: PhysicalPlan, o: RunOptions, env: RunEnv): Promise<Recorded> {
  const h = startRun(plan, { rowsPerSecond: 0, ...o }, env);
  const deliveries: TimelineDelivery[] = [];
  let last: RunMetrics | null = null;
  h.timeline.subscribe((d) => deliveries.push(d));
  h.metrics$.subscribe((m) => (last = m));
  const summary = await h.done;
  return { summary, deliveries, last };
}

const T0 = 1602288000000;
const sec = (s: number): number => T0 + s * 1000;

export function timelineSuite(label: string, makeEnv: () => RunEnv): void {
  describe(`timeline and stage counts (${label})`, () => {
    // 15 rows, 5 s tumbling windows, watermark 1 s behind; the 8th row (ts 4 s, key a) arrives after [0 s, 5 s) fired.
    const late =
      CONFORMANCE_CASES.find((c) => c.name === 'tumble-late-rows') ??
      CONFORMANCE_CASES.find((c) => c.script.includes('TUMBLING') && c.name.includes('late'))!;
    for (const v of EQUALITY_VARIANTS) {
      it(`${v.variant}${v.partitions ? `@${v.partitions}` : ''}${v.source ? ` ${v.source}` : ''}: opened, fired and late events with their windows`, async () => {
        const plan = compile(late.script);
        const stream = plan.sources[0]!.stream;
        const rows = late.input[stream]!;
        const r = await record(plan, { ...v, inputs: { [stream]: { rows } }, timeline: {} }, makeEnv());
        expect(r.summary.error).toBeUndefined();
        const events = r.deliveries.flatMap((d) => d.windows);
        const seen = r.deliveries.flatMap((d) => d.rows);
        // Every input row, each once, with its event time and key.
        expect(seen.map((x) => x.seq).sort((a, b) => a - b)).toEqual(rows.map((_, k) => k));
        const row8 = seen.find((x) => x.seq === 7)!;
        expect(row8).toMatchObject({ ts: sec(4), key: 'a' });
        expect(seen.find((x) => x.seq === 9)!.key).toBe('NULL');
        const fmt = (kind: string): string[] =>
          events
            .filter((e) => e.kind === kind)
            .map((e) => `${e.key} ${(e.start - T0) / 1000}-${(e.end - T0) / 1000}`)
            .sort();
        const windows = [
          'NULL 30-35',
          'a 0-5',
          'a 40-45',
          'a 5-10',
          'b 15-20',
          'b 30-35',
          'b 5-10',
          'c 40-45',
          'd 40-45',
        ];
        expect(fmt('opened')).toEqual(windows);
        expect(fmt('fired')).toEqual(windows);
        expect(fmt('late')).toEqual(['a 0-5']);
        expect(events.find((e) => e.kind === 'late')!.seq).toBe(7);
        // [0 s, 5 s) fired mid-stream, before its late row came: on the row whose watermark passed 5 s
        // (seq 4, ts 7 s) or a later one, by where batches end and which rows this partition sees.
        const firedA0 = events.findIndex((e) => e.kind === 'fired' && e.key === 'a' && e.start === sec(0));
        expect(firedA0).toBeLessThan(events.findIndex((e) => e.kind === 'late'));
        expect(events[firedA0]!.seq).toBeGreaterThanOrEqual(4);
        expect(events[firedA0]!.seq).toBeLessThan(7);
        expect(
          events.filter((e) => e.kind === 'fired' && e.start === sec(40)).every((e) => e.seq === -1),
        ).toBe(true);
        expect(r.deliveries.every((d) => d.droppedRows === 0 && d.droppedEvents === 0)).toBe(true);
        // Each worker's last delivery: the stream has ended.
        const workers = new Set(r.deliveries.map((d) => d.worker));
        for (const w of workers)
          expect(r.deliveries.filter((d) => d.worker === w).pop()!.watermark).toBe(Infinity);
        // Stage counts: the last stage's output is the run's output.
        const stages = r.last!.nodeRowsOut;
        expect(stages.length).toBeGreaterThan(0);
        expect(stages[stages.length - 1]).toBe(r.summary.rowsOut);
        expect(r.summary.rowsOut).toBe(9);
      });
    }

    it('at full speed the timeline keeps to its budget and counts the rest; off, it sends nothing', async () => {
      const s = SEED_SCENARIOS.find((x) => x.id === 'S3a')!;
      const plan = compile(s.sql);
      const env = makeEnv();
      const on = await record(
        plan,
        {
          variant: 'partitioned',
          partitions: 2,
          totalRows: 60000,
          batchSize: 4096,
          timeline: { maxPerSecond: 200 },
        },
        env,
      );
      expect(on.summary.error).toBeUndefined();
      const kept = on.deliveries.reduce((n, d) => n + d.rows.length, 0);
      const dropped = on.deliveries.reduce((n, d) => n + d.droppedRows, 0);
      expect(kept + dropped).toBe(60000);
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(60000);
      for (const d of on.deliveries) expect(d.rows.every((x) => x.key.includes(' · '))).toBe(true);
      const stages = on.last!.nodeRowsOut;
      expect(stages[stages.length - 1]).toBe(on.summary.rowsOut);
      const off = await record(
        plan,
        { variant: 'partitioned', partitions: 2, totalRows: 60000, batchSize: 4096 },
        env,
      );
      expect(off.deliveries).toEqual([]);
      expect(off.summary.checksum).toBe(on.summary.checksum);
    });

    it('a file with bad rows: the summary carries how many and which lines', async () => {
      const plan = compile(late.script);
      const good = late.input[plan.sources[0]!.stream]!.map((r) => JSON.stringify(r));
      const text = [good[0], '{"ts": "soon"', good[1], '[1, 2]', ...good.slice(2)].join('\n') + '\n';
      for (const o of [{ variant: 'direct' }, { variant: 'partitioned', partitions: 2 }] as const) {
        const stream = plan.sources[0]!.stream;
        const r = await record(
          plan,
          { ...o, inputs: { [stream]: { file: { name: 'ev.jsonl', text } } } },
          makeEnv(),
        );
        expect(r.summary.error).toBeUndefined();
        expect(r.summary.rowsIn).toBe(good.length);
        expect(r.summary.fileErrors.count).toBe(2);
        expect(r.summary.fileErrors.first.map((e) => e.line)).toEqual([2, 4]);
        expect(r.summary.fileErrors.first[1]!.message).toMatch(/not a JSON object/);
      }
    });
  });
}
