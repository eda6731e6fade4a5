/**
 * The total order a Top-N ranks held rows by: the ORDER BY columns (NULL sorts lowest, as in
 * Flink), then arrival seq (earlier first, or later first for a keep-last-row deduplication),
 * then the row's values — total, so every variant keeps and numbers the same rows.
 */
import type { ColumnBatch } from '../core/batch';
import { readValue } from '../core/batch-rows';
import type { Value } from '../core/types';
import { dictionaryOf } from '../expr/compile-kernel';
import type { RowArena } from './row-arena';

/** Two numbers with their validity: NULL sorts lowest. */
function compareNumbers(va: boolean, x: number, vb: boolean, y: number): number {
  return va && vb ? (x < y ? -1 : x > y ? 1 : 0) : va === vb ? 0 : va ? 1 : -1;
}

function validAt(valid: Uint8Array | null, i: number): boolean {
  return valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
}

function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SlotOrder {
  constructor(
    private readonly arena: RowArena,
    private readonly orderBy: readonly { readonly column: number; readonly desc: boolean }[],
    private readonly latestFirst: boolean,
    private readonly width: number,
  ) {}

  /** Negative when slot a ranks before slot b. */
  compare(a: number, b: number): number {
    const arena = this.arena;
    for (const o of this.orderBy) {
      const col = arena.cols[o.column]!;
      let c: number;
      if (col.numeric) {
        // Numbers straight from the arena (no boxing through value()): most orders are by a number.
        c = compareNumbers(validAt(col.valid, a), col.data[a]!, validAt(col.valid, b), col.data[b]!);
      } else c = compareValues(arena.value(o.column, a), arena.value(o.column, b));
      if (c !== 0) return o.desc ? -c : c;
    }
    const s = arena.seq[a]! - arena.seq[b]!;
    if (s !== 0) return this.latestFirst ? -s : s;
    for (let c = 0; c < this.width; c++) {
      const d = compareValues(arena.value(c, a), arena.value(c, b));
      if (d !== 0) return d;
    }
    return 0;
  }

  /** True when every ORDER BY column is a number: `worse` can then compare a batch row with a slot. */
  get numeric(): boolean {
    return this.orderBy.every((o) => this.arena.cols[o.column]!.numeric);
  }

  /**
   * Whether row i of `batch` ranks after slot b (numeric orders only): rows that cannot enter a
   * full top are skipped before they are stored. A tie on the order goes by arrival seq, as `compare`.
   */
  worse(batch: ColumnBatch, i: number, b: number): boolean {
    const arena = this.arena;
    for (const o of this.orderBy) {
      const col = arena.cols[o.column]!;
      const src = batch.columns[o.column] as { data: Float64Array; valid: Uint8Array | null };
      const c = compareNumbers(validAt(src.valid, i), src.data[i]!, validAt(col.valid, b), col.data[b]!);
      if (c !== 0) return (o.desc ? -c : c) > 0;
    }
    const s = batch.seq[i]! - arena.seq[b]!;
    return this.latestFirst ? s < 0 : s > 0;
  }

  /**
   * Rows i and j of one batch in `compare`'s order (numeric orders only): negative when i ranks
   * first, 0 only for rows equal in every column and seq.
   */
  compareRows(batch: ColumnBatch, i: number, j: number): number {
    for (const o of this.orderBy) {
      const src = batch.columns[o.column] as { data: Float64Array; valid: Uint8Array | null };
      const c = compareNumbers(validAt(src.valid, i), src.data[i]!, validAt(src.valid, j), src.data[j]!);
      if (c !== 0) return o.desc ? -c : c;
    }
    const s = batch.seq[i]! - batch.seq[j]!;
    if (s !== 0) return this.latestFirst ? -s : s;
    // Rows of one aggregate completion share a seq, so equal orders do tie here (S6: SUM(quantity)).
    for (let c = 0; c < this.width; c++) {
      const col = batch.columns[c]!;
      const dict = col.type === 'VARCHAR' ? dictionaryOf(col) : null;
      const d = compareValues(readValue(col, i, dict), readValue(col, j, dict));
      if (d !== 0) return d;
    }
    return 0;
  }

  /**
   * For a single numeric ORDER BY column with no NULLs in this batch: its values and the sign that
   * makes smaller better (key = sign × value), so a row whose key is above a threshold row's is
   * worse without a full comparison; else null.
   */
  soleNumber(batch: ColumnBatch): { readonly data: Float64Array; readonly sign: number } | null {
    if (this.orderBy.length !== 1) return null;
    const o = this.orderBy[0]!;
    const src = batch.columns[o.column] as { data?: Float64Array; valid: Uint8Array | null };
    if (!this.arena.cols[o.column]!.numeric || src.valid !== null || !src.data) return null;
    return { data: src.data, sign: o.desc ? -1 : 1 };
  }

  /** Slot b's key as `soleNumber` forms it; +Infinity for NULL (a threshold nothing is above). */
  slotKey(b: number, sign: number): number {
    const col = this.arena.cols[this.orderBy[0]!.column]!;
    return validAt(col.valid, b) ? sign * col.data[b]! : Infinity;
  }

  /** Where slot s goes in `bucket` (sorted best first): the number of slots ranking before it. */
  position(bucket: readonly number[], s: number): number {
    let lo = 0;
    let hi = bucket.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(bucket[mid]!, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
