/** SELECT DISTINCT: each distinct row once, when first seen (its whole row is the group key). */
import type { ColumnBatch } from '../core/batch';
import { gatherBatch } from '../core/batch-gather';
import type { Schema } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { GroupKeys } from './group-keys';
import { checkStateLimit, type BatchSink, type Operator, type OperatorContext } from './operator';

export class DistinctOperator implements Operator {
  private readonly keys: GroupKeys;
  private seen = 0;
  constructor(
    schema: Schema,
    private readonly ctx: OperatorContext,
  ) {
    this.keys = new GroupKeys(
      schema.map((f, index): Expr => ({ kind: 'column', index, name: f.name, type: f.type })),
    );
  }
  onBatch(batch: ColumnBatch, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    this.keys.encode(batch);
    const groups = this.keys.groups;
    const sel = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (groups[i]! >= this.seen) {
        this.seen++;
        sel[m++] = i;
      }
    }
    checkStateLimit(this.ctx, this.seen, 'distinct rows');
    if (m === n) out.push(batch);
    else if (m > 0) out.push(gatherBatch(batch, sel, m));
  }
  onWatermark(): void {}
  onEnd(): void {}
  stateSize(): number {
    return this.seen;
  }
}
