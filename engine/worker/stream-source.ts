/**
 * Where a run's rows come from: the built-in generator (whole stream, or one
 * partition's slice with the global seq and watermark), or a parsed file.
 */
import type { BatchSource } from '../sources/batch-source';
import { createGeneratorSource } from '../sources/generators';
import { createFileBatchSource } from './engine-pipeline';
import type { PhysicalPlan } from '../plan/physical-plan';
import type { Row } from '../core/types';
import type { FileInput } from './engine-api';
import { createRowsSource } from '../sources/rows-source';

export interface SourceSlice {
  readonly partition: number;
  readonly partitions: number;
  readonly partitionColumns: readonly number[] | null;
  readonly file: FileInput | null;
  readonly rows: readonly Row[] | null;
}

export function createStreamSource(plan: PhysicalPlan, slice: SourceSlice): BatchSource {
  if (slice.file !== null || slice.rows !== null) {
    if (slice.partitions > 1) throw new Error('a file stream is read in one place; it cannot be split into partition-local sources');
    return slice.file !== null ? createFileBatchSource(plan, slice.file) : createRowsSource(plan.source, slice.rows!);
  }
  if (plan.source.generator === null)
    throw new Error(`stream '${plan.source.stream}' has no generator: give it a file (CSV or JSON lines)`);
  return createGeneratorSource(plan.source, {
    partition: slice.partition,
    partitions: slice.partitions,
    partitionColumns: slice.partitionColumns ?? [],
  });
}

/** The whole stream, for variants whose source lives on the orchestrator side. */
export function createCentralSource(plan: PhysicalPlan, file: FileInput | null, rows: readonly Row[] | null): BatchSource {
  return createStreamSource(plan, { partition: 0, partitions: 1, partitionColumns: null, file, rows });
}
