/**
 * The best `limit` rows of each group among one window's rows of a batch (numeric orders): a row
 * that `limit` rows of its own batch outrank can never enter its top, so a window Top-N stores
 * only these. After a window aggregate a window's rows come together, into still empty tops, so
 * checking each row against its held top alone would store nearly every row.
 */
import type { ColumnBatch } from '../core/batch';
import type { SlotOrder } from './slot-order';

export class BatchTops {
  /** Per group: the run that last touched it, and its block in `pool`. */
  private runOf = new Int32Array(256).fill(-1);
  private blockOf = new Int32Array(256);
  /** Per block: its group's held worst slot (−1 while the held top is not full), row count. */
  private held = new Int32Array(64);
  private counts = new Int32Array(64);
  /** Per block (single numeric orders): the key above which a row is outranked, see SlotOrder.soleNumber. */
  private cut = new Float64Array(64);
  /** Rows of block b at pool[b × limit …], best first. */
  private pool: Int32Array;
  private run = 0;

  constructor(
    private readonly order: SlotOrder,
    private readonly limit: number,
  ) {
    this.pool = new Int32Array(this.counts.length * limit);
  }

  /**
   * Compacts rows[from, to) (one window's rows) to those that may enter their top, written from
   * rows[at]; returns the new end. Group ids are below `groupCount`; `heldWorst(g)` is the worst
   * held slot of a full top, else −1.
   */
  select(
    batch: ColumnBatch,
    rows: Int32Array,
    from: number,
    to: number,
    at: number,
    groups: Int32Array,
    groupCount: number,
    heldWorst: (group: number) => number,
  ): number {
    const run = ++this.run;
    const limit = this.limit;
    const sole = this.order.soleNumber(batch);
    // Room for every group and block first, so the row loop reads its arrays from locals.
    // A block per group met in the run: at most one per row, and per group.
    const mostBlocks = Math.min(to - from, groupCount);
    if (groupCount > this.runOf.length) this.growGroups(groupCount);
    if (mostBlocks > this.counts.length) this.growBlocks(mostBlocks);
    const { runOf, blockOf, held, counts, cut } = this;
    const data = sole === null ? null : sole.data;
    const sign = sole === null ? 1 : sole.sign;
    let blocks = 0;
    for (let j = from; j < to; j++) {
      const i = rows[j]!;
      const g = groups[i]!;
      let b: number;
      if (runOf[g] !== run) {
        runOf[g] = run;
        b = blocks++;
        blockOf[g] = b;
        const h = heldWorst(g);
        held[b] = h;
        counts[b] = 0;
        cut[b] = data !== null && h >= 0 ? this.order.slotKey(h, sign) : Infinity;
      } else b = blockOf[g]!;
      // Most rows rank below a full top: one number compare rejects them.
      if (data !== null && sign * data[i]! > cut[b]!) continue;
      const h = held[b]!;
      if (h >= 0 && this.order.worse(batch, i, h)) continue;
      if (this.place(batch, b, i) && data !== null) {
        const last = sign * data[this.pool[b * limit + limit - 1]!]!;
        if (last < cut[b]!) cut[b] = last;
      }
    }
    let k = at;
    for (let b = 0; b < blocks; b++) {
      const base = b * limit;
      for (let r = 0, n = this.counts[b]!; r < n; r++) rows[k++] = this.pool[base + r]!;
    }
    return k;
  }

  /**
   * Inserts row i into block b at its rank; the row falling past `limit` is dropped. True when
   * the block is full after it.
   */
  private place(batch: ColumnBatch, b: number, i: number): boolean {
    const pool = this.pool;
    const base = b * this.limit;
    let n = this.counts[b]!;
    let p = n;
    while (p > 0) {
      // Equal rows (every column and seq) go first, as the operator's insert puts them.
      if (this.order.compareRows(batch, pool[base + p - 1]!, i) < 0) break;
      p--;
    }
    if (p === this.limit) return true;
    if (n === this.limit) n--;
    for (let r = n; r > p; r--) pool[base + r] = pool[base + r - 1]!;
    pool[base + p] = i;
    this.counts[b] = n + 1;
    return n + 1 === this.limit;
  }

  private growGroups(n: number): void {
    const cap = Math.max(n, this.runOf.length * 2);
    const runOf = new Int32Array(cap).fill(-1);
    runOf.set(this.runOf);
    const blockOf = new Int32Array(cap);
    blockOf.set(this.blockOf);
    this.runOf = runOf;
    this.blockOf = blockOf;
  }

  private growBlocks(n: number): void {
    const cap = Math.max(n, this.counts.length * 2);
    const held = new Int32Array(cap);
    held.set(this.held);
    const counts = new Int32Array(cap);
    counts.set(this.counts);
    const cut = new Float64Array(cap);
    cut.set(this.cut);
    this.cut = cut;
    this.held = held;
    this.counts = counts;
    const pool = new Int32Array(cap * this.limit);
    pool.set(this.pool);
    this.pool = pool;
  }
}
