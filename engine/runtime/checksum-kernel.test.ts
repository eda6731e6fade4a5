/**
 * The WebAssembly row hashing of the output checksum against the JavaScript
 * loops: the committed bytes are the .wat's, and both give the same checksum
 * on random batches — every column type, NULLs, ops, batches longer than a
 * piece, and the values quantisation treats specially (NaN, ±Infinity, −0,
 * subnormals, mantissas next to a power of two, huge and tiny numbers).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { assembleWat } from '../../scripts/assemble-wat.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import type { Schema, Value } from '../core/types';
import { useWasmKernels } from '../core/wasm-module';
import { OutputChecksum } from './checksum';
import { CHECK_PIECE, ChecksumKernel } from './checksum-kernel';
import { CHECKSUM_WASM } from './checksum-wasm';

const SCHEMA: Schema = [
  { name: 'd', type: 'DOUBLE', nullable: true },
  { name: 's', type: 'VARCHAR', nullable: true },
  { name: 'b', type: 'BIGINT', nullable: true },
  { name: 'f', type: 'BOOLEAN', nullable: true },
  { name: 't', type: 'TIMESTAMP', nullable: true },
  { name: 'z', type: 'NULL', nullable: true },
];

const special = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  5e-324,
  -2.2250738585072014e-308 / 3,
  1 - Number.EPSILON / 2,
  2 - Number.EPSILON,
  -(4 - 2 * Number.EPSILON),
  1.7976931348623157e308,
  2.2250738585072014e-308,
  1e-310,
  0.1,
  -123.456,
  // Exactly halfway at 30 significant bits: Math.round's tie goes up.
  1 + 2 ** -30,
  -(1 + 2 ** -30),
  3 * 2 ** 40 * (1 + 2 ** -30),
);
const double = fc.oneof(
  special,
  fc.double(),
  fc.integer().map((i) => i / 7),
);
const row = fc.tuple(
  fc.option(double, { freq: 6 }),
  fc.option(fc.constantFrom('a', 'b', 'ünï', '', 'x'.repeat(30)), { freq: 6 }),
  fc.option(fc.integer(), { freq: 6 }),
  fc.option(fc.boolean(), { freq: 6 }),
  fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { freq: 6 }),
  fc.constant(null),
);

function checksum(batches: readonly ColumnBatch[], withOp: boolean, kernel: boolean): string {
  useWasmKernels(kernel);
  const c = new OutputChecksum();
  for (const b of batches) c.add(b, withOp);
  return c.hex;
}

describe('WebAssembly checksum', () => {
  afterEach(() => useWasmKernels(true));

  it('is the assembled checksum.wat (run npm run build:wasm after editing it)', async () => {
    const text = readFileSync(new URL('./checksum.wat', import.meta.url), 'utf8');
    expect(await assembleWat('checksum.wat', text)).toBe(CHECKSUM_WASM);
  });

  it('loads here, so the cases below test the kernel', () => {
    expect(ChecksumKernel.shared()).not.toBeNull();
  });

  it('gives the JavaScript loops’ checksum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(row, { maxLength: 60 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (rowsPerBatch, withOp) => {
          const batches = rowsPerBatch.map((rows) => {
            const b = buildBatch(rows as unknown as Value[][], SCHEMA);
            return withOp ? { ...b, op: Uint8Array.from(rows, (_, i) => i % 3) } : b;
          });
          expect(checksum(batches, withOp, true)).toBe(checksum(batches, withOp, false));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same checksum where no value is NULL (the kernel hashes those two and four rows at a time)', () => {
    const schema: Schema = [
      { name: 'd', type: 'DOUBLE', nullable: false },
      { name: 'e', type: 'DOUBLE', nullable: false },
      { name: 'b', type: 'BIGINT', nullable: false },
    ];
    // Fractions whose powers 2^(29 − e) and 2^(e − 29) are near the ends of the double range.
    const extreme = fc.constantFrom(
      1.5 * 2 ** -900,
      1.5 * 2 ** -960,
      1.5 * 2 ** -993,
      1.5 * 2 ** -1000,
      3.25 * 2 ** 50,
    );
    const value = fc.oneof(
      special,
      extreme,
      fc.double(),
      fc.integer().map((i) => i / 7),
      fc.integer(),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(value, value, fc.integer()), { maxLength: 40 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.boolean(),
        (rowsPerBatch, withOp) => {
          const batches = rowsPerBatch.map((rows) => {
            const b = buildBatch(rows as unknown as Value[][], schema);
            return withOp ? { ...b, op: Uint8Array.from(rows, (_, i) => (i * 7) % 3) } : b;
          });
          expect(checksum(batches, withOp, true)).toBe(checksum(batches, withOp, false));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('with two string columns, each reading its own dictionary', () => {
    const schema: Schema = [
      { name: 'a', type: 'VARCHAR', nullable: true },
      { name: 'b', type: 'VARCHAR', nullable: true },
      { name: 'd', type: 'DOUBLE', nullable: true },
    ];
    const n = CHECK_PIECE + 500;
    const rows = Array.from({ length: n }, (_, i) => [
      `a${i % 7}`,
      i % 5 === 0 ? null : `b${i % 300}`,
      i / 9,
    ]);
    const b = buildBatch(rows, schema);
    expect(checksum([b], false, true)).toBe(checksum([b], false, false));
  });

  it('across pieces of a long batch, and for a dictionary larger than a piece', () => {
    const n = 3 * CHECK_PIECE + 123;
    // NULLs and ops in every piece: the validity and op slices of pieces after the first.
    const rows = Array.from({ length: n }, (_, i) => [
      i % 11 === 0 ? null : i / 3,
      i % 13 === 0 ? null : `k${i}`,
      i,
      i % 2 === 0,
      i * 1000,
      null,
    ]);
    const b = { ...buildBatch(rows, SCHEMA), op: Uint8Array.from(rows, (_, i) => i % 3) };
    expect(checksum([b], false, true)).toBe(checksum([b], false, false));
    expect(checksum([b], true, true)).toBe(checksum([b], true, false));
  });
});
