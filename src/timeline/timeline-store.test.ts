import { describe, expect, it } from 'vitest';
import type { TimelineDelivery, TimelineWindowEvent } from '../../engine/worker/index';
import type { TimelineShape } from './timeline-shape';
import { bandRowOf, bandRowsFor } from './timeline-layout';
import { MAX_ROWS, TimelineStore } from './timeline-store';

const tumbling: TimelineShape = {
  window: { kind: 'tumbling', size: 1000 },
  grace: 0,
  emit: 'final',
  hasTime: true,
  delay: 0,
  keyLabel: 'k',
  streams: ['s'],
  held: [],
};
const session: TimelineShape = {
  window: { kind: 'session', gap: 100 },
  grace: 0,
  emit: 'changes',
  hasTime: true,
  delay: 0,
  keyLabel: 'k',
  streams: ['s'],
  held: [],
};

const delivery = (p: Partial<TimelineDelivery>): TimelineDelivery => ({
  worker: 0,
  rows: [],
  windows: [],
  watermark: -Infinity,
  sourceWatermarks: [],
  droppedRows: 0,
  droppedEvents: 0,
  ...p,
});
const ev = (
  kind: TimelineWindowEvent['kind'],
  key: string,
  start: number,
  end: number,
  seq: number,
): TimelineWindowEvent => ({
  kind,
  key,
  start,
  end,
  seq,
  worker: 0,
});

describe('TimelineStore', () => {
  it('numbers rows by arrival, marks out-of-order and late rows, and counts fired windows once', () => {
    const s = new TimelineStore();
    s.reset(tumbling);
    s.add(
      delivery({
        rows: [
          { seq: 0, ts: 100, key: 'a', worker: 0, source: 0 },
          { seq: 1, ts: 1500, key: 'b', worker: 0, source: 0 },
          { seq: 2, ts: 900, key: 'a', worker: 0, source: 0 },
          { seq: 3, ts: 200, key: 'a', worker: 0, source: 0 },
        ],
        windows: [
          ev('opened', 'a', 0, 1000, 0),
          ev('opened', 'b', 1000, 2000, 1),
          ev('fired', 'a', 0, 1000, 2),
          ev('fired', 'a', 0, 1000, 2),
          ev('late', 'a', 0, 1000, 3),
        ],
        watermark: 1200,
      }),
    );
    const snap = s.getSnapshot();
    expect(snap.rows.map((r) => r.arrival)).toEqual([0, 1, 2, 3]);
    expect(snap.rows.map((r) => r.outOfOrder)).toEqual([false, false, true, true]);
    expect(snap.rows[3]!.late).toMatch(/window \[00:00:00.000, 00:00:01.000\) had already closed/);
    expect(snap.counts).toMatchObject({ rows: 4, fired: 1, late: 1, outOfOrder: 2 });
    expect(snap.windows.map((w) => [w.key, w.status])).toEqual([
      ['a', 'fired'],
      ['b', 'open'],
    ]);
    expect(snap.keys).toEqual(['a', 'b']);
    expect(snap.watermark).toBe(1200);
    expect(snap.maxTs).toBe(1500);
  });

  it('keeps CUMULATE windows of one start apart by their end, and stacks them a row per step', () => {
    const cumulate: TimelineShape = { ...tumbling, window: { kind: 'cumulate', size: 3000, step: 1000 } };
    const s = new TimelineStore();
    s.reset(cumulate);
    s.add(
      delivery({
        rows: [{ seq: 0, ts: 500, key: 'a', worker: 0, source: 0 }],
        windows: [
          ev('opened', 'a', 0, 1000, 0),
          ev('opened', 'a', 0, 2000, 0),
          ev('opened', 'a', 0, 3000, 0),
          ev('fired', 'a', 0, 1000, 1),
        ],
        watermark: 1500,
      }),
    );
    const snap = s.getSnapshot();
    expect(snap.windows.map((w) => [w.start, w.end, w.status])).toEqual([
      [0, 1000, 'fired'],
      [0, 2000, 'open'],
      [0, 3000, 'open'],
    ]);
    const rows = bandRowsFor(cumulate);
    expect(rows).toBe(3);
    expect(snap.windows.map((w) => bandRowOf(w.start, w.end, cumulate, rows))).toEqual([0, 1, 2]);
    // Past six steps the staircase starts again at the top.
    const long: TimelineShape = { ...tumbling, window: { kind: 'cumulate', size: 8000, step: 1000 } };
    expect(bandRowsFor(long)).toBe(6);
    expect(bandRowOf(0, 7000, long, 6)).toBe(0);
  });

  it('takes the minimum watermark over workers', () => {
    const s = new TimelineStore();
    s.reset(tumbling);
    s.add(delivery({ worker: 0, watermark: 500 }));
    s.add(delivery({ worker: 1, watermark: 300 }));
    s.add(delivery({ worker: 0, watermark: 900 }));
    expect(s.getSnapshot().watermark).toBe(300);
  });

  it('merges sessions of a key that the engine reports as one', () => {
    const s = new TimelineStore();
    s.reset(session);
    s.add(
      delivery({
        rows: [
          { seq: 0, ts: 0, key: 'a', worker: 0, source: 0 },
          { seq: 1, ts: 150, key: 'a', worker: 0, source: 0 },
          { seq: 2, ts: 80, key: 'a', worker: 0, source: 0 },
        ],
        windows: [
          ev('opened', 'a', 0, 100, 0),
          ev('updated', 'a', 0, 100, 0),
          ev('opened', 'a', 150, 250, 1),
          ev('updated', 'a', 150, 250, 1),
          ev('updated', 'a', 0, 250, 2),
        ],
      }),
    );
    const w = s.getSnapshot().windows;
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ start: 0, end: 250, merged: 1, status: 'open' });
    expect(w[0]!.updates).toEqual([0, 150, 80]);
  });

  it('stays bounded and counts what the workers did not send', () => {
    const s = new TimelineStore();
    s.reset(tumbling);
    const rows = Array.from({ length: MAX_ROWS + 500 }, (_, i) => ({
      seq: i,
      ts: i,
      key: 'a',
      worker: 0,
      source: 0,
    }));
    s.add(delivery({ rows, droppedRows: 7, droppedEvents: 2 }));
    const snap = s.getSnapshot();
    expect(snap.rows).toHaveLength(MAX_ROWS);
    expect(snap.rows[0]!.seq).toBe(500);
    expect(snap.counts).toMatchObject({ rows: MAX_ROWS + 500, droppedRows: 7, droppedEvents: 2 });
  });

  it("keeps a join's two streams apart (their seqs overlap) and each input's watermark", () => {
    const s = new TimelineStore();
    s.reset({ ...tumbling, streams: ['l', 'r'] });
    const row = (source: number, seq: number, ts: number) => ({ seq, ts, key: 'a', worker: 0, source });
    s.add(delivery({ rows: [row(0, 0, 10), row(1, 0, 20)], watermark: 5, sourceWatermarks: [10, 5] }));
    s.add(delivery({ worker: 1, watermark: 3, sourceWatermarks: [12, 3] }));
    const snap = s.getSnapshot();
    expect(snap.rows.map((r) => [r.source, r.seq, r.ts])).toEqual([
      [0, 0, 10],
      [1, 0, 20],
    ]);
    expect(new Set(snap.rows.map((r) => r.id)).size).toBe(2);
    expect(snap.inputWatermarks).toEqual([10, 3]);
    expect(snap.watermark).toBe(3);
  });
});
