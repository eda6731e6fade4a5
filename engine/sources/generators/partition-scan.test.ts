/**
 * The fused skip scan against the general path: same own rows, key ranks,
 * watermarks and wmAfter, for partition counts on both sides of SPARSE and
 * partition columns of each kind (key rank, one uniform draw, both).
 */
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../../core/batch';
import { batchDictionaries, rowValues } from '../../core/batch-rows';
import type { Value } from '../../core/types';
import { streamKey } from '../prng';
import { builtinSourceSpec } from './builtin-source-spec';
import { drainSource } from './drain-source';
import { SALT } from './generator-def';
import { createGeneratorSource, generatorDef, partitionOfRow } from './index';
import { PartitionScan } from './partition-scan';
import { createKeySampler } from './zipf';

/** Out-of-order and late rows, no NULLs (NULL-able partition columns take the general path). */
const OPTIONS = {
  total: 6000,
  keys: 40,
  skew: 1.1,
  out_of_order: 0.2,
  max_out_of_order: 400,
  late: 0.03,
  seed: 7,
};
const DELAY = 250;

const CASES = [
  ['trades', ['trader_id', 'symbol']],
  ['trades', ['symbol']],
  ['trades', ['side']],
  ['orders', ['customer_id', 'status']],
  ['sensors', ['device_id', 'site']],
  ['clicks', ['page', 'user_id']],
] as const;

function scanFor(
  stream: string,
  names: readonly string[],
  options: Record<string, number>,
  partitions: number,
) {
  const def = generatorDef(stream, options);
  const cols = names.map((n) => ({ gen: def.columns.find((c) => c.name === n)!, nullKey: null }));
  const keyKey = streamKey(options['seed']!, SALT.keyRank);
  const sampler = createKeySampler(options['keys']!, options['skew']!);
  return (me: number) =>
    PartitionScan.create(cols, partitions, me, sampler, keyKey, keyKey ^ Math.imul(1, 0x632be5ab));
}

describe('partition scan', () => {
  it.each(CASES)('%s by %j applies (no general-path fallback)', (stream, names) => {
    for (const partitions of [2, 64]) expect(scanFor(stream, names, OPTIONS, partitions)(0)).not.toBeNull();
  });

  it('leaves NULL-able partition columns and huge key sets to the general path', () => {
    const def = generatorDef('trades', OPTIONS);
    const trader = { gen: def.columns[0]!, nullKey: 1 };
    const k = streamKey(7, SALT.keyRank);
    expect(PartitionScan.create([trader], 2, 0, createKeySampler(40, 1.1), k, k + 1)).toBeNull();
    const symbol = { gen: def.columns[1]!, nullKey: null };
    expect(PartitionScan.create([symbol], 2, 0, createKeySampler(1 << 21, 1.1), k, k + 1)).toBeNull();
  });

  it.each(CASES)('%s by %j: each slice holds exactly the rows that hash to it', (stream, names) => {
    const spec = builtinSourceSpec(stream, OPTIONS, { watermarkDelay: DELAY });
    const cols = names.map((n) => spec.columns.findIndex((f) => f.name === n));
    const whole = drainSource(createGeneratorSource(spec), spec.columns.length, 6000);
    for (const partitions of [2, 3, 8, 64]) {
      const seen = new Set<number>();
      for (let p = 0; p < partitions; p++) {
        const src = createGeneratorSource(spec, { partition: p, partitions, partitionColumns: cols });
        const wmAt = (pos: number): number =>
          pos < whole.wm.length ? whole.wm[pos]! : whole.wmAfter[whole.wmAfter.length - 1]!;
        for (let b: ColumnBatch | null = src.next(257); b; b = src.next(257)) {
          expect(b.wmAfter).toBe(wmAt(src.position));
          const dicts = batchDictionaries(b);
          for (let j = 0; j < b.length; j++) {
            const seq = b.seq[j]!;
            expect(b.wm[j]).toBe(whole.wm[seq]);
            const row = rowValues(b, j, dicts);
            expect(row).toEqual(whole.columns.map((c) => c[seq]));
            const values: Value[] = cols.map((c) => row[c]!);
            expect(partitionOfRow(values, partitions)).toBe(p);
            seen.add(seq);
          }
        }
      }
      expect(seen.size).toBe(6000);
    }
  });

  it('uniform keys (skew 0) and a full batch ending mid-chunk', () => {
    const options = { ...OPTIONS, skew: 0 };
    const spec = builtinSourceSpec('trades', options, { watermarkDelay: DELAY });
    const whole = drainSource(createGeneratorSource(spec), spec.columns.length, 6000);
    for (const partitions of [2, 16]) {
      const src = createGeneratorSource(spec, { partition: 1, partitions, partitionColumns: [0, 1] });
      const d = drainSource(src, spec.columns.length, 1);
      d.seq.forEach((seq, j) => {
        expect(d.wm[j]).toBe(whole.wm[seq]);
        expect(d.columns.map((c) => c[j])).toEqual(whole.columns.map((c) => c[seq]));
      });
      expect(d.seq.length).toBeGreaterThan(0);
    }
  });
});
