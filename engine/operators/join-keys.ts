/**
 * The equality keys of a join, both sides in one id space: each side's key
 * expressions are compiled for its own schema, but their values are interned
 * by shared interners into one table, so a left row and a right row with
 * equal keys get the same key id. A key with a NULL in it never matches
 * anything (SQL equality): its rows get id −1.
 */
import type { ColumnBatch } from '../core/batch';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr } from '../plan/physical-plan';
import { GroupTable } from './group-table';
import { KeyInterner } from './key-interner';

export class JoinKeys {
  private readonly interners: KeyInterner[];
  private readonly table: GroupTable;
  private readonly kernels: [CompiledKernel, CompiledKernel];
  private ids: Int32Array[];
  /** Per side: the batch last keyed, and its rows' key ids (−1: a NULL in the key). */
  private readonly keyed: [ColumnBatch | null, ColumnBatch | null] = [null, null];
  private readonly keyIds: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];

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
    if (this.ids[0]!.length < n) this.ids = this.ids.map(() => new Int32Array(n));
    const cols = this.kernels[side].run(batch).columns;
    for (let j = 0; j < cols.length; j++) this.interners[j]!.intern(cols[j]!, n, this.ids[j]!);
    const keys = new Int32Array(n);
    this.table.lookupBatch(this.ids, n, keys);
    // Interned id 0 is NULL.
    for (const ids of this.ids) for (let i = 0; i < n; i++) if (ids[i] === 0) keys[i] = -1;
    this.keyIds[side] = keys;
    this.keyed[side] = batch;
    return keys;
  }
}
