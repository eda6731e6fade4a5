/**
 * Whole streams with the WebAssembly kernels on and off (the price walk, the
 * SIMD uniforms, the partition scan, also of a whole stream, the key ranks): the same rows, times, watermarks and
 * values, whole and partition by partition, with disorder, late rows and NULLs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useWasmKernels } from '../../core/wasm-module';
import { builtinSourceSpec } from './builtin-source-spec';
import { drainSource, firstDifference } from './drain-source';
import { createGeneratorSource } from './index';

const OPTIONS = {
  total: 30_000,
  seed: 5,
  out_of_order: 0.1,
  max_out_of_order: 300,
  late: 0.02,
  null_rate: 0.05,
};
const CASES = [
  ['trades', { keys: 50, skew: 1.1 }, ['symbol']],
  // No NULLs: the whole stream's scan then also draws trader_id's levels (its values).
  ['trades', { keys: 50, skew: 1.1, null_rate: 0 }, ['symbol']],
  ['trades', { keys: 3000, skew: 0.5 }, ['trader_id', 'symbol']],
  ['orders', { keys: 10_000, skew: 0.8 }, ['customer_id']],
  ['sensors', { keys: 7 }, ['device_id']],
  ['clicks', {}, ['page']],
] as const;

function drained(
  stream: string,
  options: Record<string, number>,
  parts: readonly string[],
  kernels: boolean,
) {
  useWasmKernels(kernels);
  const spec = builtinSourceSpec(stream, { ...OPTIONS, ...options });
  const partitionColumns = parts.map((n) => spec.columns.findIndex((f) => f.name === n));
  const whole = drainSource(createGeneratorSource(spec), spec.columns.length, 4096);
  const slices = [0, 1].map((partition) =>
    drainSource(
      createGeneratorSource(spec, { partitions: 2, partition, partitionColumns }),
      spec.columns.length,
      4096,
    ),
  );
  return { whole, slices };
}

describe('WebAssembly kernels', () => {
  afterEach(() => useWasmKernels(true));

  it.each(CASES)('%s %j: the same stream with the kernels off', (stream, options, parts) => {
    const on = drained(stream, options, parts, true);
    const off = drained(stream, options, parts, false);
    expect(on.whole.seq.length).toBe(OPTIONS.total);
    expect(firstDifference(on.whole, off.whole)).toBeNull();
    on.slices.forEach((slice, p) =>
      expect(firstDifference(slice, off.slices[p]!), `partition ${p}`).toBeNull(),
    );
  });
});
