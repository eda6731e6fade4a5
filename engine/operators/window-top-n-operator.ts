/**
 * Window Top-N (Flink): per (window, partition key) the best `limit` rows, held as slots of a
 * RowArena in a small rank-sorted list; a window is emitted once, in rank order with its row
 * numbers, when the watermark completes it (W ≥ end − 1), and its slots are freed. The order is
 * SlotOrder's (total, so every variant keeps and numbers the same rows).
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import type { Schema } from '../core/types';
import type { WindowTopNOp } from '../plan/physical-plan';
import { BatchTops } from './batch-tops';
import { GroupKeys } from './group-keys';
import { checkStateLimit, type BatchSink, type Operator, type OperatorContext } from './operator';
import { RowArena } from './row-arena';
import { SlotOrder } from './slot-order';
import { lateDetail } from './window-text';

interface WindowState {
  readonly start: number;
  readonly end: number;
  /** Group id → its kept slots, best first. */
  readonly buckets: Map<number, number[]>;
}

export class WindowTopNOperator implements Operator {
  private readonly arena: RowArena;
  private readonly keys: GroupKeys;
  private readonly width: number;
  private readonly order: SlotOrder;
  /** Set for numeric orders, whose rows can be preselected in the batch. */
  private readonly tops: BatchTops | null;
  private last: WindowState | null = null;
  /** Open windows by `start|end`. */
  private readonly windows = new Map<string, WindowState>();
  private fired = -Infinity;
  private hasAt = false;
  /** The batch's rows that may enter a top (scratch: filled and read within one onBatch). */
  private rows = new Int32Array(0);

  constructor(
    private readonly op: WindowTopNOp,
    input: Schema,
    private readonly names: readonly string[],
    private readonly ctx: OperatorContext,
  ) {
    this.width = input.length;
    this.arena = new RowArena(input.map((f) => f.type));
    this.keys = new GroupKeys(op.partitionBy);
    this.order = new SlotOrder(this.arena, op.orderBy, op.latestFirst, this.width);
    this.tops = this.order.numeric ? new BatchTops(this.order, op.limit) : null;
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    const starts = (batch.columns[this.op.windowStart] as NumberColumn).data;
    const ends = (batch.columns[this.op.windowEnd] as NumberColumn).data;
    if (this.rows.length < n) this.rows = new Int32Array(n);
    const rows = this.rows;
    let m = 0;
    if (!this.op.lateRows) for (; m < n; m++) rows[m] = m;
    else
      for (let i = 0; i < n; i++) {
        const w = batch.wm[i]!;
        // A window TVF's rows arrive under their watermark: a completed window takes no more.
        if (ends[i]! - 1 <= w) {
          this.ctx.reject(batch, i, this.names, 'late', lateDetail(starts[i]!, ends[i]!, w, false));
          continue;
        }
        rows[m++] = i;
      }
    if (m === 0) return;
    this.keys.encode(batch);
    const groups = this.keys.groups;
    if (this.tops) m = this.candidates(batch, rows, m, starts, ends, groups);
    if (m === 0) return;
    const slots = new Int32Array(m);
    for (let j = 0; j < m; j++) slots[j] = this.arena.alloc();
    this.arena.store(
      batch.columns,
      batch.columns.map((_, c) => c),
      n,
      rows,
      slots,
      m,
    );
    const at = batch.at ?? null;
    if (at) this.hasAt = true;
    for (let j = 0; j < m; j++) {
      const i = rows[j]!;
      const s = slots[j]!;
      this.arena.seq[s] = batch.seq[i]!;
      // The slot's time field holds the row's arrival key (read by joins and unions downstream).
      this.arena.ts[s] = at ? at[i]! : 0;
      this.insert(this.windowOf(starts[i]!, ends[i]!), groups[i]!, s);
    }
    checkStateLimit(this.ctx, this.arena.size, 'rows held by the Top-N');
    // After an aggregate the rows of one completion may come in several batches: fire on the watermark only.
    if (this.op.lateRows && batch.wmAfter > this.fired) this.fire(batch.wmAfter, out);
    if (this.keys.compactDue) this.forgetUnheldKeys();
  }

  /** Partition keys come and go with the windows (an order id per order): the key table must not grow with the input. */
  private forgetUnheldKeys(): void {
    const live = new Uint8Array(this.keys.count);
    for (const w of this.windows.values()) for (const g of w.buckets.keys()) live[g] = 1;
    const map = this.keys.compactIfGrown((g) => live[g] === 1)!;
    // Renumbering keeps the ids' order, so windows still fire their groups in the same order.
    for (const w of this.windows.values()) {
      const kept = [...w.buckets];
      w.buckets.clear();
      for (const [g, b] of kept) w.buckets.set(map[g]!, b);
    }
  }

  /** Keeps in rows[0..m) only those that can still enter their top (BatchTops), window by window. */
  private candidates(
    batch: ColumnBatch,
    rows: Int32Array,
    m: number,
    starts: Float64Array,
    ends: Float64Array,
    groups: Int32Array,
  ): number {
    const limit = this.op.limit;
    let k = 0;
    for (let j = 0; j < m;) {
      const start = starts[rows[j]!]!;
      const end = ends[rows[j]!]!;
      let e = j + 1;
      while (e < m && starts[rows[e]!] === start && ends[rows[e]!] === end) e++;
      const buckets = this.windowOf(start, end).buckets;
      k = this.tops!.select(batch, rows, j, e, k, groups, this.keys.count, (g) => {
        const b = buckets.get(g);
        return b !== undefined && b.length === limit ? b[limit - 1]! : -1;
      });
      j = e;
    }
    return k;
  }

  private windowOf(start: number, end: number): WindowState {
    // Rows of one batch mostly share a window: the last one found is checked first.
    const last = this.last;
    if (last !== null && last.start === start && last.end === end) return last;
    const id = `${start}|${end}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { start, end, buckets: new Map() };
      this.windows.set(id, w);
    }
    this.last = w;
    return w;
  }

  /** Puts slot s into its bucket at its rank; what falls past the limit is freed. */
  private insert(w: WindowState, group: number, s: number): void {
    let b = w.buckets.get(group);
    if (!b) {
      b = [];
      w.buckets.set(group, b);
    }
    const limit = this.op.limit;
    if (b.length === limit && this.order.compare(s, b[limit - 1]!) > 0) {
      this.arena.release(s);
      return;
    }
    b.splice(this.order.position(b, s), 0, s);
    if (b.length > limit) this.arena.release(b.pop()!);
  }

  /** Emits and frees every window with end − 1 ≤ wm, earliest first. */
  private fire(wm: number, out: BatchSink): void {
    this.fired = wm;
    const done = [...this.windows.entries()].filter(([, w]) => w.end - 1 <= wm);
    if (done.length === 0) return;
    done.sort(([, a], [, b]) => a.end - b.end || a.start - b.start);
    const picked: number[] = [];
    const ranks: number[] = [];
    for (const [id, w] of done) {
      for (const g of [...w.buckets.keys()].sort((a, b) => a - b)) {
        w.buckets.get(g)!.forEach((s, r) => {
          picked.push(s);
          ranks.push(r + 1);
        });
      }
      this.windows.delete(id);
      if (this.last === w) this.last = null;
    }
    const m = picked.length;
    const slots = Int32Array.from(picked);
    const columns: Column[] = [];
    for (let c = 0; c < this.width; c++) columns.push(this.arena.gather(c, slots, m));
    columns.push({ type: 'BIGINT', data: Float64Array.from(ranks), valid: null });
    const seq = this.arena.gatherSeq(slots, m);
    const at = this.hasAt ? Float64Array.from(picked, (s) => this.arena.ts[s]!) : null;
    for (const s of picked) this.arena.release(s);
    out.push({
      length: m,
      columns,
      seq,
      wm: new Float64Array(m).fill(wm),
      wmAfter: wm,
      op: null,
      ...(at ? { at } : {}),
    });
  }

  onWatermark(wm: number, out: BatchSink): void {
    if (wm > this.fired) this.fire(wm, out);
    if (this.keys.compactDue) this.forgetUnheldKeys();
  }

  onEnd(): void {}

  stateSize(): number {
    return this.arena.size;
  }
}
