/**
 * Lookup tables a thread's kernel copies into its own WebAssembly memory once and reads by
 * offset: the key samplers' alias tables (rank-kernel.ts), the quantile samplers' tables
 * (uniform-kernel.ts). Kept by identity — the tables belong to samplers a thread reuses — from
 * `start` on; past `most` of them (tables made again and again) the region starts over rather
 * than grow without end. Growing the memory detaches its views: callers compare buffers.
 */
import type { WasmMemory } from './wasm-arena';

const PAGE = 65536;

export class WasmTables {
  private readonly offsets = new Map<Int32Array | Float64Array, number>();
  private free: number;

  constructor(
    private readonly memory: WasmMemory,
    private readonly start: number,
    private readonly most: number,
  ) {
    this.free = start;
  }

  /** The byte offset of `table` in the memory, copied in (the memory grown) when it is new here. */
  offsetOf(table: Int32Array | Float64Array): number {
    let at = this.offsets.get(table);
    if (at !== undefined) return at;
    if (this.offsets.size >= this.most) {
      this.offsets.clear();
      this.free = this.start;
    }
    at = this.free;
    // Eight-byte steps: a table of doubles after one of int32s stays aligned.
    this.free = at + ((table.byteLength + 7) & ~7);
    const need = this.free - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    new Uint8Array(this.memory.buffer, at, table.byteLength).set(
      new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
    );
    this.offsets.set(table, at);
    return at;
  }
}
