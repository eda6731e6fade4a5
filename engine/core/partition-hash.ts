/**
 * The one hash that decides which partition a row belongs to. It hashes
 * *values* (never dictionary codes, which differ per batch), so a central
 * scatter and a partition-local generator agree on every row.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string, h = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Hash of a number's IEEE-754 bits (-0 folded into 0 so equal values hash alike). */
export function hashNumber(x: number, h = FNV_OFFSET): number {
  f64[0] = x === 0 ? 0 : x;
  h = Math.imul(h ^ u32[0]!, FNV_PRIME);
  h = Math.imul(h ^ u32[1]!, FNV_PRIME);
  return h >>> 0;
}

/** The hash of NULL (any fixed value works; it must be the same everywhere). */
export const NULL_HASH = 0x9e3779b9;

/** Mixes one more value hash into a running combination (order-sensitive). */
export function combineHash(acc: number, h: number): number {
  return (Math.imul(acc ^ h, 0x85ebca6b) ^ (acc >>> 13)) >>> 0;
}

/** Hash of a value as it appears at the edges (strings, numbers, booleans as 0/1, NULL). */
export function hashValue(v: number | string | boolean | null, h = FNV_OFFSET): number {
  if (v === null) return NULL_HASH;
  if (typeof v === 'string') return hashString(v, h);
  return hashNumber(typeof v === 'boolean' ? (v ? 1 : 0) : v, h);
}

/** Partition of a combined key hash. */
export function partitionOfHash(hash: number, partitions: number): number {
  // A final avalanche so consecutive small hashes still spread evenly.
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return (h >>> 0) % partitions;
}
