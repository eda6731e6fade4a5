/**
 * The fast skip scan of partition-local generation. When every partition
 * column is decided by the key rank alone (symbol, customer, site) or, for at
 * most one of them, by one uniform draw of the row (trader, page), whether a
 * row is this partition's is one load from a table over (key rank × level).
 * The loop draws the key rank's two uniforms and the level's one inline and
 * keeps nothing of other partitions' rows: skipping a row allocates nothing
 * and calls nothing, and with few partitions branches on no draw. With few
 * partitions the loop runs as WebAssembly SIMD where it can (`ScanKernel`):
 * same rows, a third of the time. Other partition columns take the general
 * path (`PartitionMembership`).
 */
import { combineHash, partitionOfHash } from '../../core/partition-hash';
import { hashLow, TWO_POW_MINUS_32 } from '../prng';
import type { TimeClock } from './event-time';
import type { ColumnDraw } from './generator-def';
import { MEMO_LIMIT, type PartitionColumn } from './partition-membership';
import { generatedValueHash, ROW_HASH_START } from './partition-of';
import { LEVEL_CELLS, ScanKernel } from './scan-kernel';
import { type AliasTable, type KeySampler, pickRank } from './zipf';

type UniformDraw = Extract<ColumnDraw, { from: 'uniform' }>;

/** A level draw is tabulated by its top 12 bits (`scan` shifts by the literal 20). */
const CELL_SHIFT = 20;
/** `owns` entries: not this partition's, this partition's (the 0 and 1 `scan` adds), not known yet. */
const OTHER = 0;
const MINE = 1;
const UNKNOWN = 2;
/**
 * From this many partitions on, most rows (≥ (7/8)² ≈ 77 %) have neither of
 * the two ranks their coin chooses between in this partition: the scan then
 * tests that first and skips the coin draw. With fewer, the test is a branch
 * the CPU mispredicts too often to pay.
 */
const SPARSE = 8;
/**
 * Tables up to this many (rank × level) entries are filled when the scan is
 * made: nearly all of them turn up within the first rows anyway, and each
 * met on the way would stop the loop to learn it.
 */
const EAGER = 1 << 14;

export class PartitionScan {
  /** Own rows taken by the last `scan`, counting those already in the output. */
  count = 0;
  /** The stream key of the uniform draw whose levels `scan` writes, or null when no partition column has one. */
  get levelKey(): number | null {
    return this.level?.key ?? null;
  }
  /** Whether the WebAssembly loop serves this scan. */
  get usesWasm(): boolean {
    return this.kernel !== null;
  }
  /** Whether `scan` can give own rows' event times and watermarks (the WebAssembly loop, made with a clock). */
  get timed(): boolean {
    return this.kernel?.timed ?? false;
  }
  /** A timed scan's M: the max event time of the rows before the next one it scans (set it for a new start). */
  get maxTs(): number {
    return this.kernel!.maxTs;
  }
  set maxTs(m: number) {
    this.kernel!.maxTs = m;
  }
  private readonly levels: number;
  /** OTHER, MINE or UNKNOWN for (rank · levels + level), filled as rows meet them. */
  private readonly owns: Uint8Array;
  /**
   * Per cell c of draws (bits >>> CELL_SHIFT = c): the level of its draws,
   * or, when `value` steps inside the cell, `levels` + the level below the
   * step; draws from cut[c] on are one level higher. `value` is
   * non-decreasing, so the ends of a cell bound every draw in it.
   */
  private readonly cells: Uint16Array;
  private readonly cut: Uint32Array;
  /**
   * With many partitions: for (alias column · levels + level), OTHER when
   * neither the column's rank nor its alias is this partition's at that
   * level, which spares most rows their coin draw; else MINE (ask the coin)
   * or UNKNOWN.
   */
  private readonly pairs: Uint8Array | null;

  /** floor(u0·n) for u0 = bits·2^−32 is floor(bits·scale): the same exact product (bits·n < 2^52). */
  private readonly scale: number;
  /** The WebAssembly loop, holding the tables above; null with many partitions or without WebAssembly SIMD. */
  private readonly kernel: ScanKernel | null;

  private constructor(
    private readonly cols: readonly PartitionColumn[],
    private readonly draws: readonly ColumnDraw[],
    private readonly partitions: number,
    private readonly me: number,
    private readonly alias: AliasTable,
    private readonly keyKey: number,
    private readonly keyKey2: number,
    /** The one column drawn from a uniform, if any. */
    private readonly level: UniformDraw | null,
    cells: { readonly cells: Uint16Array; readonly cut: Uint32Array },
    wasm: boolean,
    clock: TimeClock | null,
  ) {
    this.levels = level?.levels ?? 1;
    const size = alias.n * this.levels;
    this.kernel =
      wasm && partitions < SPARSE
        ? ScanKernel.create(
            alias.entries,
            {
              k0: keyKey,
              k1: keyKey2,
              levelKey: level?.key ?? null,
              levels: this.levels,
            },
            // In-order streams: their own rows' times cost less derived afterwards than every row's here.
            clock?.shifted ? clock : null,
          )
        : null;
    this.owns = this.kernel?.owns ?? new Uint8Array(size);
    this.owns.fill(UNKNOWN);
    this.pairs = partitions >= SPARSE ? new Uint8Array(size).fill(UNKNOWN) : null;
    this.cells = this.kernel?.cells ?? new Uint16Array(LEVEL_CELLS);
    this.cells.set(cells.cells);
    this.cut = this.kernel?.cut ?? new Uint32Array(LEVEL_CELLS);
    this.cut.set(cells.cut);
    this.scale = alias.n * TWO_POW_MINUS_32;
    if (size <= EAGER) this.learnAll();
  }

  /**
   * The scan for partition `me` over these partition columns, or null when
   * one of them needs the general path. `wasm: false` keeps to the
   * JavaScript loop (tests compare the two). Given the clock of a stream with
   * late or out-of-order rows, the WebAssembly loop also derives event times
   * (see `timed`).
   */
  static create(
    cols: readonly PartitionColumn[],
    partitions: number,
    me: number,
    keys: KeySampler,
    keyKey: number,
    keyKey2: number,
    wasm = true,
    clock: TimeClock | null = null,
  ): PartitionScan | null {
    const draws: ColumnDraw[] = [];
    for (const c of cols) {
      // NULLs would take one more draw per column and row: rare enough for the general path.
      if (c.gen.draw === undefined || c.nullKey !== null) return null;
      draws.push(c.gen.draw);
    }
    const drawn = draws.filter((d): d is UniformDraw => d.from === 'uniform');
    const alias = keys.table;
    if (cols.length === 0 || drawn.length > 1 || alias === null) return null;
    const level = drawn[0] ?? null;
    if (alias.n * (level?.levels ?? 1) > MEMO_LIMIT) return null;
    const cells = level === null ? { cells: new Uint16Array(1), cut: new Uint32Array(1) } : levelCells(level);
    if (cells === null) return null;
    return new PartitionScan(cols, draws, partitions, me, alias, keyKey, keyKey2, level, cells, wasm, clock);
  }

  /**
   * Scans rows [from, stop) (below 2^32): each row of this partition goes to
   * outI[n] (its index), outKey[n] (its key rank) and outLevel[n] (the level
   * of the uniform-drawn column, `levelKey`'s: its value, so the batch need
   * not draw it again; 0 without one), n counting on from `n`, until `cap`
   * are taken. Returns where it stopped: `stop`, or the first own
   * row past `cap`; `count` is then the new n. The outputs need room for
   * cap + 1 rows: every row is written, and kept by advancing n. Given
   * outTs and outWm (a timed scan, stop < 2^31), each own row's event time
   * and watermark go there too, from `maxTs` on, which then is M(returned row).
   * Given outLow, each own row's index i | 0 goes there too (the counters of
   * its draws).
   */
  scan(
    from: number,
    stop: number,
    n: number,
    cap: number,
    outI: Float64Array,
    outKey: Int32Array,
    outLevel: Int32Array,
    outTs?: Float64Array,
    outWm?: Float64Array,
    outLow?: Int32Array,
  ): number {
    const kernel = this.kernel;
    if (outTs !== undefined && (kernel === null || !kernel.timed || stop >= 2 ** 31))
      throw new Error('a timed scan needs the timed WebAssembly loop and rows below 2^31');
    if (kernel !== null && stop < 2 ** 31) {
      let i = from;
      for (let learnt = -1; ; learnt = i) {
        i = kernel.scan(i, stop, n, cap, outI, outKey, outLevel, outTs, outWm, outLow);
        n = kernel.count;
        if (!kernel.unknown) break;
        // The loop learns the entry the kernel stopped at; stopping there again would loop forever.
        if (i === learnt)
          throw new Error(`partition scan: row ${i}'s table entry did not take after learning it`);
        this.learn(i);
      }
      this.count = n;
      return i;
    }
    const n0 = n;
    // Locals, int32 keys and literal constants: V8 would reload and re-check
    // fields, uint32 values and module constants (which a bundler may turn
    // into `var`s) on every row.
    const entries = this.alias.entries;
    const scale = this.scale;
    const k0 = this.keyKey | 0;
    const k1 = this.keyKey2 | 0;
    const drawn = this.level !== null;
    const levelKey = (this.level?.key ?? 0) | 0; // one int32 (a ternary would keep it boxed)
    const levels = this.levels;
    const cells = this.cells;
    const cut = this.cut;
    const owns = this.owns;
    const mix = hashLow;
    const pick = pickRank;
    const pairs = this.pairs;
    let i = from;
    while (i < stop) {
      if (pairs === null)
        for (; i < stop; i++) {
          // The level as `levelOf` gives it, inlined.
          let l = 0;
          if (drawn) {
            const bits = mix(levelKey, i);
            l = cells[bits >>> 20]!;
            // A cell with a step (2.4 % of draws for 100 levels): the only branch that depends on a draw.
            if (l >= levels) l = bits < cut[bits >>> 20]! ? l - levels : l - levels + 1;
          }
          const rank = pick(entries, (mix(k0, i) * scale) | 0, mix(k1, i) | 0);
          const own = owns[rank * levels + l]!;
          if (own > 1) break; // UNKNOWN
          outI[n] = i;
          outKey[n] = rank;
          outLevel[n] = l;
          n += own;
          if (n > cap) break;
        }
      else
        for (; i < stop; i++) {
          let l = 0;
          if (drawn) {
            const bits = mix(levelKey, i);
            l = cells[bits >>> 20]!;
            if (l >= levels) l = bits < cut[bits >>> 20]! ? l - levels : l - levels + 1;
          }
          const col = (mix(k0, i) * scale) | 0;
          const pair = pairs[col * levels + l]!;
          if (pair === 0) continue; // OTHER
          if (pair > 1) break; // UNKNOWN
          const rank = pick(entries, col, mix(k1, i) | 0);
          outI[n] = i;
          outKey[n] = rank;
          outLevel[n] = l;
          n += owns[rank * levels + l]!; // known with the pair
          if (n > cap) break;
        }
      if (i === stop || n > cap) break;
      // Row i meets a (rank, level) for the first time: compute it, then scan on from row i.
      this.learn(i);
    }
    this.count = n > cap ? cap : n;
    if (outLow !== undefined) for (let j = n0; j < this.count; j++) outLow[j] = outI[j]! | 0;
    return i;
  }

  /**
   * Fills the table entries row i reads: of its key rank (with many
   * partitions, of both ranks its coin chooses between) at its level. It
   * takes the rank column and level as the loops do, so they find them.
   */
  private learn(i: number): void {
    const col = (hashLow(this.keyKey, i) * this.scale) | 0;
    const l = this.level === null ? 0 : this.levelOf(hashLow(this.level.key, i));
    if (this.pairs === null) this.ownOf(pickRank(this.alias.entries, col, hashLow(this.keyKey2, i) | 0), l);
    else
      this.pairs[col * this.levels + l] =
        this.ownOf(col, l) | this.ownOf(this.alias.entries[2 * col + 1]!, l);
  }

  /** Every owns entry. A method, not a loop in the constructor: V8 would compile that loop afresh (OSR) in every scan made. */
  private learnAll(): void {
    for (let rank = 0; rank < this.alias.n; rank++) for (let l = 0; l < this.levels; l++) this.ownOf(rank, l);
  }

  /** The level of a draw with these 32 bits. */
  private levelOf(bits: number): number {
    const l = this.cells[bits >>> CELL_SHIFT]!;
    if (l < this.levels) return l;
    return bits < this.cut[bits >>> CELL_SHIFT]! ? l - this.levels : l - this.levels + 1;
  }

  /** Whether (rank, level) is this partition's: the row hash of the values they stand for. */
  private ownOf(rank: number, l: number): number {
    const at = rank * this.levels + l;
    if (this.owns[at] !== UNKNOWN) return this.owns[at]!;
    let h = ROW_HASH_START;
    for (let c = 0; c < this.cols.length; c++) {
      const d = this.draws[c]!;
      h = combineHash(h, generatedValueHash(this.cols[c]!.gen.domain, d.from === 'key' ? d.value(rank) : l));
    }
    return (this.owns[at] = partitionOfHash(h, this.partitions) === this.me ? MINE : OTHER);
  }
}

/** The cells of a level draw, or null when its levels do not fit them (a cell with two steps). */
function levelCells(d: UniformDraw): { cells: Uint16Array; cut: Uint32Array } | null {
  const count = LEVEL_CELLS; // 2^(32 − CELL_SHIFT)
  const width = 2 ** CELL_SHIFT;
  if (2 * d.levels > 65535) return null;
  const cells = new Uint16Array(count);
  const cut = new Uint32Array(count);
  const at = (bits: number): number => d.value(bits * TWO_POW_MINUS_32);
  for (let c = 0; c < count; c++) {
    const first = c * width;
    const lo = at(first);
    const hi = at(first + width - 1);
    cells[c] = lo;
    if (hi === lo) continue;
    if (hi !== lo + 1) return null;
    // The first draw of the higher level.
    let a = first;
    let b = first + width - 1;
    while (a < b) {
      const m = Math.floor((a + b) / 2);
      if (at(m) === hi) b = m;
      else a = m + 1;
    }
    cells[c] = d.levels + lo;
    cut[c] = a;
  }
  return { cells, cut };
}
