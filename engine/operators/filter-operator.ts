/** WHERE and HAVING: keeps rows whose predicate is TRUE (not NULL), gathering them into a compact batch. */
import type { ColumnBatch } from '../core/batch';
import { type ArrayAlloc, gatherBatch } from '../core/batch-gather';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { FilterOp } from '../plan/physical-plan';
import type { BatchSink, Operator } from './operator';

export class FilterOperator implements Operator {
  private readonly kernel: CompiledKernel;
  /** `gather`: where the selected rows go (batch-gather.ts; the pool's arrays when no operator holds a batch). */
  constructor(
    op: FilterOp,
    private readonly gather?: ArrayAlloc,
  ) {
    this.kernel = compileKernel([], op.predicate);
  }
  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const r = this.kernel.run(batch);
    if (r.count === batch.length) out.push(batch);
    else if (r.count > 0) out.push(gatherBatch(batch, r.sel!, r.count, this.gather));
  }
  onWatermark(): void {}
  onEnd(): void {}
  stateSize(): number {
    return 0;
  }
}
