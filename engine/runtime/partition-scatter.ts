/**
 * Splits a batch across partitions by the plan's partitioning, hashing
 * partition-column VALUES with the shared partition hash (so a central scatter
 * agrees with partition-local generators). Each part keeps its rows' seq and
 * watermark, and the batch's wmAfter.
 */
import type { ColumnBatch } from '../core/batch';
import { gatherBatch } from '../core/batch-gather';
import { combineHash, hashNumber, hashString, NULL_HASH, partitionOfHash } from '../core/partition-hash';
import { dictionaryOf } from '../expr/compile-kernel';
import type { Partitioning } from '../plan/physical-plan';

/** Row hash of every row: combineHash over the value hash of each partition column, starting from 0. */
export function rowHashes(batch: ColumnBatch, columns: readonly number[]): Uint32Array {
  const n = batch.length;
  const acc = new Uint32Array(n);
  for (const ci of columns) {
    const c = batch.columns[ci];
    if (c === undefined) throw new Error(`partition column ${ci} is missing`);
    const valid = c.type === 'NULL' ? null : c.valid;
    const isNull = (i: number): boolean =>
      c.type === 'NULL' || (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0);
    if (c.type === 'VARCHAR') {
      const dict = dictionaryOf(c);
      const hs = dict.map((s) => hashString(s));
      for (let i = 0; i < n; i++) acc[i] = combineHash(acc[i]!, isNull(i) ? NULL_HASH : hs[c.codes[i]!]!);
    } else if (c.type === 'NULL') {
      for (let i = 0; i < n; i++) acc[i] = combineHash(acc[i]!, NULL_HASH);
    } else {
      for (let i = 0; i < n; i++)
        acc[i] = combineHash(acc[i]!, isNull(i) ? NULL_HASH : hashNumber(c.data[i]!));
    }
  }
  return acc;
}

/** One batch per partition (null where a partition gets no rows). */
export function scatter(
  batch: ColumnBatch,
  partitioning: Partitioning,
  partitions: number,
  /** Which of the plan's sources the batch belongs to. */
  source = 0,
): (ColumnBatch | null)[] {
  if (partitions <= 1) return [batch];
  const n = batch.length;
  const part = new Uint32Array(n);
  if (partitioning.kind === 'hash') {
    const h = rowHashes(batch, partitioning.columns[source]!);
    for (let i = 0; i < n; i++) part[i] = partitionOfHash(h[i]!, partitions);
  } else {
    // Stateless plans: contiguous runs keep each part in stream order.
    for (let i = 0; i < n; i++) part[i] = Math.floor((i * partitions) / Math.max(1, n));
  }
  const counts = new Int32Array(partitions);
  for (let i = 0; i < n; i++) counts[part[i]!]!++;
  const sels = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(partitions);
  for (let i = 0; i < n; i++) {
    const p = part[i]!;
    sels[p]![fill[p]!++] = i;
  }
  return sels.map((sel) =>
    sel.length === 0 ? null : sel.length === n ? batch : gatherBatch(batch, sel, sel.length),
  );
}
