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
import type { RowError } from '../sources/file-source';

export interface SourceSlice {
  readonly partition: number;
  readonly partitions: number;
  readonly partitionColumns: readonly number[] | null;
  readonly file: FileInput | null;
  readonly rows: readonly Row[] | null;
  /** For any-split plans: rows per interleaved block (see interleavedBlocks). */
  readonly blockRows?: number;
}

export interface StreamSource {
  readonly source: BatchSource;
  /** Rows of a file that did not parse or fit its columns (skipped), in line order; empty for generators. */
  readonly fileErrors: readonly RowError[];
}

export function createStreamSource(plan: PhysicalPlan, slice: SourceSlice): StreamSource {
  if (slice.file !== null || slice.rows !== null) {
    if (slice.partitions > 1)
      throw new Error('a file stream is read in one place; it cannot be split into partition-local sources');
    if (slice.file !== null) {
      const f = createFileBatchSource(plan, slice.file);
      return { source: f.source, fileErrors: f.errors };
    }
    return { source: createRowsSource(plan.sources[0]!, slice.rows!), fileErrors: [] };
  }
  return { source: generatorSource(plan, slice), fileErrors: [] };
}

function generatorSource(plan: PhysicalPlan, slice: SourceSlice): BatchSource {
  if (plan.sources[0]!.generator === null)
    throw new Error(
      `stream '${plan.sources[0]!.stream}' has no generator: give it a file (CSV or JSON lines)`,
    );
  if (slice.partitions > 1 && slice.partitionColumns === null && slice.blockRows !== undefined)
    return interleavedBlocks(plan, slice.partition, slice.partitions, slice.blockRows);
  return createGeneratorSource(plan.sources[0]!, {
    partition: slice.partition,
    partitions: slice.partitions,
    partitionColumns: slice.partitionColumns ?? [],
  });
}

/**
 * Any split will do (a stateless plan): partition p takes blocks p, p + n,
 * p + 2n, … of `block` rows, starting a generator at each block's first row.
 * Rows are pure functions of their index, so no partition scans rows it
 * does not keep (a per-row filter would make every partition pay for the
 * whole stream's time model).
 */
function interleavedBlocks(plan: PhysicalPlan, p: number, n: number, block: number): BatchSource {
  let k = 0;
  let current: BatchSource | null = null;
  let left = 0;
  let bounded = true;
  const src: BatchSource = {
    get bounded() {
      return bounded;
    },
    next(maxRows: number) {
      for (;;) {
        if (current === null || left === 0) {
          const g = createGeneratorSource(plan.sources[0]!, { startRow: (k++ * n + p) * block });
          bounded = g.bounded;
          if (g.total !== null && g.position >= g.total) return null;
          current = g;
          left = block;
        }
        const b = current.next(Math.min(maxRows, left));
        if (b === null) return null;
        left -= b.length;
        if (b.length > 0) return b;
      }
    },
  };
  return src;
}

/** The whole stream, for variants whose source lives on the orchestrator side. */
export function createCentralSource(
  plan: PhysicalPlan,
  file: FileInput | null,
  rows: readonly Row[] | null,
): StreamSource {
  return createStreamSource(plan, { partition: 0, partitions: 1, partitionColumns: null, file, rows });
}
