/**
 * Forgetting keys no state holds any more. An operator whose state is bounded by time (a join, a
 * windowed GROUP BY) sees keys come and go (an order id per order); its key table would grow
 * with the input, not with its state. Once the table has doubled since the last look (and passed
 * KEY_COMPACTION.from), the live keys are interned afresh, renumbered from 0 in their order.
 */
import { GroupTable } from './group-table';
import { KeyInterner } from './key-interner';

/** Key ids from which compaction is considered. Tests lower it to compact at every chance. */
export const KEY_COMPACTION = { from: 1 << 16 };

export interface CompactedKeys {
  readonly interners: KeyInterner[];
  readonly table: GroupTable;
  /** Old id → new id (−1: forgotten). */
  readonly map: Int32Array;
}

/** The tuples of `table` that `live` keeps, interned afresh in id order. */
export function compactKeys(
  interners: readonly KeyInterner[],
  table: GroupTable,
  live: (id: number) => boolean,
): CompactedKeys {
  const k = table.k;
  const fresh = interners.map((it) => new KeyInterner(it.type));
  const next = new GroupTable(k);
  const map = new Int32Array(table.count).fill(-1);
  const tuple = new Int32Array(k);
  for (let g = 0; g < table.count; g++) {
    if (!live(g)) continue;
    for (let j = 0; j < k; j++) tuple[j] = fresh[j]!.idOf(interners[j]!.values[table.keyId(g, j)] ?? null);
    map[g] = next.lookup(tuple);
  }
  return { interners: fresh, table: next, map };
}

/** When the table next compacts: twice what it keeps, and never below KEY_COMPACTION.from. */
export const nextCompaction = (kept: number): number => Math.max(KEY_COMPACTION.from, 2 * kept);
