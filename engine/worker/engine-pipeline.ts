/**
 * The seam between the worker layer and the engine runtime: one QueryEngine
 * per worker, fed batches, drained for outputs and rejected rows.
 */
import type { ColumnBatch } from '../core/batch';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { EngineEventSink, RejectedRow } from '../operators/operator';
import { QueryEngine } from '../runtime/query-engine';
import type { BatchSource } from '../sources/batch-source';
import { createFileSource, formatOfPath, type RowError } from '../sources/file-source';
import type { FileInput } from './engine-api';

export interface Pipeline {
  push(batch: ColumnBatch): void;
  end(): void;
  drainOutput(): ColumnBatch[];
  drainRejected(): RejectedRow[];
  counts(): {
    late: number;
    invalid: number;
    stateSize: number;
    nodeRowsOut: number[];
    sourceRowsIn: number[];
  };
  /** True when the query needs no more input (a LIMIT reached). */
  readonly finished: boolean;
}

/** `events`: the timeline's sink, or null (then the engine's hooks cost one branch each). */
export function createPipeline(plan: PhysicalPlan, events: EngineEventSink | null = null): Pipeline {
  const e = new QueryEngine(plan, { events });
  return {
    push: (b) => e.push(b),
    end: () => e.end(),
    drainOutput: () => e.drainOutput(),
    drainRejected: () => e.drainRejected(),
    counts() {
      const s = e.stats();
      return {
        late: s.late,
        invalid: s.invalid,
        stateSize: s.stateSize,
        nodeRowsOut: s.nodeRowsOut,
        sourceRowsIn: s.sourceRowsIn,
      };
    },
    get finished() {
      return e.finished;
    },
  };
}

/**
 * The engine's file parser (CSV or JSON lines by extension; CSV otherwise), typed by the plan's
 * source columns, with the rows it skipped (line + reason; the whole file is parsed up front).
 */
export function createFileBatchSource(
  plan: PhysicalPlan,
  file: FileInput,
): { source: BatchSource; errors: RowError[] } {
  const f = createFileSource(plan.sources[0]!, file.text, formatOfPath(file.name) ?? 'csv');
  return { source: f.source, errors: f.errors() };
}
