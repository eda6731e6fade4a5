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
import { streamKey, TWO_POW_32, uniformAt, uniformsFrom } from '../prng';
import { BatchWriter, type OutputColumn } from './batch-writer';
import { type GeneratorDef, type RowBlock, SALT } from './generator-def';
import { createTimeModel, type TimeModel } from './event-time';
import { fillRowNumbers } from './fill-kernel';
import { eventTimeOptions } from './event-time-options';
import { PartitionMembership } from './partition-membership';
import { PartitionScan } from './partition-scan';
import { RankKernel } from './rank-kernel';
import type { PartitionArgs } from './validate';
import { reused, rowsKey } from './reused-parts';
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
/** Rows per scratch block of the general partitioned paths: chunks can span millions of rows, scratch need not. */
const PIECE = 16384;

const timeModels = new Map<string, TimeModel>();
const keySamplers = new Map<string, KeySampler>();

/** The columns a one-partition scan draws: one drawn from a uniform (its levels are then its values), else one from the key. */
function wholeScanColumns(out: readonly OutputColumn[]): OutputColumn[] {
  const drawn = out.filter((c) => c.gen.draw !== undefined && c.nullKey === null);
  const level = drawn.find((c) => c.gen.draw!.from === 'uniform');
  const key = drawn.find((c) => c.gen.draw!.from === 'key');
  return level ? [level] : key ? [key] : [];
}

/** Growable scratch arrays for a block of rows. */
class Block implements RowBlock {
  i = new Float64Array(0);
  ts = new Float64Array(0);
  key = new Int32Array(0);
  from = -1;
  levelKey: number | null = null;
  level = new Int32Array(0);
  /** M(i) before each row: the watermark is this minus d. */
  maxBefore = new Float64Array(0);
  /** i | 0 of the rows, valid after `lowFor` (a getter, not a field that flips between null and an array). */
  private lows = new Int32Array(0);
  private lowsValid = false;
  get low(): Int32Array | null {
    return this.lowsValid ? this.lows : null;
  }
  ensure(n: number): void {
    if (this.i.length >= n) return;
    this.i = new Float64Array(n);
    this.ts = new Float64Array(n);
    this.key = new Int32Array(n);
    this.level = new Int32Array(n);
    this.maxBefore = new Float64Array(n);
    this.lows = new Int32Array(n);
  }
  /** Marks rows [0, n) as from, from + 1, …: `from` says so, `low` is not needed. */
  consecutive(from: number, n: number): void {
    this.from = n > 0 ? from : -1;
    this.lowsValid = false;
  }
  /** The array `low` is read from, for a scan to write rows' i | 0 into; `lowsWritten` then says so. */
  lowsOut(): Int32Array {
    return this.lows;
  }
  /** A scan wrote the rows' i | 0 (all below 2^32) into `lowsOut()`. */
  lowsWritten(): void {
    this.from = -1;
    this.lowsValid = true;
  }
  /** Sets `low` for rows [0, n), which increase: their i | 0 when the last is below 2^32, else null. */
  lowFor(n: number): void {
    this.from = -1;
    const i = this.i;
    this.lowsValid = n === 0 || i[n - 1]! < TWO_POW_32;
    if (!this.lowsValid) return;
    const low = this.lows;
    for (let j = 0; j < n; j++) low[j] = i[j]! | 0;
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
  /** The key column in WebAssembly, when the sampler has an alias table (chosen when the stream is made). */
  private readonly rankKernel: RankKernel | null;
  private readonly rankTable: Int32Array | null;
  /** The fused skip scan, when the partition columns allow it. */
  private readonly fast: PartitionScan | null;
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
    this.time = reused(timeModels, `${rowsKey(o)}|${delay}`, () =>
      createTimeModel(eventTimeOptions(o), delay),
    );
    this.keys = reused(keySamplers, `${o.keys}|${o.skew}`, () => createKeySampler(o.keys, o.skew));
    this.keyKey = streamKey(o.seed, SALT.keyRank);
    this.keyKey2 = this.keyKey ^ Math.imul(1, 0x632be5ab);
    this.rankTable = this.keys.sampleBlock === null ? null : (this.keys.table?.entries ?? null);
    this.rankKernel = this.rankTable === null ? null : RankKernel.shared();
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
    // One partition of a stream with shifted rows: the timed scan draws every row's event time,
    // key rank and the level of one uniform-drawn column in one WebAssembly loop, for less than
    // the three apart (in-order times cost less in JavaScript).
    const scanCols = part.partitions > 1 ? partCols : this.time.clock.shifted ? wholeScanColumns(out) : [];
    const fast = PartitionScan.create(
      scanCols,
      part.partitions,
      part.partition,
      this.keys,
      this.keyKey,
      this.keyKey2,
      true,
      this.time.clock,
    );
    this.fast = part.partitions > 1 || fast?.timed ? fast : null;
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
    if (partitions === 1 && !this.timedScan(cap)) {
      // The scan writes each row's watermark M − d itself: M alone is not needed here.
      this.scanRows(cap, this.wm);
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
    const mine = this.mine;
    mine.ensure(cap);
    mine.levelKey = null;
    const me = this.part.partition;
    const n = this.eachChunk(cap, end, (chunkEnd, n) => {
      // The chunk in pieces of at most PIECE rows: bounded scratch.
      while (this.pos < chunkEnd) {
        const start = this.pos;
        const piece = Math.min(PIECE, chunkEnd - start);
        this.scanRows(piece);
        const member = this.members.of(this.scan, piece);
        const b = this.scan;
        for (let j = 0; j < piece; j++) {
          if (member[j] !== me) continue;
          if (n === cap) {
            // Full: give back the rows from j on.
            this.pos = start + j;
            this.maxTs = b.maxBefore[j]!;
            return n;
          }
          mine.i[n] = b.i[j]!;
          mine.ts[n] = b.ts[j]!;
          mine.key[n] = b.key[j]!;
          this.wm[n] = b.maxBefore[j]! - this.delay;
          n++;
        }
      }
      return n;
    });
    mine.lowFor(n);
    return this.writer.build(mine, this.wm, n, this.maxTs - this.delay);
  }

  /**
   * Partitioned, when no partition column reads event time (the usual case:
   * keys): other partitions' rows cost only what deciding ownership needs —
   * their key rank and partition columns, fused into one loop when
   * `PartitionScan` applies. Event time and the watermark come out of the
   * scan's WebAssembly loop, which visits every row anyway (`timed`), or are
   * derived for this partition's rows alone (`TimeModel.ownRows`). Same rows,
   * times and watermarks as `nextScanned`. One partition's timed scan takes
   * this path too: every row is its own.
   */
  private nextSkipping(cap: number, end: number): ColumnBatch {
    const mine = this.mine;
    mine.ensure(cap + 1);
    const me = this.part.partition;
    // M(p) = mp: the max event time of the rows before p.
    const p = this.pos;
    const mp = this.maxTs;
    const fast = this.fast;
    // The scan's levels stand for a column's values only if it took every row of the batch.
    let scanned = fast !== null;
    // Timed: every chunk of the batch is below 2^31.
    const timed = this.timedScan(cap);
    if (timed) fast!.maxTs = mp;
    const ts = timed ? mine.ts : undefined;
    const wm = timed ? this.wm : undefined;
    // Several partitions: own rows have gaps, and their draws read counters i | 0, which the scan writes too.
    const lows = this.part.partitions > 1 ? mine.lowsOut() : undefined;
    const n = this.eachChunk(cap, end, (chunkEnd, n) => {
      if (fast !== null && chunkEnd <= TWO_POW_32) {
        this.pos = fast.scan(this.pos, chunkEnd, n, cap, mine.i, mine.key, mine.level, ts, wm, lows);
        return fast.count;
      }
      scanned = false;
      while (this.pos < chunkEnd) {
        const start = this.pos;
        const piece = Math.min(PIECE, chunkEnd - start);
        this.scanKeys(piece);
        const member = this.members.of(this.scan, piece);
        const key = this.scan.key;
        for (let j = 0; j < piece; j++) {
          if (member[j] !== me) continue;
          if (n === cap) {
            this.pos = start + j;
            return n;
          }
          mine.i[n] = start + j;
          mine.key[n] = key[j]!;
          n++;
        }
        this.pos = start + piece;
      }
      return n;
    });
    // One partition takes every row: consecutive, the cheaper block form for counter draws.
    if (this.part.partitions === 1) mine.consecutive(p, n);
    else if (scanned) mine.lowsWritten();
    else mine.lowFor(n);
    mine.levelKey = scanned ? fast!.levelKey : null;
    if (timed) this.maxTs = fast!.maxTs;
    else {
      const last = this.time.ownRows(mine, n, p, mp, mine.ts, this.wm);
      this.maxTs = this.time.maxFrom(n > 0 ? mine.i[n - 1]! + 1 : p, last, this.pos);
    }
    return this.writer.build(mine, this.wm, n, this.maxTs - this.delay);
  }

  /** Whether the partition scan gives event times for a batch of at most cap rows from here (every chunk below 2^31). */
  private timedScan(cap: number): boolean {
    return this.fast !== null && this.fast.timed && this.pos + this.maxScan(cap) < 2 ** 31;
  }

  /** The most rows `eachChunk` scans for one batch of at most cap rows. */
  private maxScan(cap: number): number {
    return cap * this.part.partitions * SCAN_FACTOR;
  }

  /**
   * The scan of one partitioned batch, in chunks sized by the rows still
   * wanted ((cap − n) · partitions + 64), at most cap · partitions ·
   * SCAN_FACTOR rows in all. `chunk(chunkEnd, n)` scans from `pos` towards
   * chunkEnd, taking own rows from n on, and returns the new n; it stops
   * early only when full, at the first own row it cannot take. A batch ends
   * at the end of the chunk in which it filled up (or at that row), so these
   * sizes fix each batch's `wmAfter`: they must not change.
   */
  private eachChunk(cap: number, end: number, chunk: (chunkEnd: number, n: number) => number): number {
    const partitions = this.part.partitions;
    const maxScan = this.maxScan(cap);
    let n = 0;
    let scanned = 0;
    while (n < cap && this.pos < end && scanned < maxScan) {
      const size = Math.min((cap - n) * partitions + 64, maxScan - scanned, end - this.pos);
      const chunkEnd = this.pos + size;
      n = chunk(chunkEnd, n);
      if (this.pos < chunkEnd) break;
      scanned += size;
    }
    return n;
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
    b.from = pos;
    fillRowNumbers(b.i, pos, count);
    this.keysFrom(pos, count, b.key);
  }

  /** Key ranks of rows [pos, pos + count) into out. */
  private keysFrom(pos: number, count: number, out: Int32Array): void {
    if (this.rankKernel !== null && pos + count <= TWO_POW_32) {
      this.rankKernel.ranks(this.rankTable!, pos, count, this.keyKey, this.keyKey2, out);
      return;
    }
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

  /**
   * Scans `count` rows from `pos` into the scan block: seq, event time, key rank, and M before
   * each row — or, given `wm`, the watermark M − d into it instead.
   */
  private scanRows(count: number, wm?: Float64Array): void {
    const b = this.scan;
    b.ensure(count);
    this.ensureScratch(count);
    const pos = this.pos;
    this.maxTs =
      wm === undefined
        ? this.time.scan(pos, count, this.maxTs, b.ts, b.maxBefore, this.u0, 0)
        : this.time.scan(pos, count, this.maxTs, b.ts, wm, this.u0, this.delay);
    b.from = pos;
    fillRowNumbers(b.i, pos, count);
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
