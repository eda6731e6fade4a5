/**
 * Emit latency as a log-bucketed histogram: fixed size (so a report is one
 * small typed array whatever the row count), 4 buckets per octave from 1 µs,
 * which bounds the quantile error to ~19 %.
 */

export const LATENCY_BUCKETS = 128;
const PER_OCTAVE = 4;
const MIN_MS = 0.001;

export function latencyBucket(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const b = Math.floor(Math.log2(ms / MIN_MS) * PER_OCTAVE);
  return b >= LATENCY_BUCKETS ? LATENCY_BUCKETS - 1 : b;
}

/** The geometric middle of a bucket, in ms. */
export function bucketValue(b: number): number {
  return MIN_MS * 2 ** ((b + 0.5) / PER_OCTAVE);
}

export function newHistogram(): Float64Array {
  return new Float64Array(LATENCY_BUCKETS);
}

/** Records `count` rows that waited `ms`. */
export function recordLatency(h: Float64Array, ms: number, count: number): void {
  h[latencyBucket(ms)]! += count;
}

export function addHistogram(into: Float64Array, from: ArrayLike<number>): void {
  for (let b = 0; b < LATENCY_BUCKETS; b++) into[b]! += from[b] ?? 0;
}

export function histogramCount(h: Float64Array): number {
  let n = 0;
  for (let b = 0; b < LATENCY_BUCKETS; b++) n += h[b]!;
  return n;
}

/** The q-quantile (0…1) in ms, or null for an empty histogram. */
export function quantile(h: Float64Array, q: number): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let b = 0; b < LATENCY_BUCKETS; b++) {
    seen += h[b]!;
    if (seen >= rank && h[b]! > 0) return bucketValue(b);
  }
  return bucketValue(LATENCY_BUCKETS - 1);
}
