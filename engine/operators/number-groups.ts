/**
 * A single numeric PARTITION BY key → dense group ids, one table lookup per row (NumberKeyIds).
 * GroupKeys does the same for any keys through an interner per column and then a group table:
 * two lookups in tables of a million entries per row for S7's event ids. The groups are the
 * same as GroupKeys gives (as sets: ids are handed out in the same first-seen order): NULL is
 * one group, every NaN another, −0 is 0. A plain column is read in place, with no kernel run.
 */
import type { ColumnBatch, NumberColumn } from '../core/batch';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr } from '../plan/physical-plan';
import { NumberKeyIds } from './number-key-ids';

export function isNumberKey(exprs: readonly Expr[]): boolean {
  if (exprs.length !== 1) return false;
  const t = exprs[0]!.type;
  return t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP';
}

export class NumberGroups {
  /** Group of each row of the last encoded batch. */
  groups = new Int32Array(1024);
  count = 0;
  private readonly ids = new NumberKeyIds();
  private readonly column: number;
  private readonly kernel: CompiledKernel | null;
  private nullGroup = -1;
  private nanGroup = -1;

  constructor(expr: Expr) {
    this.column = expr.kind === 'column' ? expr.index : -1;
    this.kernel = expr.kind === 'column' ? null : compileKernel([expr]);
  }

  encode(batch: ColumnBatch): void {
    const n = batch.length;
    if (this.groups.length < n) this.groups = new Int32Array(n);
    const c = (
      this.kernel === null ? batch.columns[this.column] : this.kernel.run(batch).columns[0]
    ) as NumberColumn;
    const d = c.data;
    const valid = c.valid;
    const groups = this.groups;
    const ids = this.ids;
    // Duplicates often follow each other (a retried send): the previous row's group, unlooked-up.
    let last = NaN;
    let lastG = -1;
    let count = this.count;
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        if (this.nullGroup < 0) this.nullGroup = count++;
        groups[i] = this.nullGroup;
        continue;
      }
      const x = d[i]!;
      if (x === last) {
        groups[i] = lastG;
        continue;
      }
      let g: number;
      if (x !== x) {
        if (this.nanGroup < 0) this.nanGroup = count++;
        g = this.nanGroup;
      } else {
        g = ids.idOf(x, count);
        if (g === count) count++;
      }
      groups[i] = lastG = g;
      last = x;
    }
    this.count = count;
  }
}
