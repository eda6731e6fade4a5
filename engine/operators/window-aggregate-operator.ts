/* eslint-disable max-lines -- the tumbling, EMIT FINAL and general add paths share the open windows,
   slots and output table; split apart they would each need that state passed in per row. */
/**
 * TUMBLING, HOPPING and CUMULATE windows (dialect §4, §5). Time is checked per row with
 * the row's own watermark, so results do not depend on batching: a window
 * fires the moment a row's watermark reaches end−1, before that row is added.
 * Rows are collected as entries (or, for EMIT FINAL, a slot per row) and the
 * accumulators run column-at-a-time over each stretch of rows between two
 * firings.
 */
import { isValid, type Column, type ColumnBatch, type NumberColumn } from '../core/batch';
import type { ArgInput } from '../aggregate/accumulator';
import { OP_INSERT, OP_UPDATE } from '../core/types';
import type { WindowAggregateOp } from '../plan/physical-plan';
import { AggregateSet } from './aggregate-set';
import { EntryList } from './entry-list';
import { GroupKeys } from './group-keys';
import {
  checkStateLimit,
  type BatchSink,
  type Operator,
  type OperatorContext,
  rejectNullTime,
} from './operator';
import { OutputTable } from './output-table';
import type { OpenWindow } from './open-window';
import { OpenWindows } from './open-windows';
import { lateDetail } from './window-text';
import type { PreselectSpec } from '../plan/preselect-spec';
import { WindowPreselect } from './window-preselect';

export class WindowAggregateOperator implements Operator {
  private readonly keys: GroupKeys;
  private readonly aggs: AggregateSet;
  private readonly table: OutputTable;
  private readonly entries = new EntryList();
  private readonly size: number;
  /** Hopping: the slide; cumulate: the step (windows grow by it); tumbling: the size. */
  private readonly advance: number;
  /** CUMULATE: a row's windows share its start and end on every step boundary after it. */
  private readonly cumulate: boolean;
  /** Windows per row (hopping: size / advance rounded up; cumulate: size / step at most). */
  private readonly perRow: number;
  private readonly grace: number;
  private readonly changes: boolean;
  private curW = -Infinity;
  private readonly windows: OpenWindows;
  private readonly fireWindow = (win: OpenWindow): void => this.fire(win, this.fireSeq);
  private readonly closeWindow = (win: OpenWindow): void => {
    for (let k = 0; k < win.count; k++) this.aggs.release(win.slots[k]!);
  };
  private fireSeq = -1;
  /** EMIT FINAL fast path: the window its compiled loop is adding to, and how it opens a slot there. */
  private curWin: OpenWindow | null = null;
  private readonly touch = (g: number, i: number): number => this.firstTouch(this.curWin!, g, i);
  /** Slot per row, for rows added one at a time (windows without a dense array). */
  private rowSlots = new Int32Array(0);
  private emitted = new Uint8Array(1024);
  /** Per (group, lane): the end of the window whose slot `cacheSlot` holds (an end names one window of any kind). */
  private cacheEnd = new Float64Array(0);
  private cacheSlot = new Int32Array(0);
  /** The current batch's aggregate arguments, once evaluated (see `argsOf`). */
  private args: ArgInput[] | null = null;
  private batch: ColumnBatch | null = null;
  /** The current batch's evaluated key columns (EMIT CHANGES output gathers its keys from them). */
  private keyCols: Column[] | null = null;
  private readonly names: string[];
  /** Set when a window Top-N ranks this aggregate's rows (see WindowPreselect). */
  readonly preselect: WindowPreselect | null;

  constructor(
    private readonly op: WindowAggregateOp,
    inputNames: readonly string[],
    private readonly ctx: OperatorContext,
    preselect: PreselectSpec | null = null,
  ) {
    this.names = [...inputNames];
    this.keys = new GroupKeys(op.groupKeys);
    this.preselect = preselect === null ? null : new WindowPreselect(preselect, this.keys);
    this.aggs = new AggregateSet(op.aggregates);
    this.table = new OutputTable(op.aggregates, true, ctx.outputArrays);
    if (op.window.kind === 'session') throw new Error('session windows have their own operator');
    const w = op.window;
    this.size = w.size;
    this.advance = w.kind === 'hopping' ? w.advance : w.kind === 'cumulate' ? w.step : w.size;
    this.cumulate = w.kind === 'cumulate';
    if (!(this.size > 0 && this.advance > 0)) throw new Error('window size and advance must be positive');
    this.perRow = Math.ceil(this.size / this.advance);
    this.grace = op.grace;
    this.changes = op.emit === 'changes';
    this.windows = new OpenWindows(this.grace);
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.batch = batch;
    this.args = null;
    this.keyCols = this.keys.encode(batch);
    const groups = this.keys.groups;
    if (this.cacheEnd.length < this.keys.count * this.perRow) this.growCache();
    this.table.reserve(this.changes || this.grace > 0 ? n * this.perRow : 0);
    const tsCol = batch.columns[this.op.timeColumn] as NumberColumn;
    const ts = tsCol.data;
    const valid = tsCol.type === ('NULL' as string) ? new Uint8Array((n + 7) >> 3) : tsCol.valid;
    const wm = batch.wm;
    const size = this.size;
    const adv = this.advance;
    // CUMULATE with step = size is tumbling: one window per row.
    const tumbling = size === adv;
    const ev = this.ctx.events;
    if (tumbling && this.grace === 0 && (ev === null || ev.listening === false)) {
      if (!this.changes && this.aggs.isFused) this.addFinal(batch, ts, valid);
      else this.addTumbling(batch, ts, valid);
      this.flush();
      this.emit(out);
      return;
    }
    let cs = 0;
    let ce = -Infinity;
    for (let i = 0; i < n; i++) {
      const w = wm[i]!;
      if (w > this.curW) {
        this.curW = w;
        if (w >= this.windows.nextAction) {
          this.flush();
          this.fireAndPurge(w, batch.seq[i]!);
          if (this.cacheEnd.length < this.keys.count * this.perRow) this.growCache();
        }
      }
      if (!isValid(valid, i)) {
        rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
        continue;
      }
      const t = ts[i]!;
      const g = groups[i]!;
      if (tumbling) {
        if (!(t >= cs && t < ce)) {
          cs = Math.floor(t / size) * size;
          ce = cs + size;
        }
        this.addTo(i, g, cs, ce, 0, w);
      } else if (this.cumulate) {
        // Every window of the row's start whose end is past t: the step it falls in, and each one after.
        const s = Math.floor(t / size) * size;
        for (let k = Math.floor((t - s) / adv) + 1; k <= this.perRow; k++)
          this.addTo(i, g, s, s + k * adv, k - 1, w);
      } else {
        const kLast = Math.floor(t / adv);
        for (let k = Math.floor((t - size) / adv) + 1; k <= kLast; k++) {
          const s = k * adv;
          if (s + size > t) this.addTo(i, g, s, s + size, ((k % this.perRow) + this.perRow) % this.perRow, w);
        }
      }
    }
    this.flush();
    this.emit(out);
  }

  /**
   * The common case in one tight loop: tumbling windows, no grace period, no
   * event sink. Same steps as `addTo` (fire on the row's watermark, drop late
   * rows), with the current window's slot found through its dense array, and
   * entries written straight into the entry list's arrays.
   */
  private addTumbling(batch: ColumnBatch, ts: Float64Array, valid: Uint8Array | null): void {
    const n = batch.length;
    const groups = this.keys.groups;
    const wm = batch.wm;
    const seq = batch.seq;
    const size = this.size;
    const changes = this.changes;
    const table = this.table;
    const en = this.entries;
    en.reserve(n);
    let e = en.count;
    let eRows = en.rows;
    let eSlots = en.slots;
    let eOut = en.outRows;
    let cacheEnd = this.cacheEnd;
    let cacheSlot = this.cacheSlot;
    let cs = 0;
    let ce = -Infinity;
    let win: OpenWindow | null = null;
    let dense: Int32Array | null = null;
    let i = 0;
    while (i < n) {
      // Row i's watermark may fire windows; then rows [i, k) are a stretch whose watermarks
      // rise without reaching the next action, so no row inside it fires anything.
      const w0 = wm[i]!;
      if (w0 > this.curW) {
        this.curW = w0;
        if (w0 >= this.windows.nextAction) {
          en.setCount(e, changes);
          this.flush();
          this.fireAndPurge(w0, seq[i]!);
          if (this.cacheEnd.length < this.keys.count) this.growCache();
          en.reserve(n - i);
          e = en.count;
          eRows = en.rows;
          eSlots = en.slots;
          eOut = en.outRows;
          cacheEnd = this.cacheEnd;
          cacheSlot = this.cacheSlot;
          win = null;
          dense = null;
          ce = -Infinity;
        }
      }
      const action = this.windows.nextAction;
      let k = stretchEnd(wm, i, n, action);
      let top = wm[k - 1]!;
      // Whether a row of the current window can be late in this stretch (its end is within the stretch's watermarks).
      let mayBeLate = ce - 1 <= top;
      for (; i < k; i++) {
        if (!isValid(valid, i)) {
          rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
          continue;
        }
        const t = ts[i]!;
        if (!(t >= cs && t < ce)) {
          cs = Math.floor(t / size) * size;
          ce = cs + size;
          win = null;
          dense = null;
          mayBeLate = ce - 1 <= top;
        }
        const g = groups[i]!;
        if (mayBeLate && ce - 1 <= wm[i]!) {
          this.rejectLate(i, g, cs, ce, wm[i]!);
          continue;
        }
        if (win === null) {
          // The stretch's watermarks rise, so the running maximum at row i is its own.
          if (wm[i]! > this.curW) this.curW = wm[i]!;
          win = this.windowAt(cs, ce);
          dense = win.dense;
          if (this.windows.nextAction < action) {
            // A new window closes before the stretch's next action: the stretch ends at this row.
            k = i + 1;
            top = wm[i]!;
          }
        }
        let slot: number;
        if (dense !== null) {
          slot = dense[g]!;
          if (slot < 0) slot = this.firstTouch(win, g, i);
        } else if (cacheEnd[g] === ce) slot = cacheSlot[g]!;
        else {
          slot = win.slotOf(g);
          if (slot < 0) slot = this.firstTouch(win, g, i);
          cacheEnd[g] = ce;
          cacheSlot[g] = slot;
        }
        let j = -1;
        if (changes) {
          const emitted = this.emitted;
          j = table.append(g, cs, ce, emitted[slot] ? OP_UPDATE : OP_INSERT, seq[i]!, i);
          emitted[slot] = 1;
        }
        eRows[e] = i;
        eSlots[e] = slot;
        eOut[e] = j;
        e++;
      }
      if (top > this.curW) this.curW = top;
    }
    en.setCount(e, changes);
  }

  /**
   * EMIT FINAL over plain numeric aggregates, tumbling, no grace, no event
   * sink: the same steps as `addTumbling`, but each run of rows that stays in
   * one window goes through one compiled loop that finds the slot through the
   * window's dense array and updates every accumulator in place, no entries.
   * The loop hands back the rows it cannot take (another window, a NULL time,
   * a late row), which are dealt with here.
   */
  private addFinal(batch: ColumnBatch, ts: Float64Array, valid: Uint8Array | null): void {
    const n = batch.length;
    const groups = this.keys.groups;
    const wm = batch.wm;
    const seq = batch.seq;
    const size = this.size;
    // Each row opens at most one slot: with room for n more, the state arrays stay put for the batch.
    this.aggs.reserve(n);
    const S = this.aggs.states;
    const { run, D, V } = this.aggs.windowRunOn(batch, valid) ?? this.aggs.windowRun(this.argsOf(), valid);
    const touch = this.touch;
    let cs = 0;
    let ce = -Infinity;
    let win: OpenWindow | null = null;
    let i = 0;
    while (i < n) {
      const w0 = wm[i]!;
      if (w0 > this.curW) {
        this.curW = w0;
        if (w0 >= this.windows.nextAction) {
          this.fireAndPurge(w0, seq[i]!);
          win = null;
          ce = -Infinity;
        }
      }
      // Rows [i, k): watermarks rise without reaching the next action, so none of them fires anything.
      const action = this.windows.nextAction;
      let k = stretchEnd(wm, i, n, action);
      let top = wm[k - 1]!;
      while (i < k) {
        if (!isValid(valid, i)) {
          rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
          i++;
          continue;
        }
        const t = ts[i]!;
        if (!(t >= cs && t < ce)) {
          cs = Math.floor(t / size) * size;
          ce = cs + size;
          win = null;
        }
        if (ce - 1 <= wm[i]!) {
          this.rejectLate(i, groups[i]!, cs, ce, wm[i]!);
          i++;
          continue;
        }
        if (win === null) {
          // The stretch's watermarks rise, so the running maximum at row i is its own.
          if (wm[i]! > this.curW) this.curW = wm[i]!;
          win = this.windowAt(cs, ce);
          this.curWin = win;
          if (this.windows.nextAction < action) {
            // A new window closes before the stretch's next action: the stretch ends at this row.
            k = i + 1;
            top = wm[i]!;
          }
        }
        if (win.dense !== null)
          i = run(i, k, ts, valid, wm, groups, win.dense, cs, ce, ce - 1 <= top, touch, S, D, V);
        else {
          // A window past the dense-array budget: one row at a time through its Map.
          const g = groups[i]!;
          let slot = win.slotOf(g);
          if (slot < 0) slot = this.firstTouch(win, g, i);
          if (this.rowSlots.length < n) this.rowSlots = new Int32Array(n);
          this.rowSlots[i] = slot;
          this.aggs.addRows(this.argsOf(), this.rowSlots, i, i + 1);
          i++;
        }
      }
      if (top > this.curW) this.curW = top;
    }
  }

  private addTo(i: number, g: number, s: number, end: number, lane: number, w: number): void {
    let late = false;
    if (end - 1 <= w) {
      if (end - 1 + this.grace <= w) {
        this.rejectLate(i, g, s, end, w);
        return;
      }
      late = true;
    }
    const c = g * this.perRow + lane;
    let slot: number;
    if (this.cacheEnd[c] === end) slot = this.cacheSlot[c]!;
    else {
      slot = this.slotFor(g, s, end, i);
      this.cacheEnd[c] = end;
      this.cacheSlot[c] = slot;
    }
    let j = -1;
    if (this.changes || late) {
      j = this.table.append(g, s, end, this.emitted[slot] ? OP_UPDATE : OP_INSERT, this.batch!.seq[i]!);
      this.emitted[slot] = 1;
    }
    this.entries.push(i, slot, j);
    const ev = this.ctx.events;
    if (ev !== null && ev.windowUpdated)
      ev.windowUpdated({ key: this.keys.keyValues(g), start: s, end, seq: this.batch!.seq[i]! });
  }

  private slotFor(g: number, s: number, end: number, i: number): number {
    const win = this.windowAt(s, end);
    const slot = win.slotOf(g);
    return slot >= 0 ? slot : this.firstTouch(win, g, i);
  }

  /** The open window [s, end) (opened if new), its dense array covering every group so far. */
  private windowAt(s: number, end: number): OpenWindow {
    return this.windows.at(s, end, this.keys.count, this.curW);
  }

  /** A new (group, window) pair: a fresh state slot. */
  private firstTouch(win: OpenWindow, g: number, i: number): number {
    checkStateLimit(this.ctx, this.aggs.live + 1, 'open windows × groups');
    const slot = this.aggs.alloc();
    if (slot >= this.emitted.length) {
      const e = new Uint8Array(this.emitted.length * 2);
      e.set(this.emitted);
      this.emitted = e;
    }
    this.emitted[slot] = 0;
    win.add(g, slot);
    const ev = this.ctx.events;
    if (ev !== null && ev.windowOpened)
      ev.windowOpened({
        key: this.keys.keyValues(g),
        start: win.start,
        end: win.end,
        seq: this.batch!.seq[i]!,
      });
    return slot;
  }

  private rejectLate(i: number, g: number, s: number, end: number, w: number): void {
    this.ctx.reject(this.batch!, i, this.names, 'late', lateDetail(s, end, w, false));
    const ev = this.ctx.events;
    if (ev !== null && ev.lateRow)
      ev.lateRow({ key: this.keys.keyValues(g), start: s, end, seq: this.batch!.seq[i]! });
  }

  /** The current batch's aggregate arguments, evaluated on first use: the EMIT FINAL loop seldom needs them. */
  private argsOf(): ArgInput[] {
    if (this.args === null) this.args = this.aggs.args(this.batch!, this.op.timeColumn);
    return this.args;
  }

  private flush(): void {
    if (this.entries.count > 0) this.aggs.addEntries(this.argsOf(), this.entries, this.table.results);
    this.entries.clear();
  }

  private fireAndPurge(w: number, seq: number): void {
    this.fireSeq = seq;
    this.windows.advance(w, this.fireWindow, this.closeWindow);
  }

  private fire(win: OpenWindow, seq: number): void {
    const ev = this.ctx.events;
    const n = win.count;
    if (!this.changes) {
      const table = this.table;
      const j0 = table.appendWindow(win.groups, n, win.start, win.end, seq);
      const emitted = this.emitted;
      const slots = win.slots;
      for (let k = 0; k < n; k++) {
        const slot = slots[k]!;
        if (emitted[slot]) table.setUpdate(j0 + k);
        emitted[slot] = 1;
      }
      this.aggs.writeResultsOf(n, slots, table.results, j0);
      if (this.preselect !== null) this.preselect.apply(table, j0, n, win.groups);
    }
    if (ev !== null && ev.windowFired)
      for (let k = 0; k < n; k++)
        ev.windowFired({ key: this.keys.keyValues(win.groups[k]!), start: win.start, end: win.end, seq });
  }

  private growCache(): void {
    const n = Math.max(1024, this.keys.count * this.perRow * 2);
    const s = new Float64Array(n).fill(NaN);
    s.set(this.cacheEnd);
    this.cacheEnd = s;
    const c = new Int32Array(n);
    c.set(this.cacheSlot);
    this.cacheSlot = c;
  }

  /** Hands on the rows of this batch or watermark; then, between batches, forgets groups no window holds. */
  private emit(out: BatchSink): void {
    const b = this.table.take(this.keys, this.curW, this.keyCols);
    this.keyCols = null;
    if (b !== null) out.push(b);
    if (this.keys.compactDue) this.forgetUnheldGroups();
  }

  /** Windows come and go with their groups (an order id per order): the key table must not grow with the input. */
  private forgetUnheldGroups(): void {
    const live = new Uint8Array(this.keys.count);
    this.windows.markGroups(live);
    const map = this.keys.compactIfGrown((g) => live[g] === 1)!;
    this.windows.rekey(map, this.keys.count);
    this.cacheEnd.fill(NaN);
  }

  onWatermark(wm: number, out: BatchSink): void {
    if (wm <= this.curW) return;
    this.curW = wm;
    if (wm >= this.windows.nextAction) this.fireAndPurge(wm, -1);
    this.emit(out);
  }

  onEnd(out: BatchSink): void {
    this.onWatermark(Infinity, out);
  }

  stateSize(): number {
    return this.aggs.stateSize();
  }
}

/**
 * The end of the stretch of rows from i on whose watermarks rise without reaching
 * `action` (the next window to fire or close): inside it no row fires anything,
 * so the add paths test the watermark once per stretch instead of once per row.
 */
function stretchEnd(wm: Float64Array, i: number, n: number, action: number): number {
  let k = i + 1;
  while (k < n) {
    const w = wm[k]!;
    if (w >= action || w < wm[k - 1]!) break;
    k++;
  }
  return k;
}
