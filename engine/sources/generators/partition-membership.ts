/**
 * Which partition each scanned row belongs to: round-robin by seq, or the row
 * hash of the partition columns' values (the same hash the engine's scatter
 * uses). Partition columns usually take few distinct values (keys, traders,
 * sites), so the partition of each combination of small values is memoised
 * in a flat table: most rows cost one lookup instead of hashing every column.
 */
import { combineHash, partitionOfHash } from '../../core/partition-hash';
import { type ColumnGen, type RowBlock, uniformsOf } from './generator-def';
import { generatedValueHash, ROW_HASH_START } from './partition-of';

export interface PartitionColumn {
  readonly gen: ColumnGen;
  /** Stream key of the column's NULL draws, or null when it is never NULL. */
  readonly nullKey: number | null;
}

/** Numbers below this (whole, ≥ 0) take part in the memo; larger or fractional values are hashed. */
const NUMBER_LIMIT = 1 << 16;
/** Largest memo table (entries). */
export const MEMO_LIMIT = 1 << 22;

export class PartitionMembership {
  private out = new Uint32Array(0);
  private nullU = new Float64Array(0);
  private readonly values: Float64Array[];
  /** Per column: values 0 … limit−1 get memo codes 1 … limit (0 = NULL); the memo index mixes them by `stride`. */
  private readonly limit: number[];
  private readonly stride: number[];
  /** Partition + 1 of each memoised value combination (0 = not computed yet); null when the product is too large. */
  private readonly memo: Uint16Array | null;

  constructor(
    private readonly cols: readonly PartitionColumn[],
    private readonly partitions: number,
    private readonly nullRate: number,
  ) {
    this.values = cols.map(() => new Float64Array(0));
    this.limit = cols.map((c) => (c.gen.domain ? c.gen.domain.size : NUMBER_LIMIT));
    this.stride = [];
    let size = 1;
    for (let c = cols.length - 1; c >= 0; c--) {
      this.stride[c] = size;
      size *= this.limit[c]! + 1;
    }
    this.memo = cols.length > 0 && size <= MEMO_LIMIT && partitions < 65535 ? new Uint16Array(size) : null;
  }

  /** Partition of rows [0, count) of the block (valid until the next call). */
  of(b: RowBlock, count: number): Uint32Array {
    if (this.out.length < count) this.out = new Uint32Array(count);
    const out = this.out;
    const partitions = this.partitions;
    if (this.cols.length === 0) {
      for (let j = 0; j < count; j++) out[j] = b.i[j]! % partitions;
      return out;
    }
    for (let c = 0; c < this.cols.length; c++) {
      const pc = this.cols[c]!;
      if (this.values[c]!.length < count) this.values[c] = new Float64Array(count);
      const v = this.values[c]!;
      pc.gen.fill(b, count, v);
      // NULL as NaN: never a memo code, and the hash path checks it first.
      if (pc.nullKey !== null) {
        if (this.nullU.length < count) this.nullU = new Float64Array(count);
        const u = this.nullU;
        uniformsOf(pc.nullKey, b, count, u);
        for (let j = 0; j < count; j++) if (u[j]! < this.nullRate) v[j] = NaN;
      }
    }
    const memo = this.memo;
    if (memo === null) {
      for (let j = 0; j < count; j++) out[j] = this.hashed(j);
      return out;
    }
    const k = this.cols.length;
    if (k <= 2) {
      // One or two columns (the usual keys): whole numbers in range index the memo directly.
      const v0 = this.values[0]!;
      const v1 = k === 2 ? this.values[1]! : v0;
      const l0 = this.limit[0]!;
      const l1 = k === 2 ? this.limit[1]! : 1;
      const s0 = this.stride[0]!;
      for (let j = 0; j < count; j++) {
        const x0 = v0[j]!;
        const x1 = k === 2 ? v1[j]! : 0;
        if (x0 >= 0 && x0 < l0 && (x0 | 0) === x0 && x1 >= 0 && x1 < l1 && (x1 | 0) === x1) {
          const at = (x0 + 1) * s0 + (k === 2 ? x1 + 1 : 0);
          const p = memo[at]!;
          out[j] = p !== 0 ? p - 1 : (memo[at] = this.hashed(j) + 1) - 1;
        } else out[j] = this.memoised(j);
      }
      return out;
    }
    for (let j = 0; j < count; j++) out[j] = this.memoised(j);
    return out;
  }

  /** Row j's partition through the memo when its values have codes, else hashed. */
  private memoised(j: number): number {
    const memo = this.memo!;
    let at = 0;
    for (let c = 0; c < this.cols.length; c++) {
      const x = this.values[c]![j]!;
      let code: number;
      if (x !== x) code = 0;
      else if (x >= 0 && x < this.limit[c]! && Math.floor(x) === x)
        code = x + 1; // -0 hashes as 0, so it may share 0's code
      else return this.hashed(j);
      at += code * this.stride[c]!;
    }
    let p = memo[at]!;
    if (p === 0) p = memo[at] = this.hashed(j) + 1;
    return p - 1;
  }

  /** The row hash of row j's partition values → its partition. */
  private hashed(j: number): number {
    let h = ROW_HASH_START;
    for (let c = 0; c < this.cols.length; c++)
      h = combineHash(h, generatedValueHash(this.cols[c]!.gen.domain, this.values[c]![j]!));
    return partitionOfHash(h, this.partitions);
  }
}
