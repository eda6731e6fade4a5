/**
 * Row-level partition hash: `engine/core/partition-hash.ts` hashes single
 * values; this combines a row's partition-column values, in order, so that a
 * central scatter and a partition-local generator agree on every row. Use
 * these two functions on both sides — never a hand-rolled variant.
 */
import { combineHash, hashNumber, hashValue, NULL_HASH, partitionOfHash } from '../../core/partition-hash';
import type { Value } from '../../core/types';
import type { StringDomain } from './string-domain';

/** The accumulator before the first column: fixed, so the hash of a row depends only on its values. */
export const ROW_HASH_START = 0;

/** `combineHash` over `hashValue` of each value, in column order. */
export function rowPartitionHash(values: readonly Value[]): number {
  let acc = ROW_HASH_START;
  for (const v of values) acc = combineHash(acc, hashValue(v));
  return acc;
}

/** Which of `partitions` partitions a row with these partition-column values belongs to. */
export function partitionOfRow(values: readonly Value[], partitions: number): number {
  return partitionOfHash(rowPartitionHash(values), partitions);
}

/** `hashValue` of a generated column value: a VARCHAR column's domain index hashes as its string, NaN as NULL. */
export function generatedValueHash(domain: StringDomain | null, x: number): number {
  return x !== x ? NULL_HASH : domain ? domain.hash(x) : hashNumber(x);
}
