/**
 * The seam between the worker layer and the engine runtime: one QueryEngine
 * per worker, fed batches, drained for outputs and rejected rows.
 */
import type { ColumnBatch } from '../core/batch';
import type { PhysicalPlan, SourceSpec } from '../plan/physical-plan';
import type { EngineEventSink, RejectedRow } from '../operators/operator';
import { QueryEngine } from '../runtime/query-engine';
import type { BatchSource } from '../sources/batch-source';
import { createFileSource, formatOfPath, type RowError } from '../sources/file-source';
import { rowsClock, type RowsClockData } from '../sources/rows-clock';
import type { FileInput } from './engine-api';

export interface Pipeline {
  /** A batch of source `source` (see `QueryEngine.pushSource`). */
  push(source: number, batch: ColumnBatch, nextArrival?: number): void;
  /** Source `source` came this far with no row for this engine. */
  advance(source: number, nextArrival: number, wmAfter: number): void;
  end(): void;
  drainOutput(): ColumnBatch[];
  drainRejected(): RejectedRow[];
  counts(): {
    late: number;
    invalid: number;
    stateSize: number;
    nodeRowsOut: number[];
    sourceRowsIn: number[];
    nodeState: number[];
    sourcePeakState: number[];
  };
  /** The watermark of the query's output, and each source's own. */
  readonly watermark: number;
  sourceWatermarks(): number[];
  /** True when the query needs no more input (a LIMIT reached). */
  readonly finished: boolean;
}

/**
 * `events`: the timeline's sink, or null (then the engine's hooks cost one branch each);
 * `clocks`: the arrival clocks of sources fed by files or rows, for plans with several sources.
 */
export function createPipeline(
  plan: PhysicalPlan,
  events: EngineEventSink | null = null,
  clocks: readonly (RowsClockData | null)[] = [],
): Pipeline {
  const e = new QueryEngine(plan, { events, clocks: clocks.map((d) => (d === null ? null : rowsClock(d))) });
  return {
    push: (s, b, next) => e.pushSource(s, b, next),
    advance: (s, next, wm) => e.advanceSource(s, next, wm),
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
        nodeState: s.nodeState,
        sourcePeakState: s.sourcePeakState,
      };
    },
    get watermark() {
      return e.outputWatermark;
    },
    sourceWatermarks: () => e.sourceWatermarks(),
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
  spec: SourceSpec,
  file: FileInput,
): { source: BatchSource; errors: RowError[] } {
  const f = createFileSource(spec, file.text, formatOfPath(file.name) ?? 'csv');
  return { source: f.source, errors: f.errors() };
}
