/**
 * The seam between the worker layer and the engine runtime: one QueryEngine
 * per worker, fed batches, drained for outputs and rejected rows.
 */
import type { ColumnBatch } from '../core/batch';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { RejectedRow } from '../operators/operator';
import { QueryEngine } from '../runtime/query-engine';
import type { BatchSource } from '../sources/batch-source';
import type { FileInput } from './engine-api';

export interface Pipeline {
  push(batch: ColumnBatch): void;
  end(): void;
  drainOutput(): ColumnBatch[];
  drainRejected(): RejectedRow[];
  counts(): { late: number; invalid: number; stateSize: number };
  /** True when the query needs no more input (a LIMIT reached). */
  readonly finished: boolean;
}

export function createPipeline(plan: PhysicalPlan): Pipeline {
  const e = new QueryEngine(plan);
  return {
    push: (b) => e.push(b),
    end: () => e.end(),
    drainOutput: () => e.drainOutput(),
    drainRejected: () => e.drainRejected(),
    counts() {
      const s = e.stats();
      return { late: s.late, invalid: s.invalid, stateSize: s.stateSize };
    },
    get finished() {
      return e.finished;
    },
  };
}

export function createFileBatchSource(_plan: PhysicalPlan, file: FileInput): BatchSource {
  throw new Error(`file sources are not wired yet (${file.name})`);
}
