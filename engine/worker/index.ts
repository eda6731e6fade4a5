/**
 * Execution architectures in workers: what the app and the CLI import to run
 * a plan. Pick a variant by name; give a worker factory for the environment.
 */
export { startRun, type RunEnv } from './start-run';
export type {
  VariantName,
  VariantInfo,
  RunOptions,
  RunHandle,
  RunMetrics,
  RunSummary,
  RunLayout,
  WorkerMetrics,
  TimeBreakdown,
  OutputEvent,
  Subscribable,
  TimelineOptions,
  TimelineRow,
  TimelineWindowEvent,
  TimelineDelivery,
  FileErrors,
  FileRowError,
} from './run-types';
export { VARIANTS, MAX_BATCH_SIZE, MAX_PARTITIONS, FILE_ERRORS_KEPT } from './run-types';
export { DEFAULT_TIMELINE_PER_SECOND } from './timeline-recorder';
export type { FileInput, InjectedFailure, RejectedRow, SkippedOutput, StreamInputs } from './engine-api';
export {
  connectWorker,
  WorkerPool,
  webWorkerPort,
  inProcessConnection,
  type EngineConnection,
  type WorkerPort,
  type WorkerFactory,
} from './engine-client';
