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
} from './run-types';
export { VARIANTS, MAX_BATCH_SIZE, MAX_PARTITIONS } from './run-types';
export type { FileInput, InjectedFailure, RejectedRow } from './engine-api';
export { connectWorker, WorkerPool, webWorkerPort, inProcessConnection, type EngineConnection, type WorkerPort, type WorkerFactory } from './engine-client';
