/**
 * A generated stream as a batch source. It scans global rows in order from
 * `startRow`; with several partitions it evaluates only the partition columns
 * of rows that belong elsewhere, yet keeps the running max event time of the
 * whole stream, so every row carries its original `seq` and the global W(i).
 */
import type { ColumnBatch } from '../../core/batch';
import { hashNumber, NULL_HASH, partitionOfHash, combineHash } from '../../core/partition-hash';
import type { GeneratorOptions } from '../../core/stream-options';
import type { Schema } from '../../core/types';
import type { SourceSpec } from '../../plan/physical-plan';
import type { BatchSource } from '../batch-source';
import { streamKey, uniformAt } from '../prng';
import { BatchWriter, type OutputColumn } from './batch-writer';
import { type ColumnGen, type GeneratorDef, type RowContext, SALT } from './generator-def';
import { createTimeModel, IN_ORDER, LATE, type TimeModel } from './event-time';
import { ROW_HASH_START } from './partition-of';
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

interface PartCol {
  readonly gen: ColumnGen;
  readonly nullKey: number | null;
}

export class GeneratedStream implements GeneratorSource {
  readonly schema: Schema;
  readonly rowsPerSecond: number;
  readonly total: number | null;
  readonly bounded: boolean;
  private pos: number;
  /** M(pos): max event time of rows 0…pos−1 (late rows never raise it). */
  private maxTs: number;
  private readonly row: RowContext = { i: 0, ts: 0, key: 0 };
  private readonly time: TimeModel;
  private readonly keys: KeySampler;
  private readonly keyKey: number;
  private readonly writer: BatchWriter;
  private readonly outNullKeys: (number | null)[];
  private readonly isNull: boolean[];
  private readonly partCols: PartCol[];
  private readonly nullRate: number;

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
    // NULLs: only nullable, non-key, non-time columns, keyed by the column's
    // place in the generator so pruning other columns changes nothing.
    const keyName = def.stream.keyColumn;
    const nullKeyOf = (g: number): number | null => {
      const field = def.stream.columns.find((f) => f.name === def.columns[g]!.name);
      const eligible = o.null_rate > 0 && field !== undefined && field.nullable && field.name !== keyName && field.name !== 'ts';
      return eligible ? streamKey(o.seed, SALT.nullBase + g) : null;
    };
    const out: OutputColumn[] = columnIndex.map((g, c) => ({ gen: def.columns[g]!, type: spec.columns[c]!.type, nullKey: nullKeyOf(g) }));
    this.outNullKeys = out.map((c) => c.nullKey);
    this.isNull = out.map(() => false);
    this.writer = new BatchWriter(out);
    this.partCols = part.partitionColumns.map((c) => ({ gen: def.columns[columnIndex[c]!]!, nullKey: nullKeyOf(columnIndex[c]!) }));
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
    const { partition, partitions } = this.part;
    const maxScan = partitions > 1 ? cap * partitions * SCAN_FACTOR : cap;
    this.writer.begin(cap, this.outNullKeys.map((k) => k !== null));
    const { row, time, delay } = this;
    const roundRobin = partitions > 1 && this.partCols.length === 0;
    let n = 0;
    let scanned = 0;
    while (n < cap && this.pos < end && scanned < maxScan) {
      const i = this.pos++;
      scanned++;
      const cls = time.classOf(i);
      const ts = cls === IN_ORDER ? time.base(i) : cls === LATE ? time.lateTs(i, this.maxTs) : time.movedTs(i);
      const wm = this.maxTs - delay;
      if (cls !== LATE && ts > this.maxTs) this.maxTs = ts;
      if (partitions > 1) {
        if (roundRobin ? i % partitions !== partition : this.partitionOf(i, ts) !== partition) continue;
      }
      row.i = i;
      row.ts = ts;
      row.key = this.keyRank(i);
      if (this.nullRate > 0) for (let c = 0; c < this.isNull.length; c++) this.isNull[c] = this.nullAt(this.outNullKeys[c]!, i);
      this.writer.write(n++, row, wm, this.isNull);
    }
    return this.writer.finish(n, this.maxTs - delay);
  }

  private keyRank(i: number): number {
    const k = this.keys;
    const key = this.keyKey;
    if (k.sampleOne) return k.sampleOne(uniformAt(key, i));
    // Extra uniforms for rejection sampling come from neighbouring salts of the same row.
    return k.sample((attempt) => (attempt === 0 ? uniformAt(key, i) : uniformAt(key ^ Math.imul(attempt, 0x632be5ab), i)));
  }

  private nullAt(nullKey: number | null, i: number): boolean {
    return nullKey !== null && uniformAt(nullKey, i) < this.nullRate;
  }

  private partitionOf(i: number, ts: number): number {
    const row = this.row;
    row.i = i;
    row.ts = ts;
    row.key = this.keyRank(i);
    let acc = ROW_HASH_START;
    for (const pc of this.partCols) {
      let h: number;
      if (this.nullAt(pc.nullKey, i)) h = NULL_HASH;
      else {
        const v = pc.gen.value(row);
        h = pc.gen.domain ? pc.gen.domain.hash(v) : hashNumber(v);
      }
      acc = combineHash(acc, h);
    }
    return partitionOfHash(acc, this.part.partitions);
  }
}
