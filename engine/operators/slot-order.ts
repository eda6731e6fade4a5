/**
 * The total order a Top-N ranks held rows by: the ORDER BY columns (NULL sorts lowest, as in
 * Flink), then arrival seq (earlier first, or later first for a keep-last-row deduplication),
 * then the row's values — total, so every variant keeps and numbers the same rows.
 */
import type { Value } from '../core/types';
import type { RowArena } from './row-arena';

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
        const va = (col.valid[a >> 3]! & (1 << (a & 7))) !== 0;
        const vb = (col.valid[b >> 3]! & (1 << (b & 7))) !== 0;
        const x = col.data[a]!;
        const y = col.data[b]!;
        c = va && vb ? (x < y ? -1 : x > y ? 1 : 0) : va === vb ? 0 : va ? 1 : -1;
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
