import { describe, expect, it } from 'vitest';
import type { StringColumn } from '../core/batch';
import { DictBuilder } from '../expr/compile-kernel';
import { DictionaryGroups } from './dictionary-groups';
import { GroupTable } from './group-table';
import { KeyInterner } from './key-interner';

/** A NULL-free string column of `values`, its dictionary holding `extra` entries no row uses first. */
function column(values: readonly string[], extra: readonly string[] = []): StringColumn {
  const d = new DictBuilder();
  for (const s of extra) d.code(s);
  return d.finish(
    Int32Array.from(values, (s) => d.code(s)),
    null,
  );
}

describe('DictionaryGroups, one key column', () => {
  it('numbers groups in order of first row, across batches with different dictionaries', () => {
    const table = new GroupTable(1);
    const groups = new DictionaryGroups([new KeyInterner('VARCHAR')], table);
    // Reference: the row-by-row path (ids, then the table's direct array).
    const refTable = new GroupTable(1);
    const refInterner = new KeyInterner('VARCHAR');
    const batches = [
      column(['b', 'a', 'b', 'c', 'a']),
      // Dictionary order differs from row order; 'd' and 'e' first appear mid-batch.
      column(['a', 'd', 'c', 'e', 'd'], ['e', 'd']),
      // A dictionary larger than the batch.
      column(['f', 'a'], ['x', 'y', 'z', 'w']),
      column(['c', 'a', 'b']),
    ];
    for (const c of batches) {
      const n = c.codes.length;
      const out = new Int32Array(n);
      expect(groups.encode([c], n, out)).toBe(true);
      const ids = new Int32Array(n);
      refInterner.intern(c, n, ids);
      const ref = new Int32Array(n);
      refTable.lookupBatch([ids], n, ref);
      expect([...out]).toEqual([...ref]);
    }
    expect(table.count).toBe(6);
  });

  it('declines a key column with NULLs', () => {
    const groups = new DictionaryGroups([new KeyInterner('VARCHAR')], new GroupTable(1));
    const c = { ...column(['a', 'b']), valid: Uint8Array.of(1) };
    expect(groups.encode([c], 2, new Int32Array(2))).toBe(false);
  });
});
