/**
 * A generated stream as a batch source. It scans global rows in order from
 * `startRow`; with several partitions it evaluates only the partition columns
 * of rows that belong elsewhere, yet keeps the running max event time of the
 * whole stream, so every row carries its original `seq` and the global W(i).
 */
import type { ColumnBatch } from '../../core/batch';
import type { GeneratorOptions } from '../../core/stream-options';
import type { Schema } from '../../core/types';
import type { SourceSpec } from '../../plan/physical-plan';
import type { BatchSource } from '../batch-source';
import { streamKey, uniformAt, uniformsFrom } from '../prng';
import { BatchWriter, type OutputColumn } from './batch-writer';
import { type GeneratorDef, type RowBlock, SALT } from './generator-def';
import { createTimeModel, type TimeModel } from './event-time';
import { PartitionMembership } from './partition-membership';
import type { PartitionArgs } from './validate';
import { createKeySampler, type KeySampler } from './zipf';

/** The batch-source contract plus what pacing drivers need. */
export interface GeneratorSource extends BatchSource {
  /** `spec.columns`: the schema of every batch. */
  readonly schema: Schema;
  /** The stream's wall-clock rate for drivers that pace (0 = as fast as possible). Event time never depends on it. */
  readonly rowsPerSecond: number;
  /** Rows in the whole stream (all partitions), or null when unbounded. */
  readonly total: number | null;
  /** The next global row index this source will look at. */
  readonly position: number;
}

/** Bounds the rows scanned per `next` when a partition gets few rows, so an unbounded stream still yields (maybe empty) batches. */
const SCAN_FACTOR = 4;

/** Growable scratch arrays for a block of rows. */
class Block implements RowBlock {
  i = new Float64Array(0);
  ts = new Float64Array(0);
  key = new Int32Array(0);
  from = -1;
  /** M(i) before each row: the watermark is this minus d. */
  maxBefore = new Float64Array(0);
  ensure(n: number): void {
    if (this.i.length >= n) return;
    this.i = new Float64Array(n);
    this.ts = new Float64Array(n);
    this.key = new Int32Array(n);
    this.maxBefore = new Float64Array(n);
  }
}

export class GeneratedStream implements GeneratorSource {
  readonly schema: Schema;
  readonly rowsPerSecond: number;
  readonly total: number | null;
  readonly bounded: boolean;
  private pos: number;
  /** M(pos): max event time of rows 0…pos−1 (late rows never raise it). */
  private maxTs: number;
  private readonly time: TimeModel;
  private readonly keys: KeySampler;
  private readonly keyKey: number;
  private readonly keyKey2: number;
  private readonly writer: BatchWriter;
  private readonly members: PartitionMembership;
  /** A partition column reads event time, so other partitions' rows need it too. */
  private readonly partNeedsTime: boolean;
  private readonly nullRate: number;
  /** Every scanned row (all partitions). */
  private readonly scan = new Block();
  /** The rows of this partition (partitioned runs only). */
  private readonly mine = new Block();
  private wm = new Float64Array(0);

  constructor(
    spec: SourceSpec,
    o: GeneratorOptions,
    def: GeneratorDef,
    columnIndex: readonly number[],
    private readonly part: PartitionArgs,
    private readonly delay: number,
  ) {
    this.schema = spec.columns;
    this.rowsPerSecond = o.rows_per_second;
    this.total = o.total;
    this.bounded = o.total !== null;
    this.nullRate = o.null_rate;
    this.time = createTimeModel(o, delay);
    this.keys = createKeySampler(o.keys, o.skew);
    this.keyKey = streamKey(o.seed, SALT.keyRank);
    this.keyKey2 = this.keyKey ^ Math.imul(1, 0x632be5ab);
    // NULLs: only nullable, non-key, non-time columns, keyed by the column's
    // place in the generator so pruning other columns changes nothing.
    const keyName = def.stream.keyColumn;
    const nullKeyOf = (g: number): number | null => {
      const field = def.stream.columns.find((f) => f.name === def.columns[g]!.name);
      const eligible =
        o.null_rate > 0 &&
        field !== undefined &&
        field.nullable &&
        field.name !== keyName &&
        field.name !== 'ts';
      return eligible ? streamKey(o.seed, SALT.nullBase + g) : null;
    };
    const out: OutputColumn[] = columnIndex.map((g, c) => ({
      gen: def.columns[g]!,
      type: spec.columns[c]!.type,
      nullKey: nullKeyOf(g),
    }));
    this.writer = new BatchWriter(out, o.null_rate);
    const partCols = part.partitionColumns.map((c) => ({
      gen: def.columns[columnIndex[c]!]!,
      nullKey: nullKeyOf(columnIndex[c]!),
    }));
    this.members = new PartitionMembership(partCols, part.partitions, o.null_rate);
    this.partNeedsTime = partCols.some((pc) => pc.gen.readsTime);
    this.pos = part.startRow;
    this.maxTs = part.startRow === 0 ? -Infinity : this.time.maxBefore(part.startRow);
  }

  get position(): number {
    return this.pos;
  }

  next(maxRows: number): ColumnBatch | null {
    if (!(maxRows >= 1)) throw new Error(`next(maxRows) needs maxRows ≥ 1, got ${maxRows}`);
    const end = this.total ?? Infinity;
    if (this.pos >= end) return null;
    const cap = Math.min(maxRows, end - this.pos);
    const partitions = this.part.partitions;
    if (this.wm.length < cap) this.wm = new Float64Array(cap);
    if (partitions === 1) {
      this.scanRows(cap);
      const mb = this.scan.maxBefore;
      const wm = this.wm;
      const delay = this.delay;
      for (let j = 0; j < cap; j++) wm[j] = mb[j]! - delay;
      return this.writer.build(this.scan, this.wm, cap, this.maxTs - this.delay);
    }
    return this.partNeedsTime ? this.nextScanned(cap, end) : this.nextSkipping(cap, end);
  }

  /**
   * Partitioned, when a partition column reads event time: every scanned row
   * gets its time, key and partition; this partition keeps its own. Scans in
   * chunks and stops at `cap` rows (or after a bounded scan, so a starved
   * partition still reports time).
   */
  private nextScanned(cap: number, end: number): ColumnBatch {
    const partitions = this.part.partitions;
    const maxScan = cap * partitions * SCAN_FACTOR;
    const mine = this.mine;
    mine.ensure(cap);
    let n = 0;
    let scanned = 0;
    while (n < cap && this.pos < end && scanned < maxScan) {
      const chunk = Math.min((cap - n) * partitions + 64, maxScan - scanned, end - this.pos);
      const start = this.pos;
      this.scanRows(chunk);
      const member = this.members.of(this.scan, chunk);
      const b = this.scan;
      let j = 0;
      for (; j < chunk; j++) {
        if (member[j] !== this.part.partition) continue;
        if (n === cap) break;
        mine.i[n] = b.i[j]!;
        mine.ts[n] = b.ts[j]!;
        mine.key[n] = b.key[j]!;
        this.wm[n] = b.maxBefore[j]! - this.delay;
        n++;
      }
      if (j < chunk) {
        // Full: give back the rows from j on.
        this.pos = start + j;
        this.maxTs = b.maxBefore[j]!;
        break;
      }
      scanned += chunk;
    }
    return this.writer.build(mine, this.wm, n, this.maxTs - this.delay);
  }

  /**
   * Partitioned, when no partition column reads event time (the usual case:
   * keys): other partitions' rows cost only their key rank and partition
   * columns, what deciding ownership needs. Event time and the watermark are
   * derived for this partition's rows alone: M(i) comes from the previous own
   * row's M and a scan back over the rows in between, which stops at the
   * first in-order row (rows only ever move backwards in time, so nothing
   * earlier can exceed it). Same rows, times and watermarks as `nextScanned`.
   */
  private nextSkipping(cap: number, end: number): ColumnBatch {
    const partitions = this.part.partitions;
    const maxScan = cap * partitions * SCAN_FACTOR;
    const mine = this.mine;
    mine.ensure(cap);
    this.ensureScratch(cap);
    const me = this.part.partition;
    let n = 0;
    let scanned = 0;
    // M(p) = mp: the max event time of the rows before p.
    let p = this.pos;
    let mp = this.maxTs;
    while (n < cap && this.pos < end && scanned < maxScan) {
      const chunk = Math.min((cap - n) * partitions + 64, maxScan - scanned, end - this.pos);
      const start = this.pos;
      this.scanKeys(chunk);
      const member = this.members.of(this.scan, chunk);
      // Class draws of the whole chunk in one block: cheaper than drawing them for own rows and their predecessors apart.
      if (this.uc.length < chunk) this.uc = new Float64Array(chunk);
      this.time.classUniforms(start, chunk, this.uc);
      const key = this.scan.key;
      const first = n;
      const mi = mine.i;
      const mk = mine.key;
      let j = 0;
      for (; j < chunk; j++) {
        if (member[j] !== me) continue;
        if (n === cap) break;
        mi[n] = start + j;
        mk[n] = key[j]!;
        n++;
      }
      if (n > first) {
        const own = n - first;
        mp = this.time.ownRows(
          mi.subarray(first, n),
          own,
          p,
          mp,
          mine.ts.subarray(first, n),
          this.wm.subarray(first, n),
          this.uc,
          start,
        );
        p = mi[n - 1]! + 1;
      }
      this.pos = start + j;
      if (j < chunk) break;
      scanned += chunk;
    }
    this.maxTs = this.time.maxFrom(p, mp, this.pos);
    return this.writer.build(mine, this.wm, n, this.maxTs - this.delay);
  }

  private ensureScratch(count: number): void {
    if (this.u0.length >= count) return;
    this.u0 = new Float64Array(count);
    this.u1 = new Float64Array(count);
  }

  /** Seq and key rank of `count` rows from `pos` (no event time), into the scan block. */
  private scanKeys(count: number): void {
    const b = this.scan;
    b.ensure(count);
    const pos = this.pos;
    const bi = b.i;
    for (let j = 0; j < count; j++) bi[j] = pos + j;
    b.from = pos;
    this.keysFrom(pos, count, b.key);
  }

  /** Key ranks of rows [pos, pos + count) into out. */
  private keysFrom(pos: number, count: number, out: Int32Array): void {
    const block = this.keys.sampleBlock;
    if (block === null) {
      for (let j = 0; j < count; j++) out[j] = this.sampleKey(pos + j);
      return;
    }
    this.ensureScratch(count);
    uniformsFrom(this.keyKey, pos, count, this.u0);
    uniformsFrom(this.keyKey2, pos, count, this.u1);
    block(this.u0, this.u1, count, out);
  }
  private u0 = new Float64Array(0);
  private u1 = new Float64Array(0);
  /** Class draws of the rows of a chunk (partition-local runs). */
  private uc = new Float64Array(0);

  /** Scans `count` rows from `pos` into the scan block: seq, event time, M before, key rank. */
  private scanRows(count: number): void {
    const b = this.scan;
    b.ensure(count);
    this.ensureScratch(count);
    const pos = this.pos;
    this.maxTs = this.time.scan(pos, count, this.maxTs, b.ts, b.maxBefore, this.u0);
    const bi = b.i;
    for (let j = 0; j < count; j++) bi[j] = pos + j;
    b.from = pos;
    this.keysFrom(pos, count, b.key);
    this.pos = pos + count;
  }

  /** Rejection sampling takes extra uniforms from neighbouring salts of the same row. */
  private sampleKey(i: number): number {
    const key = this.keyKey;
    return this.keys.sample((attempt) =>
      attempt === 0 ? uniformAt(key, i) : uniformAt(key ^ Math.imul(attempt, 0x632be5ab), i),
    );
  }
}
