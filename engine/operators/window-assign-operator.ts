/**
 * A window TVF read as rows: every row once for each window it falls in
 * (tumbling: one; hopping: size / advance; cumulate: each window of its start
 * that ends after it), with window_start and window_end
 * and window_time (end − 1 ms, Flink's time attribute of the window) appended — what a window join (or a window Top-N) consumes. Rows without an
 * event time are invalid (dialect §4); nothing is late here.
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import { copyF64, EXACT, gatherColumn, withRowsOf } from '../core/batch-gather';
import type { WindowAssignOp } from '../plan/physical-plan';
import { rejectNullTime, type BatchSink, type Operator, type OperatorContext } from './operator';

export class WindowAssignOperator implements Operator {
  private readonly size: number;
  /** Hopping: the slide; cumulate: the step; tumbling: the size. */
  private readonly advance: number;
  private readonly cumulate: boolean;
  private sel = new Int32Array(1024);
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);

  constructor(
    private readonly op: WindowAssignOp,
    private readonly names: readonly string[],
    private readonly ctx: OperatorContext,
  ) {
    const w = op.window;
    if (w.kind === 'session') throw new Error('a session window cannot be assigned row by row');
    this.size = w.size;
    this.advance = w.kind === 'hopping' ? w.advance : w.kind === 'cumulate' ? w.step : w.size;
    this.cumulate = w.kind === 'cumulate';
  }

  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    const tcol = batch.columns[this.op.timeColumn] as NumberColumn;
    const { size, advance } = this;
    const per = Math.ceil(size / advance);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (tcol.valid !== null && (tcol.valid[i >> 3]! & (1 << (i & 7))) === 0) {
        rejectNullTime(this.ctx, batch, i, this.names, this.op.timeColumn);
        continue;
      }
      // Room grows with the rows written, not n × per: a CUMULATE row falls in only the windows ending after it.
      if (m + per > this.sel.length) this.grow(m + per);
      const t = tcol.data[i]!;
      if (this.cumulate) {
        // One start; every end on a step boundary after t, up to start + size, smallest first.
        const s = Math.floor(t / size) * size;
        for (let e = s + (Math.floor((t - s) / advance) + 1) * advance; e <= s + size; e += advance) {
          this.sel[m] = i;
          this.starts[m] = s;
          this.ends[m++] = e;
        }
        continue;
      }
      // Every start k·advance with start ≤ t < start + size, earliest first.
      const last = Math.floor(t / advance) * advance;
      for (let s = last - (per - 1) * advance; s <= last; s += advance) {
        if (s + size <= t) continue;
        this.sel[m] = i;
        this.starts[m] = s;
        this.ends[m++] = s + size;
      }
    }
    if (m === 0) return;
    const sel = this.sel;
    const alloc = this.ctx.outputArrays;
    const start = copyF64(this.starts, m, alloc);
    const end = copyF64(this.ends, m, alloc);
    const time = (alloc ?? EXACT).f64(m);
    for (let j = 0; j < m; j++) time[j] = end[j]! - 1;
    const columns: Column[] = [
      ...batch.columns.map((c) => gatherColumn(c, sel, m, alloc)),
      { type: 'TIMESTAMP', data: start, valid: null },
      { type: 'TIMESTAMP', data: end, valid: null },
      { type: 'TIMESTAMP', data: time, valid: null },
    ];
    out.push(withRowsOf(batch, sel, m, columns, alloc));
  }

  private grow(need: number): void {
    const n = Math.max(need, this.sel.length * 2);
    const sel = new Int32Array(n);
    sel.set(this.sel);
    this.sel = sel;
    const starts = new Float64Array(n);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Float64Array(n);
    ends.set(this.ends);
    this.ends = ends;
  }

  onWatermark(): void {}
  onEnd(): void {}
  stateSize(): number {
    return 0;
  }
}
