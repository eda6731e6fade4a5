/**
 * The windows timeline's model: the input rows and window events the workers
 * reported (`RunHandle.timeline`), folded into what the view draws — rows with
 * their arrival order, lateness and disorder; windows with their state; the
 * global watermark. Bounded (the oldest rows and closed windows go first) and
 * outside React: the view subscribes and redraws a few times a second.
 */
import type { TimelineDelivery, TimelineWindowEvent } from '../../engine/worker/index';
import type { TimelineShape } from './timeline-shape';
import { BatchedNotifier } from '../state/batched-notifier';

export interface TlRow {
  /** Unique among the timeline's rows (seq is per stream: a join's two streams both start at 0). */
  readonly id: number;
  readonly seq: number;
  /** Which of the plan's sources it came from. */
  readonly source: number;
  readonly ts: number;
  readonly key: string;
  /** 0-based position among the rows this timeline saw, in arrival order. */
  readonly arrival: number;
  /** Arrived after a row with a later event time. */
  readonly outOfOrder: boolean;
  /** Why the engine set it aside, or null. */
  late: string | null;
}

export interface TlWindow {
  readonly id: string;
  readonly key: string;
  start: number;
  end: number;
  status: 'open' | 'fired';
  /** Store version at which it fired (the view flashes recent ones). */
  firedAt: number;
  /** Event times of the rows whose updates it emitted (EMIT CHANGES ticks), newest last, capped. */
  readonly updates: number[];
  /** Sessions: how many earlier sessions were merged into this one. */
  merged: number;
}

export interface TimelineSnapshot {
  readonly version: number;
  readonly shape: TimelineShape | null;
  readonly rows: readonly TlRow[];
  readonly windows: readonly TlWindow[];
  /** Keys in order of first appearance. */
  readonly keys: readonly string[];
  /** Min over the workers that reported one; −∞ before any. */
  readonly watermark: number;
  /** Each input stream's own watermark (min over the workers); the combined one above is their minimum. */
  readonly inputWatermarks: readonly number[];
  /** Largest event time seen. */
  readonly maxTs: number;
  readonly counts: {
    readonly rows: number;
    readonly droppedRows: number;
    readonly droppedEvents: number;
    readonly fired: number;
    readonly late: number;
    readonly outOfOrder: number;
  };
}

export const MAX_ROWS = 2500;
export const MAX_WINDOWS = 800;
const MAX_UPDATE_TICKS = 24;
const MAX_KEYS = 64;

const windowText = (start: number, end: number): string => `[${clockText(start)}, ${clockText(end)})`;

/** HH:MM:SS.mmm in UTC: event times are epoch ms, and the axis shows the time of day. */
export function clockText(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '+∞' : '−∞';
  return new Date(ms).toISOString().slice(11, 23);
}

/** Rows of different streams may share a seq. */
const rowId = (source: number, seq: number): number => seq * 64 + source;

export class TimelineStore {
  private shape: TimelineShape | null = null;
  private rows: TlRow[] = [];
  private bySeq = new Map<number, TlRow>();
  private windows = new Map<string, TlWindow>();
  private keys: string[] = [];
  private keySet = new Set<string>();
  private marks = new Map<number, number>();
  private sourceMarks = new Map<number, readonly number[]>();
  private maxTs = -Infinity;
  private counts = { rows: 0, droppedRows: 0, droppedEvents: 0, fired: 0, late: 0, outOfOrder: 0 };
  private version = 0;
  private snapshot: TimelineSnapshot | null = null;

  private readonly notifier: BatchedNotifier;

  /** `schedule` batches listener calls (the app passes a short timeout: a few redraws a second). */
  constructor(schedule?: (fn: () => void) => void) {
    this.notifier = new BatchedNotifier(schedule);
  }

  reset(shape: TimelineShape | null): void {
    this.shape = shape;
    this.rows = [];
    this.bySeq.clear();
    this.windows.clear();
    this.keys = [];
    this.keySet.clear();
    this.marks.clear();
    this.sourceMarks.clear();
    this.maxTs = -Infinity;
    this.counts = { rows: 0, droppedRows: 0, droppedEvents: 0, fired: 0, late: 0, outOfOrder: 0 };
    this.changed();
  }

  add(d: TimelineDelivery): void {
    for (const r of d.rows) this.addRow(r.source, r.seq, r.ts, r.key);
    for (const e of d.windows) this.addEvent(e);
    if (d.watermark > (this.marks.get(d.worker) ?? -Infinity)) this.marks.set(d.worker, d.watermark);
    if (d.sourceWatermarks.length) this.sourceMarks.set(d.worker, d.sourceWatermarks);
    this.counts.droppedRows += d.droppedRows;
    this.counts.droppedEvents += d.droppedEvents;
    this.trim();
    this.changed();
  }

  private addRow(source: number, seq: number, ts: number | null, key: string): void {
    if (ts === null) return; // No event time: nowhere to draw it (the results' side output lists it).
    this.noteKey(key);
    const outOfOrder = ts < this.maxTs;
    if (outOfOrder) this.counts.outOfOrder++;
    else this.maxTs = ts;
    const id = rowId(source, seq);
    const row: TlRow = { id, seq, source, ts, key, arrival: this.counts.rows++, outOfOrder, late: null };
    this.rows.push(row);
    this.bySeq.set(id, row);
  }

  private addEvent(e: TimelineWindowEvent): void {
    if (e.kind === 'late') {
      // A row late for several hopping windows is one late row. Window events name rows of the
      // first stream (windows over a join are keyed by its output, whose seq is the left row's).
      const row = this.bySeq.get(rowId(0, e.seq));
      if (row?.late) return;
      this.counts.late++;
      if (row)
        row.late = `its window ${windowText(e.start, e.end)} had already closed: the watermark had passed ${this.shape && this.shape.grace > 0 ? 'its end plus the grace period' : 'its end'}`;
      return;
    }
    this.noteKey(e.key);
    if (this.shape?.window.kind === 'session') return this.addSessionEvent(e);
    // CUMULATE's windows share a start: the end tells them apart.
    const id = `${e.key}\u0000${e.start}\u0000${e.end}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { id, key: e.key, start: e.start, end: e.end, status: 'open', firedAt: -1, updates: [], merged: 0 };
      this.windows.set(id, w);
    }
    this.apply(w, e);
  }

  /** A session event carries the merged bounds: every open session of the key it now covers was merged into it. */
  private addSessionEvent(e: TimelineWindowEvent): void {
    const id = `${e.key}\u0000${e.start}`;
    let w = this.windows.get(id);
    const absorbed: TlWindow[] = [];
    for (const other of this.windows.values()) {
      if (other === w || other.key !== e.key || other.status === 'fired') continue;
      if (other.start < e.end && e.start < other.end) absorbed.push(other);
    }
    w ??= {
      id,
      key: e.key,
      start: e.start,
      end: e.end,
      status: 'open',
      firedAt: -1,
      updates: [],
      merged: -1,
    };
    for (const other of absorbed) {
      this.windows.delete(other.id);
      w.updates.push(...other.updates);
      w.merged += other.merged + 1;
    }
    // A session that absorbed none is new, not a merge (hence the −1 start above).
    if (w.merged < 0) w.merged = 0;
    w.updates.splice(0, w.updates.length - MAX_UPDATE_TICKS);
    w.start = e.start;
    w.end = e.end;
    this.windows.set(id, w);
    this.apply(w, e);
  }

  private apply(w: TlWindow, e: TimelineWindowEvent): void {
    if (e.kind === 'fired') {
      if (w.status !== 'fired') this.counts.fired++;
      w.status = 'fired';
      w.firedAt = this.version + 1;
    } else if (e.kind === 'updated' && this.shape?.emit === 'changes') {
      // Under EMIT FINAL an update only adds a row to the window, and the row's dot already shows that.
      const row = this.bySeq.get(rowId(0, e.seq));
      if (row) {
        w.updates.push(row.ts);
        if (w.updates.length > MAX_UPDATE_TICKS) w.updates.shift();
      }
    }
  }

  private noteKey(key: string): void {
    if (this.keySet.has(key) || this.keys.length >= MAX_KEYS) return;
    this.keySet.add(key);
    this.keys.push(key);
  }

  private trim(): void {
    if (this.rows.length > MAX_ROWS) {
      for (const r of this.rows.splice(0, this.rows.length - MAX_ROWS)) this.bySeq.delete(r.id);
    }
    if (this.windows.size > MAX_WINDOWS) {
      // Oldest first: Map keeps insertion order, and windows open in event-time order.
      for (const [id] of this.windows) {
        if (this.windows.size <= MAX_WINDOWS) break;
        this.windows.delete(id);
      }
    }
  }

  private changed(): void {
    this.version++;
    this.snapshot = null;
    this.notifier.notify();
  }

  subscribe = (listener: () => void): (() => void) => this.notifier.subscribe(listener);

  getSnapshot = (): TimelineSnapshot => {
    if (this.snapshot) return this.snapshot;
    let watermark = this.marks.size ? Infinity : -Infinity;
    for (const m of this.marks.values()) watermark = Math.min(watermark, m);
    const inputWatermarks: number[] = [];
    for (const marks of this.sourceMarks.values())
      marks.forEach((m, s) => (inputWatermarks[s] = Math.min(inputWatermarks[s] ?? Infinity, m)));
    this.snapshot = {
      version: this.version,
      shape: this.shape,
      rows: this.rows.slice(),
      windows: [...this.windows.values()],
      keys: this.keys.slice(),
      watermark,
      inputWatermarks,
      maxTs: this.maxTs,
      counts: { ...this.counts },
    };
    return this.snapshot;
  };
}
