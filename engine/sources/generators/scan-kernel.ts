/**
 * The WebAssembly form of `PartitionScan`'s loop (partition-scan.wat): the
 * three hashes that decide a row's partition, four rows per SIMD instruction.
 * A kernel owns one memory holding the scan's tables; `PartitionScan` reads
 * and fills them through the views below, so both loops see one table.
 * Where WebAssembly SIMD is missing, `create` gives null and the JavaScript
 * loop runs alone.
 */
import type { TimeClock } from './event-time';
import { PARTITION_SCAN_WASM } from './partition-scan-wasm';
import { kernelRegion } from '../../core/wasm-arena';
import { lazyModule, wasmApi, type WasmApi } from '../../core/wasm-module';

/** Own rows the kernel writes per call; the caller copies them out and calls again. */
const OUT = 4096;
/** Cells of a level draw (its top 12 bits), as in partition-scan.ts. */
export const LEVEL_CELLS = 4096;
/** Why a kernel scan stopped (its `reason` export). */
const KERNEL_END = 0;
const KERNEL_UNKNOWN = 1;

/** What a scan draws: its key rank's two stream keys and, when a partition column is drawn from a uniform, that draw's key and levels. */
export interface KernelDraw {
  readonly k0: number;
  readonly k1: number;
  readonly levelKey: number | null;
  readonly levels: number;
}

/** partition-scan.wat's exports: `scan` serves ScanKernel, `ranks` RankKernel. */
export interface PartitionScanExports {
  readonly layout: (
    cells: number,
    cut: number,
    entries: number,
    owns: number,
    outI: number,
    outKey: number,
    outLevel: number,
    outLow: number,
  ) => void;
  readonly scan: (
    from: number,
    stop: number,
    n: number,
    cap: number,
    k0: number,
    k1: number,
    levelKey: number,
    drawn: number,
    levels: number,
    tableN: number,
  ) => number;
  readonly clock: (
    start: number,
    step: number,
    late: number,
    lateOoo: number,
    oooSpan: number,
    lateSpan: number,
    delay: number,
    classKey: number,
    oooKey: number,
    lateKey: number,
    outTs: number,
    outWm: number,
  ) => void;
  readonly ranks: (from: number, count: number, k0: number, k1: number, tableN: number) => void;
  readonly count: { readonly value: number };
  readonly reason: { readonly value: number };
  readonly maxTs: { value: number };
}

/** The module, compiled once per thread for both kernels. */
export const partitionScanModule = lazyModule(PARTITION_SCAN_WASM);

export class ScanKernel {
  /** The tables, in the kernel's memory: level cells, their cut points, alias entries, owns. */
  readonly cells: Uint16Array;
  readonly cut: Uint32Array;
  readonly owns: Uint8Array;
  private readonly outI: Float64Array;
  private readonly outKey: Int32Array;
  private readonly outLevel: Int32Array;
  private readonly outLow: Int32Array;
  /** A timed kernel's own-row event times and watermarks; empty when untimed. */
  private readonly outTs: Float64Array;
  private readonly outWm: Float64Array;
  private readonly x: PartitionScanExports;
  /** The scan's fixed arguments after (from, stop, n, cap): its draw keys, whether a level is drawn, levels and alias columns. */
  private readonly args: readonly [number, number, number, number, number, number];

  private constructor(
    api: WasmApi,
    module: object,
    entries: Int32Array,
    draw: KernelDraw,
    clock: TimeClock | null,
  ) {
    const tableN = entries.length / 2;
    const ownsSize = tableN * draw.levels;
    const timeSize = clock === null ? 0 : 16 * OUT;
    const size = timeSize + 20 * OUT + 6 * LEVEL_CELLS + 4 * entries.length + ownsSize;
    // The draws' scratch (4 KB: levels, alias columns, coins, time classes) is at 0 in any memory, which no region takes.
    const { memory, at } = kernelRegion(size, this)!;
    // The f64 outputs first: the region starts 16-byte aligned.
    const outTsAt = at;
    const outWmAt = outTsAt + timeSize / 2;
    const outKeyAt = at + timeSize;
    const outLevelAt = outKeyAt + 4 * OUT;
    const outLowAt = outLevelAt + 4 * OUT;
    const outIAt = outLowAt + 4 * OUT;
    const cellsAt = outIAt + 8 * OUT;
    const cutAt = cellsAt + 2 * LEVEL_CELLS;
    const entriesAt = cutAt + 4 * LEVEL_CELLS;
    const ownsAt = entriesAt + 4 * entries.length;
    const buf = memory.buffer;
    this.outKey = new Int32Array(buf, outKeyAt, OUT);
    this.outLevel = new Int32Array(buf, outLevelAt, OUT);
    this.outLow = new Int32Array(buf, outLowAt, OUT);
    this.outI = new Float64Array(buf, outIAt, OUT);
    this.outTs = new Float64Array(buf, outTsAt, timeSize / 16);
    this.outWm = new Float64Array(buf, outWmAt, timeSize / 16);
    this.cells = new Uint16Array(buf, cellsAt, LEVEL_CELLS);
    this.cut = new Uint32Array(buf, cutAt, LEVEL_CELLS);
    new Int32Array(buf, entriesAt, entries.length).set(entries);
    this.owns = new Uint8Array(buf, ownsAt, ownsSize);
    this.x = new api.Instance(module, { env: { memory } }).exports as PartitionScanExports;
    this.x.layout(cellsAt, cutAt, entriesAt, ownsAt, outIAt, outKeyAt, outLevelAt, outLowAt);
    if (clock !== null)
      this.x.clock(
        clock.start,
        clock.step,
        clock.late,
        clock.lateOoo,
        clock.oooSpan,
        clock.lateSpan,
        clock.delay,
        clock.classKey | 0,
        clock.oooKey | 0,
        clock.lateKey | 0,
        outTsAt,
        outWmAt,
      );
    this.timed = clock !== null;
    const drawn = draw.levelKey !== null;
    this.args = [draw.k0 | 0, draw.k1 | 0, (draw.levelKey ?? 0) | 0, drawn ? 1 : 0, draw.levels, tableN];
  }

  /**
   * A kernel over this alias table (its [threshold, alias] pairs) and draw,
   * with an owns table of (column × level) entries; null without WebAssembly SIMD.
   * With a clock (of a stream with late or out-of-order rows: the kernel
   * draws every row's class), `scan` also gives each own row's event time
   * and watermark.
   */
  static create(entries: Int32Array, draw: KernelDraw, clock: TimeClock | null = null): ScanKernel | null {
    const module = partitionScanModule();
    return module === null || wasmApi === undefined
      ? null
      : new ScanKernel(wasmApi, module, entries, draw, clock);
  }

  /** Whether `scan` derives event times (made with a clock). */
  readonly timed: boolean;

  /** A timed scan's M: the max event time of the rows before the next it looks at. Set it before a scan from a new row. */
  get maxTs(): number {
    return this.x.maxTs.value;
  }
  set maxTs(m: number) {
    this.x.maxTs.value = m;
  }

  /** Own rows the last `scan` took, and whether it stopped at an unknown (rank, level). */
  count = 0;
  unknown = false;

  /**
   * `PartitionScan.scan`'s loop over rows [from, stop) (stop < 2^31), for
   * the non-sparse case. It stops at stop, at a row whose owns entry is
   * UNKNOWN (`unknown` set; learn it and call again from there), or at the
   * first own row past cap. A timed kernel also writes the own rows' event
   * times to outTs and watermarks to outWm (when given) and keeps `maxTs`.
   * Given outLow, each own row's index goes there as an int32 too.
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
    const x = this.x;
    const [k0, k1, levelKey, drawn, levels, tableN] = this.args;
    let i = from;
    for (;;) {
      // At most OUT − 1 rows a call: the kernel writes one more when it stops full.
      const room = Math.min(cap - n, OUT - 1);
      i = x.scan(i, stop, 0, room, k0, k1, levelKey, drawn, levels, tableN);
      const got = x.count.value;
      const reason = x.reason.value;
      outI.set(this.outI.subarray(0, got), n);
      outKey.set(this.outKey.subarray(0, got), n);
      outLevel.set(this.outLevel.subarray(0, got), n);
      if (outLow !== undefined) outLow.set(this.outLow.subarray(0, got), n);
      if (outTs !== undefined && outWm !== undefined) {
        outTs.set(this.outTs.subarray(0, got), n);
        outWm.set(this.outWm.subarray(0, got), n);
      }
      n += got;
      // Full only because of OUT: scan on from the row it stopped at (an own row, not taken yet).
      if (reason === KERNEL_END || reason === KERNEL_UNKNOWN || n >= cap) {
        this.unknown = reason === KERNEL_UNKNOWN;
        this.count = n;
        return i;
      }
    }
  }
}
