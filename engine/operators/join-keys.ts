/**
 * The equality keys of a join, both sides in one id space: each side's key
 * expressions are compiled for its own schema, but their values are interned
 * by shared interners into one table, so a left row and a right row with
 * equal keys get the same key id. A key with a NULL in it never matches
 * anything (SQL equality): its rows get id −1.
 */
import type { Column, ColumnBatch } from '../core/batch';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr } from '../plan/physical-plan';
import { GroupTable } from './group-table';
import { KeyInterner } from './key-interner';
import { compactKeys, KEY_COMPACTION, nextCompaction } from './key-compaction';

/** Values up to this (exclusive) are keyed through `small` (4 MiB of ids at most). */
const SMALL_MAX = 1 << 20;

export class JoinKeys {
  private interners: KeyInterner[];
  private table: GroupTable;
  /** Key count at which `compactIfGrown` next looks. */
  private compactAt = KEY_COMPACTION.from;
  private readonly kernels: [CompiledKernel, CompiledKernel];
  private ids: Int32Array[];
  /** Per side: the batch last keyed, and its rows' key ids (−1: a NULL in the key). */
  private readonly keyed: [ColumnBatch | null, ColumnBatch | null] = [null, null];
  private readonly keyIds: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  /**
   * One numeric key: the key id of each small non-negative integer value seen (−1: not yet), so a
   * batch whose values have all been seen is keyed by one array read per row instead of an
   * interner probe and a table lookup. Filled from what those give, so the ids are theirs.
   */
  private small = new Int32Array(0);

  constructor(left: readonly Expr[], right: readonly Expr[]) {
    if (left.length !== right.length || left.length === 0)
      throw new Error('a join needs the same number (≥ 1) of keys on both sides');
    this.interners = left.map((e) => new KeyInterner(e.type));
    this.table = new GroupTable(left.length);
    this.kernels = [compileKernel(left), compileKernel(right)];
    this.ids = left.map(() => new Int32Array(1024));
  }

  /** Distinct keys seen (for the state limit). */
  get count(): number {
    return this.table.count;
  }

  /**
   * Key ids of every row of a batch of one side, computed once per batch: the
   * operators see a batch in slices (rows of the other side arrive between
   * them), and keying the whole batch per slice made joins quadratic.
   */
  keysOf(side: 0 | 1, batch: ColumnBatch): Int32Array {
    if (this.keyed[side] === batch) return this.keyIds[side];
    const n = batch.length;
    const cols = this.kernels[side].run(batch).columns;
    const keys = new Int32Array(n);
    if (!(cols.length === 1 && this.fromSmall(cols[0]!, n, keys))) {
      if (this.ids[0]!.length < n) this.ids = this.ids.map(() => new Int32Array(n));
      for (let j = 0; j < cols.length; j++) this.interners[j]!.intern(cols[j]!, n, this.ids[j]!);
      this.table.lookupBatch(this.ids, n, keys);
      // Interned id 0 is NULL.
      for (const ids of this.ids) for (let i = 0; i < n; i++) if (ids[i] === 0) keys[i] = -1;
      if (cols.length === 1) this.rememberSmall(cols[0]!, n, keys);
    }
    this.keyIds[side] = keys;
    this.keyed[side] = batch;
    return keys;
  }

  /** Whether `compactIfGrown` would compact now. */
  get compactDue(): boolean {
    return this.table.count >= this.compactAt;
  }

  /**
   * Once the key count has doubled since the last look (and passed KEY_COMPACTION.from): keeps
   * only the key ids `live` says are held, renumbered from 0 in their order, and returns old id →
   * new id (−1: forgotten); else null. An interval or window join sees keys come and go (an
   * order id per order), and without this its key table grew with the input, not its state.
   * Call it between batches: the keys of the batches last keyed are forgotten too.
   */
  compactIfGrown(live: (key: number) => boolean): Int32Array | null {
    if (!this.compactDue) return null;
    const { interners, table, map } = compactKeys(this.interners, this.table, live);
    this.interners = interners;
    this.table = table;
    this.small = new Int32Array(0);
    this.keyed[0] = this.keyed[1] = null;
    this.compactAt = nextCompaction(this.table.count);
    return map;
  }

  /** Keys of a one-column batch from `small`; false (keys partly written) at the first value not there. */
  private fromSmall(col: Column, n: number, keys: Int32Array): boolean {
    if (col.type === 'NULL' || col.type === 'VARCHAR' || col.type === 'BOOLEAN') return false;
    const small = this.small;
    const data = col.data;
    const valid = col.valid;
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        keys[i] = -1;
        continue;
      }
      const x = data[i]!;
      // Only integers below the table's length index it (NaN and fractions fail `x === (x | 0)`).
      const id = x >= 0 && x < small.length && x === (x | 0) ? small[x]! : -1;
      if (id < 0) return false;
      keys[i] = id;
    }
    return true;
  }

  /** Records the key ids of a batch's small integer values (the table grows to at most SMALL_MAX). */
  private rememberSmall(col: Column, n: number, keys: Int32Array): void {
    if (col.type === 'NULL' || col.type === 'VARCHAR' || col.type === 'BOOLEAN') return;
    const data = col.data;
    for (let i = 0; i < n; i++) {
      const x = data[i]!;
      const id = keys[i]!;
      if (id < 0 || !(x >= 0 && x < SMALL_MAX && x === (x | 0))) continue;
      if (x >= this.small.length) {
        const grown = new Int32Array(
          Math.min(SMALL_MAX, Math.max(1024, 2 ** Math.ceil(Math.log2(x + 1)))),
        ).fill(-1);
        grown.set(this.small);
        this.small = grown;
      }
      this.small[x] = id;
    }
  }
}
