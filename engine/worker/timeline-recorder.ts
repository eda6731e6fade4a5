/**
 * The teaching timeline, worker side: the engine's own window events (it is
 * the engine's `EngineEventSink`) and a sample of the input rows, handed to
 * each report. Only built when a run asks for a timeline, so a run without
 * one pays nothing. At full speed a budget per 100 ms keeps the volume
 * readable (and the messages small); the rest is counted, never hidden.
 */
import type { ColumnBatch } from '../core/batch';
import { decodeDictionary, readValue } from '../core/batch-rows';
import type { Value } from '../core/types';
import type { EngineEventSink, WindowEvent } from '../operators/operator';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { TimelineDelivery, TimelineRow, TimelineWindowEvent } from './run-types';

export const DEFAULT_TIMELINE_PER_SECOND = 2000;
/** Budgets refill this often, so a second's samples spread over the second instead of bunching at its start. */
const BUDGET_EVERY_MS = 100;
const KEY_SEPARATOR = ' · ';

/** Key values as the timeline shows (and colours) them. */
export function formatTimelineKey(values: readonly Value[]): string {
  let s = '';
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    s += (k ? KEY_SEPARATOR : '') + (v === null || v === undefined ? 'NULL' : String(v));
  }
  return s;
}

/**
 * The columns of source s that identify a row's key: the hash-partitioning columns
 * (= the group key / PARTITION BY / join key), else the stream's key column, else none.
 */
export function timelineKeyColumns(plan: PhysicalPlan, s = 0): readonly number[] {
  if (plan.partitioning.kind === 'hash') return plan.partitioning.columns[s]!;
  const src = plan.sources[s]!;
  return src.keyColumn === null ? [] : [src.keyColumn];
}

function sameMarks(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

export class TimelineRecorder implements EngineEventSink {
  private rows: TimelineRow[] = [];
  private windows: TimelineWindowEvent[] = [];
  private droppedRows = 0;
  private droppedEvents = 0;
  private budgetAt = -Infinity;
  private rowBudget = 0;
  private eventBudget = 0;
  /** Fired and late events have their own budget: a flood of updates must not hide what the timeline is about. */
  private outcomeBudget = 0;
  /** Rows seen in this and the last budget interval: they set the sampling stride. */
  private rowsThisInterval = 0;
  private stride = 1;
  private rowCounter = 0;
  private readonly perInterval: number;
  /** Per source. */
  private readonly keyColumns: readonly (readonly number[])[];
  private readonly timeColumns: readonly (number | null)[];
  private lastWatermark = NaN;
  /** A slow input's own watermark moves while the combined one stands still: that is news too. */
  private lastSourceWatermarks: readonly number[] = [];
  /** The current batch's last seq (−1 once the stream has ended): see `event`. */
  private batchLastSeq = -1;

  constructor(
    plan: PhysicalPlan,
    private readonly worker: number,
    maxPerSecond: number,
  ) {
    this.perInterval = Math.max(1, Math.ceil((Math.max(0, maxPerSecond) * BUDGET_EVERY_MS) / 1000));
    this.keyColumns = plan.sources.map((_, s) => timelineKeyColumns(plan, s));
    this.timeColumns = plan.sources.map((s) => s.timeColumn);
  }

  /** Called with the clock before each batch: refills the budgets when an interval has passed. */
  tick(now: number): void {
    this.refill(now);
  }

  /** The stream has ended: what fires now fires because of the end, not of a row. */
  ending(now: number): void {
    this.batchLastSeq = -1;
    this.refill(now);
  }

  private refill(now: number): void {
    if (now - this.budgetAt < BUDGET_EVERY_MS) return;
    this.budgetAt = now;
    this.rowBudget = this.perInterval;
    this.eventBudget = this.perInterval;
    this.outcomeBudget = this.perInterval;
    // Sample every stride-th row, sized by the last interval's volume, so the samples spread evenly
    // over event time instead of bunching at the start of each interval.
    // Half again as many rows as last time fit, so a speeding-up stream does not run the budget dry early.
    this.stride = Math.max(1, Math.ceil((1.5 * this.rowsThisInterval) / this.perInterval));
    this.rowsThisInterval = 0;
  }

  /**
   * Records every stride-th row while the budget lasts (at teaching rates the stride is 1: every
   * row, in arrival order); counts the rest.
   */
  recordRows(source: number, batch: ColumnBatch): void {
    const n = batch.length;
    if (n > 0) this.batchLastSeq = batch.seq[n - 1]!;
    this.rowsThisInterval += n;
    const first = (this.stride - (this.rowCounter % this.stride)) % this.stride;
    this.rowCounter += n;
    const take = first >= n ? 0 : Math.min(Math.ceil((n - first) / this.stride), this.rowBudget);
    this.rowBudget -= take;
    this.droppedRows += n - take;
    if (take === 0) return;
    const cols = this.keyColumns[source]!.map((k) => batch.columns[k]!);
    const dicts = cols.map((c) => (c.type === 'VARCHAR' ? decodeDictionary(c) : null));
    const time = this.timeColumns[source]!;
    const tc = time === null ? null : batch.columns[time]!;
    const key: Value[] = new Array<Value>(cols.length);
    for (let j = 0, i = first; j < take; j++, i += this.stride) {
      for (let k = 0; k < cols.length; k++) key[k] = readValue(cols[k]!, i, dicts[k]!);
      const t = tc === null ? null : readValue(tc, i, null);
      this.rows.push({
        seq: batch.seq[i]!,
        ts: typeof t === 'number' ? t : null,
        key: formatTimelineKey(key),
        worker: this.worker,
        source,
      });
    }
  }

  private event(kind: TimelineWindowEvent['kind'], e: WindowEvent): void {
    const outcome = kind === 'fired' || kind === 'late';
    if ((outcome ? this.outcomeBudget : this.eventBudget) <= 0) {
      this.droppedEvents++;
      return;
    }
    if (outcome) this.outcomeBudget--;
    else this.eventBudget--;
    // A window fired by the watermark between batches has no row of its own (the engine says −1):
    // it is the batch's last row whose watermark fired it; only the end of the stream keeps −1.
    const seq = e.seq >= 0 ? e.seq : this.batchLastSeq;
    this.windows.push({
      kind,
      key: formatTimelineKey(e.key),
      start: e.start,
      end: e.end,
      seq,
      worker: this.worker,
    });
  }

  /**
   * Once this interval's budget for opened/updated events is spent, per-row updates would all be
   * dropped: the engine may skip producing them (and take its fast paths) until the next refill.
   * Those skipped updates are not counted as dropped.
   */
  get listening(): boolean {
    return this.eventBudget > 0;
  }

  windowOpened(e: WindowEvent): void {
    this.event('opened', e);
  }
  windowUpdated(e: WindowEvent): void {
    this.event('updated', e);
  }
  windowFired(e: WindowEvent): void {
    this.event('fired', e);
  }
  lateRow(e: WindowEvent): void {
    this.event('late', e);
  }

  /** What was recorded since the last call, or null when nothing changed (no rows, events, drops or watermark move). */
  drain(watermark: number, sourceWatermarks: readonly number[] = []): TimelineDelivery | null {
    const { rows, windows, droppedRows, droppedEvents } = this;
    if (
      rows.length === 0 &&
      windows.length === 0 &&
      droppedRows === 0 &&
      droppedEvents === 0 &&
      Object.is(watermark, this.lastWatermark) &&
      sameMarks(sourceWatermarks, this.lastSourceWatermarks)
    )
      return null;
    this.rows = [];
    this.windows = [];
    this.droppedRows = 0;
    this.droppedEvents = 0;
    this.lastWatermark = watermark;
    this.lastSourceWatermarks = sourceWatermarks;
    return { worker: this.worker, rows, windows, watermark, sourceWatermarks, droppedRows, droppedEvents };
  }
}
