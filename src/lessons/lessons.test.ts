import { describe, expect, it } from 'vitest';
import { compileScript } from '../../engine/index';
import { sanitizeSettings } from '../state/settings';
import { LESSONS } from './lessons';

describe('lessons', () => {
  it('has the five seed scenarios and the six short lessons, with unique ids and titles', () => {
    expect(LESSONS.slice(0, 5).map((l) => l.title.split(' ')[0])).toEqual(['S0', 'S1', 'S2', 'S3a', 'S3b']);
    expect(LESSONS).toHaveLength(11);
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

  it('the late-rows lessons really produce late rows: a late knob and a small watermark delay', () => {
    for (const id of ['late-rows', 'grace']) {
      const plan = compileScript(LESSONS.find((l) => l.id === id)!.script).plan!;
      expect(plan.sources[0]!.options['late'] as number).toBeGreaterThan(0);
      expect(plan.sources[0]!.watermarkDelay).toBeLessThanOrEqual(500);
    }
  });
});
