/** LIMIT n: passes the first n rows, then reports itself done so the run can stop early. */
import type { ColumnBatch } from '../core/batch';
import { sliceBatch } from '../core/batch-gather';
import type { LimitOp } from '../plan/physical-plan';
import type { BatchSink, Operator } from './operator';

export class LimitOperator implements Operator {
  private left: number;
  constructor(op: LimitOp) {
    this.left = Math.max(0, Math.floor(op.count));
  }
  get done(): boolean {
    return this.left === 0;
  }
  onBatch(batch: ColumnBatch, out: BatchSink): void {
    if (this.left === 0 || batch.length === 0) return;
    const take = Math.min(this.left, batch.length);
    this.left -= take;
    out.push(take === batch.length ? batch : sliceBatch(batch, 0, take));
  }
  onWatermark(): void {}
  onEnd(): void {}
  stateSize(): number {
    return 0;
  }
}
