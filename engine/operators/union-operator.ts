/**
 * UNION ALL: the rows of every input, in arrival order across them (the
 * engine hands runs over in that order), gathered into one batch per step so
 * that interleaved inputs do not turn into one-row batches downstream.
 */
import type { ColumnBatch } from '../core/batch';
import { concatSlices, type BatchSlice } from '../core/batch-concat';
import type { DataType } from '../core/types';
import type { UnionOp } from '../plan/physical-plan';
import type { BatchSink, MultiInputOperator } from './operator';

export class UnionOperator implements MultiInputOperator {
  readonly ordered = true;
  private readonly types: DataType[];
  private pending: BatchSlice[] = [];

  constructor(op: UnionOp) {
    this.types = op.schema.map((f) => f.type);
  }

  onInput(_input: number, batch: ColumnBatch, from: number, to: number): void {
    if (to > from) this.pending.push({ batch, from, to });
  }

  onWatermark(wm: number, out: BatchSink): void {
    const p = this.pending;
    if (p.length === 0) return;
    this.pending = [];
    // One whole batch needs no copy; otherwise the slices become one batch.
    const only = p.length === 1 ? p[0]! : null;
    if (only && only.from === 0 && only.to === only.batch.length) out.push({ ...only.batch, wmAfter: wm });
    else out.push(concatSlices(p, this.types, wm));
  }

  onEnd(out: BatchSink): void {
    this.onWatermark(Infinity, out);
  }

  stateSize(): number {
    return 0;
  }

  inputStateSizes(): number[] {
    return [];
  }
}
