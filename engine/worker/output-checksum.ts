/**
 * Order-insensitive checksum of output rows: the sum (two independent 32-bit
 * lanes) of a hash per row over its values and op. Sums combine across
 * workers in any order, so each worker checksums its own outputs where they
 * are and the orchestrator adds the parts: equal multisets, equal checksums.
 */
import { isValid, type Column, type ColumnBatch } from '../core/batch';
import { decodeDictionary } from '../core/batch-rows';
import { combineHash, hashNumber, hashString, NULL_HASH } from '../core/partition-hash';

const SEED_A = 0x243f6a88;
const SEED_B = 0x13198a2e;

function hasher(c: Column, seed: number): (i: number) => number {
  switch (c.type) {
    case 'NULL':
      return () => NULL_HASH;
    case 'VARCHAR': {
      const dict = decodeDictionary(c).map((s) => hashString(s, seed));
      return (i) => (isValid(c.valid, i) ? dict[c.codes[i]!]! : NULL_HASH);
    }
    case 'BOOLEAN':
      return (i) => (isValid(c.valid, i) ? hashNumber(c.data[i]!, seed) : NULL_HASH);
    default:
      return (i) => (isValid(c.valid, i) ? hashNumber(c.data[i]!, seed) : NULL_HASH);
  }
}

export class OutputChecksum {
  private a = 0;
  private b = 0;
  rows = 0;

  add(batch: ColumnBatch): void {
    const n = batch.length;
    const ha = batch.columns.map((c) => hasher(c, SEED_A));
    const hb = batch.columns.map((c) => hasher(c, SEED_B));
    const op = batch.op;
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < n; i++) {
      const o = op === null ? 0 : op[i]!;
      let x = SEED_A ^ o;
      let y = SEED_B ^ o;
      for (let c = 0; c < ha.length; c++) {
        x = combineHash(x, ha[c]!(i));
        y = combineHash(y, hb[c]!(i));
      }
      a = (a + x) >>> 0;
      b = (b + y) >>> 0;
    }
    this.a = a;
    this.b = b;
    this.rows += n;
  }

  /** `rows:hex`, e.g. `1234:0a1b2c3d4e5f6071`. */
  get value(): string {
    return formatChecksum(this.rows, this.a, this.b);
  }
}

function formatChecksum(rows: number, a: number, b: number): string {
  return `${rows}:${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** Adds per-worker parts (empty parts are workers that reported nothing). */
export function combineChecksums(parts: readonly string[]): string {
  let rows = 0;
  let a = 0;
  let b = 0;
  for (const p of parts) {
    const m = /^(\d+):([0-9a-f]{8})([0-9a-f]{8})$/.exec(p);
    if (!m) continue;
    rows += Number(m[1]);
    a = (a + parseInt(m[2]!, 16)) >>> 0;
    b = (b + parseInt(m[3]!, 16)) >>> 0;
  }
  return formatChecksum(rows, a, b);
}
