/**
 * An order-independent checksum over the multiset of output rows, so that
 * benchmarks can compare variants without sorting. Each row hashes its values
 * in column order (strings by value, never by dictionary code; numbers
 * quantised to ~1e-9 relative so summation order cannot change them); row
 * hashes are summed, which ignores order.
 */
import type { ColumnBatch } from '../core/batch';
import { combineHash, hashNumber, hashString, NULL_HASH } from '../core/partition-hash';
import { dictionaryOf } from '../expr/compile-kernel';
import { CHECK_PIECE, ChecksumKernel } from './checksum-kernel';
import { POW2, POW2_BIAS } from './pow2';

/** The definition: 30 significant bits ≈ 1e-9 relative. Exported for the test that pins `quantise` to it. */
export function quantiseByLog(x: number): number {
  if (Number.isInteger(x) || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log2(Math.abs(x)));
  return Math.round(x * Math.pow(2, 29 - e)) * Math.pow(2, e - 29);
}

// The same, reading the exponent from the double's bits: Math.log2 and two Math.pow per value
// were ~30% of a direct worker's CPU on S2. The platforms we run on are little-endian, so word 1
// holds the sign, the exponent and the top 20 mantissa bits.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

export function quantise(x: number): number {
  if (Number.isInteger(x) || !Number.isFinite(x)) return x;
  bits[0] = x;
  const hi = words[1]!;
  const biased = (hi >>> 20) & 0x7ff;
  // Subnormals, and mantissas so close to the next power of two that Math.log2 may round up: the definition.
  if (biased === 0 || (hi & 0xfffff) === 0xfffff) return quantiseByLog(x);
  const e = biased - 1023;
  return Math.round(x * POW2[29 - e + POW2_BIAS]!) * POW2[e - 29 + POW2_BIAS]!;
}

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class OutputChecksum {
  private a = 0;
  private b = 0;
  rows = 0;

  /** Adds every row of a batch (with its op when `withOp`). */
  add(batch: ColumnBatch, withOp = false): void {
    const kernel = batch.length > 0 ? ChecksumKernel.shared() : null;
    if (kernel !== null) this.addByKernel(kernel, batch, withOp);
    else this.addInJs(batch, withOp);
    this.rows += batch.length;
  }

  /** The same hashes in the kernel's memory, a piece at a time: its result is `addInJs`'s. */
  private addByKernel(k: ChecksumKernel, batch: ColumnBatch, withOp: boolean): void {
    const n = batch.length;
    const x = k.x;
    // Every string column's dictionary hashes side by side in the kernel's memory, once per batch.
    const dictAt: number[] = [];
    let entries = 0;
    const hashes = batch.columns.map((c, ci) => {
      if (c.type !== 'VARCHAR') return null;
      dictAt[ci] = entries;
      const hs = dictionaryOf(c).map((s) => hashString(s));
      entries += hs.length;
      return hs;
    });
    const dict = k.dictFor(entries);
    hashes.forEach((hs, ci) => hs && dict.set(hs, dictAt[ci]));
    for (let p = 0; p < n; p += CHECK_PIECE) {
      const m = Math.min(CHECK_PIECE, n - p);
      x.reset(m);
      batch.columns.forEach((c, ci) => {
        if (c.type === 'NULL') return x.nulls(m);
        const hasValid = c.valid === null ? 0 : 1;
        if (c.valid !== null) k.valid.set(c.valid.subarray(p >> 3, (p + m + 7) >> 3));
        if (c.type === 'VARCHAR') {
          k.codes.set(c.codes.subarray(p, p + m));
          return x.strings(m, hasValid, 4 * dictAt[ci]!);
        }
        k.data.set(c.data.subarray(p, p + m));
        // The kernel stops at a value only the definition (Math.log2) quantises: hashed here, then on.
        for (let j = x.numbers(0, m, hasValid); j < m; j = x.numbers(j + 1, m, hasValid))
          k.hashes[j] = combineHash(k.hashes[j]!, hashNumber(quantise(k.data[j]!)));
      });
      let ops = 0;
      if (withOp && batch.op === null) ops = 1;
      else if (withOp) {
        k.ops.set(batch.op!.subarray(p, p + m));
        ops = 2;
      }
      x.finish(m, ops);
      this.a = (this.a + x.sa.value) >>> 0;
      this.b = (this.b + x.sb.value) >>> 0;
    }
  }

  private addInJs(batch: ColumnBatch, withOp: boolean): void {
    const n = batch.length;
    const h = new Uint32Array(n);
    for (const c of batch.columns) {
      if (c.type === 'VARCHAR') {
        const hs = dictionaryOf(c).map((s) => hashString(s));
        for (let i = 0; i < n; i++) {
          const ok = c.valid === null || (c.valid[i >> 3]! & (1 << (i & 7))) !== 0;
          h[i] = combineHash(h[i]!, ok ? hs[c.codes[i]!]! : NULL_HASH);
        }
      } else if (c.type === 'NULL') {
        for (let i = 0; i < n; i++) h[i] = combineHash(h[i]!, NULL_HASH);
      } else {
        for (let i = 0; i < n; i++) {
          const ok = c.valid === null || (c.valid[i >> 3]! & (1 << (i & 7))) !== 0;
          h[i] = combineHash(h[i]!, ok ? hashNumber(quantise(c.data[i]!)) : NULL_HASH);
        }
      }
    }
    for (let i = 0; i < n; i++) {
      let x = h[i]!;
      if (withOp) x = combineHash(x, batch.op === null ? 0 : batch.op[i]!);
      this.a = (this.a + finalise(x)) >>> 0;
      this.b = (this.b + finalise(x ^ 0x5bd1e995)) >>> 0;
    }
  }

  /** 16 hex digits. */
  get hex(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
  }
}

export function checksumBatches(batches: readonly ColumnBatch[], withOp = false): string {
  const c = new OutputChecksum();
  for (const b of batches) c.add(b, withOp);
  return c.hex;
}
