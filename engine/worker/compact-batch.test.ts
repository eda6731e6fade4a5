/** A batch's newest rows copied out: the same values, NULLs, seq and watermarks, at any offset. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBatch } from '../core/batch-builder';
import { batchDictionaries, rowValues } from '../core/batch-rows';
import type { ColumnBatch } from '../core/batch';
import type { Schema } from '../core/types';
import { compactBatch } from './compact-batch';

const schema: Schema = [
  { name: 's', type: 'VARCHAR', nullable: true },
  { name: 'x', type: 'DOUBLE', nullable: true },
  { name: 'b', type: 'BOOLEAN', nullable: true },
];

const rowsOf = (b: ColumnBatch): unknown[][] => {
  const d = batchDictionaries(b);
  return Array.from({ length: b.length }, (_, i) => [...rowValues(b, i, d), b.seq[i], b.wm[i], b.op?.[i]]);
};

describe('compactBatch', () => {
  it('copies rows [from, length) with their NULLs, at any bit offset', () => {
    const row = fc.record({
      s: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
      x: fc.option(fc.double({ noNaN: true }), { nil: null }),
      b: fc.option(fc.boolean(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.nat(), (rows, f) => {
        const full = buildBatch(rows, schema);
        const batch: ColumnBatch = {
          ...full,
          seq: Float64Array.from(rows, (_, i) => 100 + i),
          wm: Float64Array.from(rows, (_, i) => i * 2),
          op: Uint8Array.from(rows, (_, i) => i % 3),
        };
        const from = f % (rows.length + 1);
        const tail = compactBatch(batch, from);
        expect(tail.length).toBe(rows.length - from);
        expect(rowsOf(tail)).toEqual(rowsOf(batch).slice(from));
      }),
    );
  });
});
