import type { ColumnBatch } from '../core/batch';
import type { InputRun } from './operator';

/** One input's rows [from, to) as an InputRun, so an operator that takes runs has one path for both calls. */
export class SliceRun implements InputRun {
  readonly batches: (ColumnBatch | null)[];
  inputs = new Uint8Array(0);
  rows = new Int32Array(0);
  length = 0;

  constructor(inputs: number) {
    this.batches = Array.from({ length: inputs }, () => null);
  }

  of(input: number, batch: ColumnBatch, from: number, to: number): InputRun {
    const n = to - from;
    if (this.rows.length < n) {
      this.rows = new Int32Array(n);
      this.inputs = new Uint8Array(n);
    }
    this.batches.fill(null);
    this.batches[input] = batch;
    this.inputs.fill(input, 0, n);
    for (let j = 0; j < n; j++) this.rows[j] = from + j;
    this.length = n;
    return this;
  }
}
