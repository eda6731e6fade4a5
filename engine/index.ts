/**
 * The engine's public face: the app (src/) sees the engine only through this
 * file and engine/worker/. Everything here runs anywhere (browser, worker, Node).
 */
export type { DataType, Field, Schema, Value, Row, Op } from './core/types';
export { OP_CODES } from './core/types';
export type { ColumnBatch, Column } from './core/batch';
export type { Diagnostic, Span, Severity } from './core/diagnostic';
export { formatDiagnostic } from './core/diagnostic';
export { BUILTIN_STREAMS, findBuiltinStream, type BuiltinStream } from './core/builtin-streams';
export { STREAM_OPTIONS, findStreamOption, type StreamOption } from './core/stream-options';
export { batchDictionaries, rowValues, readValue, batchToRows } from './core/batch-rows';
export type { PhysicalPlan } from './plan/physical-plan';
export { sourcesUnder } from './plan/sources-under';
export { compileScript, type CompileResult, type StreamDeclInfo } from './plan/compile';
export { explainPlan, type ExplainNode } from './plan/explain';
export {
  diagnose,
  completionsAt,
  hoverAt,
  formatScript,
  VOCABULARY,
  type Completion,
  type Hover,
} from './language/index';
export { exportFlinkSql } from './language/flink-export';
export { buildBatch } from './core/batch-builder';
export { createFileSource, formatOfPath, type FileFormat, type RowError } from './sources/file-source';
export { SEED_SCENARIOS, type SeedScenario, type ScenarioId } from './scenarios/seed-scenarios';
