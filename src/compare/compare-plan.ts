/** Which runs a Compare or a sweep makes, in which order, on how many rows. */
import type { VariantName } from '../../engine/worker/index';
import type { RunPoint } from './measure';

export interface Job {
  readonly id: string;
  readonly point: RunPoint;
  /** `reference`: a direct run only there to check others on the same rows (not drawn in a sweep). */
  readonly role: 'measure' | 'reference';
}

export const ROW_CHOICES = [100_000, 1_000_000, 4_000_000] as const;
/** A compare of the three default variants on this many rows takes a few seconds on 2 cores. */
export const DEFAULT_ROWS = 1_000_000;
/** Per-record pays one awaited worker call per row: it gets this many rows at most. */
export const PER_RECORD_ROWS = 5_000;
export const BATCH = 16_384;

export interface CompareChoice {
  readonly rows: number;
  readonly perRecord: boolean;
  readonly sharedLock: boolean;
}

const job = (
  variant: VariantName,
  batchSize: number,
  partitions: number,
  rows: number,
  role: Job['role'] = 'measure',
): Job => ({
  id: `${variant}/${batchSize}/${partitions}/${rows}`,
  point: { variant, batchSize, partitions, rows },
  role,
});

export function compareJobs(c: CompareChoice): Job[] {
  const jobs = [
    job('direct', BATCH, 1, c.rows),
    job('batched', BATCH, 1, c.rows),
    job('partitioned', BATCH, 2, c.rows),
  ];
  if (c.sharedLock) jobs.push(job('shared-lock', BATCH, 2, c.rows));
  if (c.perRecord) {
    const n = Math.min(c.rows, PER_RECORD_ROWS);
    // Per-record reads fewer rows, so its checksum is checked against direct on those same rows.
    if (n < c.rows) jobs.push(job('direct', BATCH, 1, n, 'reference'));
    jobs.push(job('per-record', 1, 1, n));
  }
  return jobs;
}

export type SweepKind = 'partitions' | 'batch';
export type SweepVariant = 'partitioned' | 'shared-lock' | 'batched';
export const SWEEP_VARIANTS: readonly SweepVariant[] = ['partitioned', 'shared-lock', 'batched'];
export const SWEEP_PARTITIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const SWEEP_BATCH_SIZES = [1, 10, 100, 1000, 4096, 16384, 65536] as const;

export const sweepKind = (v: SweepVariant): SweepKind => (v === 'batched' ? 'batch' : 'partitions');

/**
 * A batch of 1 row is one message per row: small batches get fewer rows (2,000 per row of batch
 * size, at least 5,000) so the sweep still ends in seconds. Rows/s stay comparable; the table says so.
 */
export const rowsForBatchSize = (batchSize: number, rows: number): number =>
  Math.min(rows, Math.max(5_000, batchSize * 2_000));

export function sweepJobs(variant: SweepVariant, rows: number): Job[] {
  const points: Job[] =
    sweepKind(variant) === 'partitions'
      ? SWEEP_PARTITIONS.map((p) => job(variant, BATCH, p, rows))
      : SWEEP_BATCH_SIZES.map((b) => job('batched', b, 1, rowsForBatchSize(b, rows)));
  // One direct run per distinct row count checks every point's answer.
  const counts = [...new Set(points.map((j) => j.point.rows))];
  return [...counts.map((n) => job('direct', BATCH, 1, n, 'reference')), ...points];
}
