/** GROUP BY / PARTITION BY keys of a batch → dense group ids, and back to output columns. */
import type { Column, ColumnBatch } from '../core/batch';
import type { Value } from '../core/types';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr } from '../plan/physical-plan';
import { DictionaryGroups } from './dictionary-groups';
import { GroupTable } from './group-table';
import { compactKeys, KEY_COMPACTION, nextCompaction } from './key-compaction';
import { KeyInterner } from './key-interner';

export class GroupKeys {
  interners: KeyInterner[];
  table: GroupTable;
  private readonly kernel: CompiledKernel | null;
  private ids: Int32Array[];
  private byCodes: DictionaryGroups;
  /** Group count at which `compactIfGrown` next looks. */
  private compactAt = KEY_COMPACTION.from;
  /** Group of each row of the last encoded batch. */
  groups = new Int32Array(1024);

  constructor(readonly exprs: readonly Expr[]) {
    this.interners = exprs.map((e) => new KeyInterner(e.type));
    this.table = new GroupTable(exprs.length);
    this.kernel = exprs.length ? compileKernel(exprs) : null;
    this.ids = exprs.map(() => new Int32Array(1024));
    this.byCodes = new DictionaryGroups(this.interners, this.table);
  }

  get count(): number {
    return this.table.count;
  }

  /** Interned ids held (for the state limit). */
  get size(): number {
    return this.table.count;
  }

  /** Whether `compactIfGrown` would compact now. */
  get compactDue(): boolean {
    return this.table.count >= this.compactAt;
  }

  /**
   * Once the group count has doubled since the last look (see key-compaction.ts): keeps only the
   * groups `live` says state still holds, renumbered from 0 in their order, and returns old id →
   * new id (−1: forgotten); else null. Call it between batches (`groups` is stale after it).
   */
  compactIfGrown(live: (group: number) => boolean): Int32Array | null {
    if (!this.compactDue) return null;
    const { interners, table, map } = compactKeys(this.interners, this.table, live);
    this.interners = interners;
    this.table = table;
    this.byCodes = new DictionaryGroups(interners, table);
    this.compactAt = nextCompaction(table.count);
    return map;
  }

  /** Fills `groups` for every row of the batch; returns the evaluated key columns. */
  encode(batch: ColumnBatch): Column[] {
    const n = batch.length;
    if (this.groups.length < n) {
      this.groups = new Int32Array(n);
      this.ids = this.ids.map(() => new Int32Array(n));
    }
    const cols = this.kernel ? this.kernel.run(batch).columns : [];
    if (this.byCodes.encode(cols, n, this.groups)) return cols;
    for (let j = 0; j < cols.length; j++) this.interners[j]!.intern(cols[j]!, n, this.ids[j]!);
    this.table.lookupBatch(this.ids, n, this.groups);
    return cols;
  }

  /** The group of one tuple of values (slow path: sessions, row windows with buffering). */
  groupOfValues(values: readonly Value[]): number {
    const t = new Int32Array(values.length);
    values.forEach((v, j) => (t[j] = this.interners[j]!.idOf(v)));
    return this.table.lookup(t);
  }

  keyValues(g: number): Value[] {
    return this.interners.map((it, j) => it.values[this.table.keyId(g, j)] ?? null);
  }

  /** Output key columns for rows whose groups are groups[0..m). */
  buildColumns(groups: Int32Array, m: number): Column[] {
    const ids = new Int32Array(m);
    const keys = this.table.keys;
    const k = this.table.k;
    const cols: Column[] = [];
    for (let j = 0; j < k; j++) {
      for (let r = 0; r < m; r++) ids[r] = keys[groups[r]! * k + j]!;
      cols.push(this.interners[j]!.buildColumn(ids, m));
    }
    return cols;
  }
}
