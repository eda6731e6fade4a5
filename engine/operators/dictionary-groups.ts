/**
 * Group ids of a batch keyed by one or two dictionary-encoded string columns
 * without NULLs (PARTITION BY symbol, GROUP BY trader_id, symbol), in one
 * pass: each column's dictionary is interned once per batch (an id per entry,
 * not per row), and each row's code (pair) finds its group with no id array
 * written in between. Other key shapes decline and are interned row by row.
 */
import type { Column } from '../core/batch';
import type { GroupTable } from './group-table';
import type { KeyInterner } from './key-interner';

export class DictionaryGroups {
  constructor(
    private readonly interners: readonly KeyInterner[],
    private readonly groups: GroupTable,
  ) {}

  /** Fills out[0..n) with the group of every row; false (nothing written) when the keys are not one or two NULL-free VARCHAR columns or two columns' ids outgrow the 2-D array. */
  encode(cols: readonly Column[], n: number, out: Int32Array): boolean {
    if (cols.length === 1) {
      const a = cols[0]!;
      if (a.type !== 'VARCHAR' || a.valid !== null) return false;
      const ids = this.interners[0]!.dictionaryIds(a);
      this.groups.singlesByCodes(a.codes, ids, a.dictOffsets.length - 1, n, out);
      return true;
    }
    if (cols.length !== 2) return false;
    const a = cols[0]!;
    const b = cols[1]!;
    if (a.type !== 'VARCHAR' || b.type !== 'VARCHAR' || a.valid !== null || b.valid !== null) return false;
    const idsA = this.interners[0]!.dictionaryIds(a);
    const idsB = this.interners[1]!.dictionaryIds(b);
    return this.groups.pairsByCodes(
      a.codes,
      idsA,
      a.dictOffsets.length - 1,
      b.codes,
      idsB,
      b.dictOffsets.length - 1,
      n,
      out,
    );
  }
}
