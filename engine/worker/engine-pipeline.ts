/**
 * The seam between the worker layer and the engine runtime: one engine per
 * worker, fed batches, drained for outputs and rejected rows.
 * TEMPORARY: until engine/runtime's QueryEngine lands, this passes rows through.
 */
import type { ColumnBatch } from '../core/batch';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { BatchSource } from '../sources/batch-source';
import type { FileInput, RejectedBatch } from './engine-api';

export interface Pipeline {
  push(batch: ColumnBatch): void;
  end(): void;
  drainOutput(): ColumnBatch[];
  drainRejected(): RejectedBatch[];
  counts(): { late: number; invalid: number; stateSize: number };
  /** True when the query needs no more input (a LIMIT reached). */
  readonly finished: boolean;
}

export function createPipeline(_plan: PhysicalPlan, _clock: () => number): Pipeline {
  let out: ColumnBatch[] = [];
  return {
    push(b) {
      out.push(b);
    },
    end() {},
    drainOutput() {
      const o = out;
      out = [];
      return o;
    },
    drainRejected: () => [],
    counts: () => ({ late: 0, invalid: 0, stateSize: 0 }),
    finished: false,
  };
}

export function createFileBatchSource(_plan: PhysicalPlan, file: FileInput): BatchSource {
  throw new Error(`file sources are not wired yet (${file.name})`);
}

/** Order-insensitive checksum of output rows, computed where the rows are (in each worker). */
export class OutputChecksum {
  private sum = 0;
  add(_batch: ColumnBatch): void {
    this.sum += _batch.length;
  }
  get value(): string {
    return String(this.sum);
  }
}

export function combineChecksums(parts: readonly string[]): string {
  return String(parts.reduce((a, p) => a + Number(p), 0));
}
