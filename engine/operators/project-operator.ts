/**
 * SELECT expressions. A WHERE right before it is fused in (the pipeline
 * builder passes its predicate), so filter + projection is one compiled loop
 * that writes only the selected rows of only the projected columns.
 */
import type { ColumnBatch } from '../core/batch';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { Expr, ProjectOp } from '../plan/physical-plan';
import type { BatchSink, Operator } from './operator';

export class ProjectOperator implements Operator {
  private readonly kernel: CompiledKernel;
  constructor(op: ProjectOp, predicate: Expr | null = null) {
    this.kernel = compileKernel(op.exprs, predicate);
  }
  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const r = this.kernel.run(batch);
    if (r.count === 0) return;
    let { seq, wm, op } = batch;
    let at = batch.at ?? null;
    if (r.sel !== null && r.count !== batch.length) {
      const sel = r.sel;
      const m = r.count;
      seq = new Float64Array(m);
      wm = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        seq[j] = batch.seq[sel[j]!]!;
        wm[j] = batch.wm[sel[j]!]!;
      }
      if (op !== null) {
        const o = new Uint8Array(m);
        for (let j = 0; j < m; j++) o[j] = op[sel[j]!]!;
        op = o;
      }
      if (at !== null) {
        const a = new Float64Array(m);
        for (let j = 0; j < m; j++) a[j] = at[sel[j]!]!;
        at = a;
      }
    }
    out.push({ length: r.count, columns: r.columns, seq, wm, wmAfter: batch.wmAfter, op, at });
  }
  onWatermark(): void {}
  onEnd(): void {}
  stateSize(): number {
    return 0;
  }
}
