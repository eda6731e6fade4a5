/**
 * The key rank a generated stream gives row i (GeneratedStream draws the same
 * ranks in blocks): for columns that name another row's key — a payment's
 * customer is its order's, an impression's user is its click's.
 */
import { streamKey, uniformAt } from '../prng';
import { SALT } from './generator-def';
import type { KeySampler } from './zipf';

/** Rank of row i under `sampler`, drawn on the stream key of (seed, salt). */
export function keyRankAt(
  sampler: KeySampler,
  seed: number,
  salt: number = SALT.keyRank,
): (i: number) => number {
  const key = streamKey(seed, salt);
  return (i) =>
    sampler.sample((attempt) =>
      attempt === 0 ? uniformAt(key, i) : uniformAt(key ^ Math.imul(attempt, 0x632be5ab), i),
    );
}
