/**
 * SELECT expressions. A WHERE right before it is fused in (the pipeline
 * builder passes its predicate), so filter + projection is one compiled loop
 * that writes only the selected rows of only the projected columns.
 */
import type { ColumnBatch } from '../core/batch';
import { type ArrayAlloc, withRowsOf } from '../core/batch-gather';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr, ProjectOp } from '../plan/physical-plan';
import type { BatchSink, Operator } from './operator';

export class ProjectOperator implements Operator {
  private readonly kernel: CompiledKernel;
  /** `gather`: where selected rows go (batch-gather.ts; the pool's arrays when no operator holds a batch). */
  constructor(
    op: ProjectOp,
    predicate: Expr | null = null,
    private readonly gather?: ArrayAlloc,
  ) {
    this.kernel = compileKernel(op.exprs, predicate, false, gather);
  }
  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const r = this.kernel.run(batch);
    const m = r.count;
    if (m === 0) return;
    const sel = r.sel;
    if (sel === null || m === batch.length) {
      // Every row: the input's seq, watermarks and pass-through columns as they are.
      const { seq, wm, wmAfter, op } = batch;
      out.push({ length: m, columns: r.columns, seq, wm, wmAfter, op, at: batch.at ?? null });
      return;
    }
    // Some rows: columns gathered or computed by the kernel, the rest gathered here.
    out.push(withRowsOf(batch, sel, m, r.columns, this.gather));
  }
  onWatermark(): void {}
  onEnd(): void {}
  stateSize(): number {
    return 0;
  }
}
