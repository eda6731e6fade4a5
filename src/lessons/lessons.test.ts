import { describe, expect, it } from 'vitest';
import { compileScript } from '../../engine/index';
import { inProcessConnection } from '../../engine/worker/engine-client';
import { startRun } from '../../engine/worker/start-run';
import { sanitizeSettings } from '../state/settings';
import { LESSONS } from './lessons';

describe('lessons', () => {
  it('has the five seed scenarios and the fourteen short lessons, with unique ids and titles', () => {
    expect(LESSONS.slice(0, 5).map((l) => l.title.split(' ')[0])).toEqual(['S0', 'S1', 'S2', 'S3a', 'S3b']);
    expect(LESSONS).toHaveLength(19);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(new Set(LESSONS.map((l) => l.title)).size).toBe(LESSONS.length);
  });

  it.each(LESSONS.map((l) => [l.title, l] as const))('%s compiles without errors', (_, lesson) => {
    const r = compileScript(lesson.script);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan).not.toBeNull();
    // Every query in the script compiles, not only the last one (lessons invite running the others).
    for (const q of r.queries) {
      const one = compileScript(lesson.script, { queryIndex: q.index });
      expect(one.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it.each(LESSONS.map((l) => [l.title, l] as const))(
    '%s: valid settings, bounded, seeded, 2–3 sentences',
    (_, lesson) => {
      const settings = { ...sanitizeSettings({}), ...lesson.settings };
      expect(sanitizeSettings(settings)).toEqual(settings);
      const options = compileScript(lesson.script).plan!.sources[0]!.options;
      expect(typeof options['total']).toBe('number');
      expect(typeof options['seed']).toBe('number');
      const sentences = lesson.watch.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;
      expect(sentences).toBeGreaterThanOrEqual(2);
      expect(sentences).toBeLessThanOrEqual(3);
    },
  );

  it('teaching lessons play at a watchable rate, finish within 40 s and keep keys readable', () => {
    for (const lesson of LESSONS.filter((l) => l.focus === 'timeline' || l.id === 'emit')) {
      const o = compileScript(lesson.script).plan!.sources[0]!.options;
      const rate = o['rows_per_second'] as number;
      expect(rate).toBeGreaterThanOrEqual(5);
      expect(rate).toBeLessThanOrEqual(50);
      expect((o['total'] as number) / rate).toBeLessThanOrEqual(40);
      expect(o['keys'] as number).toBeLessThanOrEqual(4);
    }
  });

  it('the dedup lesson keeps one row per reading either way: first copy append-only, last copy retracting each retry', async () => {
    const lesson = LESSONS.find((l) => l.id === 'dedup')!;
    const r = compileScript(lesson.script);
    const clock = (): number => performance.timeOrigin + performance.now();
    const run = async (queryIndex: number): Promise<{ ops: string[]; held: number }> => {
      const plan = compileScript(lesson.script, { queryIndex }).plan!;
      const h = startRun(
        plan,
        { variant: 'direct', rowsPerSecond: 0 },
        { createEngine: () => inProcessConnection(clock), clock },
      );
      const ops: string[] = [];
      h.outputs.subscribe((e) => {
        for (const b of e.batches)
          for (let i = 0; i < b.length; i++) ops.push(b.op === null ? '+I' : ['+I', '+U', '-D'][b.op[i]!]!);
      });
      await h.done;
      return { ops, held: ops.filter((o) => o === '+I').length - ops.filter((o) => o === '-D').length };
    };
    const [last, first] = [await run(r.queries[0]!.index), await run(r.queries[1]!.index)];
    expect(first.ops.every((o) => o === '+I')).toBe(true);
    expect(first.held).toBe(241);
    expect(last.ops.filter((o) => o === '-D')).toHaveLength(59);
    expect(last.held).toBe(241);
  });

  it('the late-rows lessons really produce late rows: a late knob and a small watermark delay', () => {
    for (const id of ['late-rows', 'grace']) {
      const plan = compileScript(LESSONS.find((l) => l.id === id)!.script).plan!;
      expect(plan.sources[0]!.options['late'] as number).toBeGreaterThan(0);
      expect(plan.sources[0]!.watermarkDelay).toBeLessThanOrEqual(500);
    }
  });
});

describe('join lessons', () => {
  const joins = LESSONS.filter((l) => compileScript(l.script).plan!.sources.length > 1);
  const clock = (): number => performance.timeOrigin + performance.now();

  it('are the four join lessons, every input bounded, seeded and watchable', () => {
    expect(joins.map((l) => l.id)).toEqual(['interval-join', 'window-join', 'slow-input', 'temporal-join']);
    for (const l of joins) {
      const r = compileScript(l.script);
      for (const q of r.queries)
        for (const s of compileScript(l.script, { queryIndex: q.index }).plan!.sources) {
          const rate = s.options['rows_per_second'] as number;
          expect(typeof s.options['total']).toBe('number');
          expect(typeof s.options['seed']).toBe('number');
          // A slow table (rates) is spaced by event time and may come as fast as it is due.
          if (rate === 0) expect(s.options['generator']).toBe('rates');
          else expect((s.options['total'] as number) / rate).toBeLessThanOrEqual(40);
        }
    }
  });

  it('the slow-input lesson runs without idle_timeout and offers it in its first query', () => {
    const l = joins.find((x) => x.id === 'slow-input')!;
    const r = compileScript(l.script);
    const idle = (queryIndex: number) =>
      compileScript(l.script, { queryIndex }).plan!.sources.map((s) => s.options['idle_timeout'] ?? null);
    expect(idle(r.queries[r.queries.length - 1]!.index)).toEqual([null, null]);
    expect(idle(r.queries[0]!.index)).toEqual([null, 1000]);
  });

  it.each(joins.map((l) => [l.title, l] as const))('%s: every query joins rows', async (_, lesson) => {
    for (const q of compileScript(lesson.script).queries) {
      const plan = compileScript(lesson.script, { queryIndex: q.index }).plan!;
      const h = startRun(
        plan,
        { variant: 'direct', rowsPerSecond: 0 },
        { createEngine: () => inProcessConnection(clock), clock },
      );
      const s = await h.done;
      expect(s.error).toBeUndefined();
      expect(s.late).toBe(0);
      expect(s.rowsOut).toBeGreaterThan(20);
    }
  });
});
