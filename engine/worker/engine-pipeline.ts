/**
 * The seam between the worker layer and the engine runtime: one QueryEngine
 * per worker, fed batches, drained for outputs and rejected rows.
 */
import type { ColumnBatch } from '../core/batch';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { RejectedRow } from '../operators/operator';
import { QueryEngine } from '../runtime/query-engine';
import type { BatchSource } from '../sources/batch-source';
import { createFileSource, formatOfPath } from '../sources/file-source';
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

/** The engine's file parser (CSV or JSON lines by extension; CSV otherwise), typed by the plan's source columns. */
export function createFileBatchSource(plan: PhysicalPlan, file: FileInput): BatchSource {
  return createFileSource(plan.source, file.text, formatOfPath(file.name) ?? 'csv').source;
}
