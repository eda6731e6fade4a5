/**
 * A generator's parts — its column definitions, event-time model and key
 * sampler — are pure functions of a few options and hold nothing but memo
 * tables and per-call scratch, so a thread builds each once and reuses it
 * across runs. Fresh ones per run cost more than their building: V8's
 * optimised code for their closures refers to them weakly, and when the
 * previous run's died, that code was thrown away ("weak objects") and
 * compiled again — tens of milliseconds of compiler threads per run, on the
 * same two cores the partitioned workers run on.
 */
import type { GeneratorOptions } from '../../core/stream-options';

/** Kept per kind of part: enough for every stream of a script and a few option sets around it. */
const LIMIT = 16;

/** The part `make` builds for `key`, built once; least recently used entries go first. */
export function reused<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = make();
  cache.set(key, made);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return made;
}

/** The options a generator's rows depend on: everything but how many there are and how fast they come. */
export function rowsKey(o: GeneratorOptions): string {
  const { total: _total, rows_per_second: _rate, ...rows } = o;
  return JSON.stringify(rows);
}
