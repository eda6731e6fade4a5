/**
 * A whole stream's key column in WebAssembly SIMD (partition-scan.wat's `ranks`): the key rank's
 * two uniforms drawn and the alias picked four rows per instruction, the ranks a partition's scan
 * draws. One instance and one memory per thread, holding the alias tables of the streams it has
 * served: a WebAssembly memory reserves far more address space than it uses, and a browser tab's
 * workers share one process, where a memory per stream ran out of room (Chromium: "could not
 * allocate memory"). Null without WebAssembly SIMD or with the kernels off.
 */
import type { WasmMemory } from '../../core/wasm-arena';
import { wasmApi } from '../../core/wasm-module';
import { WasmTables } from '../../core/wasm-tables';
import { partitionScanModule, type PartitionScanExports } from './scan-kernel';

/** Ranks per call, written after the draws' scratch at 0: 3 KB here, as `ranks` draws no time classes (a scan's 4th KB). */
const OUT = 4096;
const OUT_AT = 3 * 1024;
const TABLES_AT = OUT_AT + 4 * OUT;
/** Tables kept before the memory starts over (a thread's key samplers are as few: reused-parts.ts). */
const MOST_TABLES = 16;

export class RankKernel {
  private readonly x: PartitionScanExports;
  /** Where each table is in memory; the one the kernel's layout points at. */
  private readonly tables: WasmTables;
  private current: Int32Array | null = null;
  private out: Int32Array;

  private constructor(
    module: object,
    private readonly memory: WasmMemory,
  ) {
    this.x = new wasmApi!.Instance(module, { env: { memory } }).exports as PartitionScanExports;
    this.tables = new WasmTables(memory, TABLES_AT, MOST_TABLES);
    this.out = new Int32Array(memory.buffer, OUT_AT, OUT);
  }

  private static instance: RankKernel | undefined;

  /** This thread's kernel, or null without WebAssembly SIMD (or with the kernels switched off). */
  static shared(): RankKernel | null {
    const module = partitionScanModule();
    if (module === null) return null;
    return (RankKernel.instance ??= new RankKernel(module, new wasmApi!.Memory({ initial: 1 })));
  }

  /**
   * The key ranks of rows [from, from + count) (from + count ≤ 2^32) under stream keys k0, k1 and
   * this alias table's [threshold, alias] pairs, into out from `at`: zipf.ts `aliasRank` of the
   * rows' two uniforms.
   */
  ranks(
    entries: Int32Array,
    from: number,
    count: number,
    k0: number,
    k1: number,
    out: Int32Array,
    at = 0,
  ): void {
    if (this.current !== entries) this.point(entries);
    const tableN = entries.length / 2;
    for (let done = 0; done < count; done += OUT) {
      const m = Math.min(OUT, count - done);
      this.x.ranks(from + done, m, k0 | 0, k1 | 0, tableN);
      out.set(this.out.subarray(0, m), at + done);
    }
  }

  /** Points the kernel at this table, copying it in first if it is new here. */
  private point(entries: Int32Array): void {
    const offset = this.tables.offsetOf(entries);
    if (this.out.buffer !== this.memory.buffer) this.out = new Int32Array(this.memory.buffer, OUT_AT, OUT);
    this.x.layout(0, 0, offset, 0, 0, OUT_AT, 0, 0);
    this.current = entries;
  }
}
