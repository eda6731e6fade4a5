/**
 * The WebAssembly form of the `trades` price column (price-walk.wat) for a
 * cached symbol set: the caller fills a piece's event times, key ranks and
 * tick uniforms into the kernel's memory, `prices` writes the prices,
 * refilling (symbol, octave) lattice cells itself from each cell's noise
 * stream key; it stops only at a row whose lattice index is past what its
 * hash takes (event times before 1970 or after 2106), which the caller
 * refills in JavaScript, then it goes on. One kernel per row block, like the
 * JavaScript cells: two streams drawn from one definition in one thread would
 * evict each other's cells.
 */
import { PRICE_WALK_WASM } from './price-walk-wasm';
import { kernelRegion } from '../../core/wasm-arena';
import { lazyModule, wasmApi } from '../../core/wasm-module';

/** Rows per call: the kernel's input and output arrays hold this many. */
export const PRICE_PIECE = 4096;
/** Octaves of the walk, and f64s per (key, octave) cell. */
const OCTAVES = 8;
const CELL = 3;

interface Exports {
  readonly layout: (
    ts: number,
    key: number,
    u: number,
    out: number,
    base: number,
    cells: number,
    nk: number,
    xs: number,
  ) => void;
  readonly prices: (j: number, n: number) => number;
}

const kernelModule = lazyModule(PRICE_WALK_WASM);

/**
 * Kernels whose row block was collected, by key count, for the next block: each instance holds a
 * region of the thread's kernel memory (wasm-arena.ts), and a tab or a test suite makes many
 * streams, so they are reused rather than left for the collector.
 */
const idle = new Map<number, PriceKernel[]>();
const reclaim = new FinalizationRegistry<PriceKernel>((k) => {
  const pool = idle.get(k.keys) ?? [];
  pool.push(k);
  idle.set(k.keys, pool);
});

export class PriceKernel {
  readonly ts: Float64Array;
  readonly key: Int32Array;
  readonly u: Float64Array;
  readonly out: Float64Array;
  /** 8 octaves × [lattice index, a, b − a] per key, NaN until first filled. */
  readonly cells: Float64Array;
  private readonly x: Exports;
  private readonly bases: Float64Array;
  /** Each (key, octave)'s noise stream key, 8 per key. */
  private readonly noiseKeys: Int32Array;

  private constructor(
    module: object,
    readonly keys: number,
  ) {
    // ts, u, out and the walk between the kernel's two loops (f64), key (i32); per key its base, cells, noise keys.
    const size = PRICE_PIECE * (4 * 8 + 4) + keys * (8 * (1 + OCTAVES * CELL) + 4 * OCTAVES);
    // The kernel object owns its region: idle kernels stay pooled, and a dropped one frees it.
    const { memory, at } = kernelRegion(size, this)!;
    const tsAt = at;
    const uAt = tsAt + 8 * PRICE_PIECE;
    const outAt = uAt + 8 * PRICE_PIECE;
    const baseAt = outAt + 8 * PRICE_PIECE;
    const cellsAt = baseAt + 8 * keys;
    const keyAt = cellsAt + 8 * keys * OCTAVES * CELL;
    const nkAt = keyAt + 4 * PRICE_PIECE;
    const xsAt = nkAt + 4 * keys * OCTAVES;
    const buf = memory.buffer;
    this.ts = new Float64Array(buf, tsAt, PRICE_PIECE);
    this.u = new Float64Array(buf, uAt, PRICE_PIECE);
    this.out = new Float64Array(buf, outAt, PRICE_PIECE);
    this.bases = new Float64Array(buf, baseAt, keys);
    this.cells = new Float64Array(buf, cellsAt, keys * OCTAVES * CELL);
    this.key = new Int32Array(buf, keyAt, PRICE_PIECE);
    this.noiseKeys = new Int32Array(buf, nkAt, keys * OCTAVES);
    this.x = new wasmApi!.Instance(module, { env: { memory } }).exports as Exports;
    this.x.layout(tsAt, keyAt, uAt, outAt, baseAt, cellsAt, nkAt, xsAt);
  }

  /**
   * A kernel for keys [0, bases.length) with these base prices and noise stream keys (key k's
   * octave o at 8k + o), for as long as `owner` (a row block) lives; null without WebAssembly.
   */
  static create(bases: Float64Array, noiseKeys: Int32Array, owner: object): PriceKernel | null {
    const module = kernelModule();
    if (module === null) return null;
    const k = idle.get(bases.length)?.pop() ?? new PriceKernel(module, bases.length);
    k.bases.set(bases);
    k.noiseKeys.set(noiseKeys);
    // No cell is current: every lattice index reads as a miss (NaN ≠ m).
    for (let c = 0; c < k.cells.length; c += CELL) k.cells[c] = NaN;
    reclaim.register(owner, k);
    return k;
  }

  /** Prices of the piece's rows [0, n) into `out`; `refill(j)` makes row j's cells current where the kernel cannot. */
  prices(n: number, refill: (j: number) => void): void {
    const x = this.x;
    for (let j = x.prices(0, n); j < n;) {
      refill(j);
      const next = x.prices(j, n);
      // The refill computes each lattice index as the kernel does; a row it stops at twice would loop forever.
      if (next === j) throw new Error(`price kernel: row ${j}'s cells did not take after a refill`);
      j = next;
    }
  }
}
