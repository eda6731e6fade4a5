/**
 * Output batches of a join, [...left columns, ...right columns]: a probing
 * row of the current batch beside the state row it met, a row beside NULLs
 * (outer joins), or a state row beside NULLs (an outer row that leaves state
 * unmatched). Columns are gathered in bulk; seq, watermark and arrival key
 * come from the row that caused the output.
 */
import { nullColumnOf, type Column, type ColumnBatch } from '../core/batch';
import { gatherColumn } from '../core/batch-gather';
import type { DataType } from '../core/types';
import type { JoinSide } from './join-side';

export type Side = 0 | 1;

function gatherF64(a: Float64Array, rows: Int32Array, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = a[rows[j]!]!;
  return out;
}

export class JoinOutput {
  constructor(
    private readonly types: readonly [readonly DataType[], readonly DataType[]],
    /** SEMI / ANTI: the left columns only. */
    private readonly leftOnly: boolean,
  ) {}

  private assemble(k: Side, mine: Column[], theirs: () => Column[]): Column[] {
    if (this.leftOnly) return k === 0 ? mine : theirs();
    return k === 0 ? [...mine, ...theirs()] : [...theirs(), ...mine];
  }

  private meta(batch: ColumnBatch, rows: Int32Array, m: number, op: Uint8Array | null) {
    return {
      length: m,
      seq: gatherF64(batch.seq, rows, m),
      wm: gatherF64(batch.wm, rows, m),
      wmAfter: batch.wmAfter,
      op,
      at: batch.at ? gatherF64(batch.at, rows, m) : null,
    };
  }

  /** Rows rows[j] of `batch` (side k) each beside state row slots[j] of the other side. */
  pairs(
    k: Side,
    batch: ColumnBatch,
    rows: Int32Array,
    slots: Int32Array,
    m: number,
    other: JoinSide,
    op: Uint8Array | null = null,
  ): ColumnBatch {
    const mine = batch.columns.map((c) => gatherColumn(c, rows, m));
    const theirs = (): Column[] => this.types[(1 - k) as Side].map((_, c) => other.arena.gather(c, slots, m));
    return { columns: this.assemble(k, mine, theirs), ...this.meta(batch, rows, m, op) };
  }

  /** Rows rows[0..m) of `batch` (side k) beside NULLs. */
  padded(
    k: Side,
    batch: ColumnBatch,
    rows: Int32Array,
    m: number,
    op: Uint8Array | null = null,
  ): ColumnBatch {
    const mine = batch.columns.map((c) => gatherColumn(c, rows, m));
    const theirs = (): Column[] => this.types[(1 - k) as Side].map((t) => nullColumnOf(t, m));
    return { columns: this.assemble(k, mine, theirs), ...this.meta(batch, rows, m, op) };
  }

  /** State rows: left slots[j] beside right slots[j] (a window's rows meeting when it fires). */
  statePairs(
    left: JoinSide,
    ls: Int32Array,
    right: JoinSide,
    rs: Int32Array,
    m: number,
    wm: number,
    at: number,
  ): ColumnBatch {
    const l = this.types[0].map((_, c) => left.arena.gather(c, ls, m));
    const r = (): Column[] => this.types[1].map((_, c) => right.arena.gather(c, rs, m));
    return {
      length: m,
      columns: this.leftOnly ? l : [...l, ...r()],
      seq: left.arena.gatherSeq(ls, m),
      wm: new Float64Array(m).fill(wm),
      wmAfter: wm,
      op: null,
      at: new Float64Array(m).fill(at),
    };
  }

  /** State rows slots[0..m) of side k beside NULLs, emitted now (watermark `wm`, arrival key `at`). */
  paddedState(k: Side, side: JoinSide, slots: Int32Array, m: number, wm: number, at: number): ColumnBatch {
    const mine = this.types[k].map((_, c) => side.arena.gather(c, slots, m));
    const theirs = (): Column[] => this.types[(1 - k) as Side].map((t) => nullColumnOf(t, m));
    return {
      length: m,
      columns: this.assemble(k, mine, theirs),
      seq: side.arena.gatherSeq(slots, m),
      wm: new Float64Array(m).fill(wm),
      wmAfter: wm,
      op: null,
      at: new Float64Array(m).fill(at),
    };
  }
}
