/**
 * One WebAssembly memory per thread that the generators' per-stream kernels (the price walk, the
 * partition scan) take regions of, instead of a memory each. A memory reserves gigabytes of
 * address space whatever it holds, and only the garbage collector of its own thread gives it
 * back: a browser tab's workers share one process, and after a few dozen runs of fresh streams
 * Chromium refused new memories ("could not allocate memory") although almost all were garbage.
 * A region is freed when its owner is collected and reused by the next kernel of its size.
 *
 * The memory is made at full size and never grows (growing would detach every kernel's views);
 * its pages cost nothing until written. A kernel that finds no room makes its own memory, as
 * before.
 */
import { wasmApi } from './wasm-module';

/** Bytes at the start that no region takes: scratch a kernel may use during a call (partition-scan.wat's draws). */
export const ARENA_SCRATCH = 4096;
const PAGE = 65536;
/** 16 MB: a few dozen live kernels' tables. */
const ARENA_PAGES = 256;
const ALIGN = 16;

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface Region {
  readonly memory: WasmMemory;
  /** Byte offset of the region (≥ ARENA_SCRATCH). */
  readonly at: number;
}

class Arena {
  readonly memory: WasmMemory;
  private next = ARENA_SCRATCH;
  /** Freed regions by size, for the next kernel of that size (a run makes the same kernels again). */
  private readonly free = new Map<number, number[]>();
  private readonly reclaim = new FinalizationRegistry<{ at: number; bytes: number }>((r) => {
    const list = this.free.get(r.bytes) ?? [];
    list.push(r.at);
    this.free.set(r.bytes, list);
  });

  constructor() {
    this.memory = new wasmApi!.Memory({ initial: ARENA_PAGES });
  }

  /** `bytes` for as long as `owner` lives, or null when the arena is full. */
  take(bytes: number, owner: object): Region | null {
    const size = Math.ceil(bytes / ALIGN) * ALIGN;
    let at = this.free.get(size)?.pop();
    if (at === undefined) {
      if (this.next + size > ARENA_PAGES * PAGE) return null;
      at = this.next;
      this.next += size;
    }
    // The last owner may have written it: a kernel starts from zeros, as in a fresh memory.
    new Uint8Array(this.memory.buffer, at, size).fill(0);
    this.reclaim.register(owner, { at, bytes: size });
    return { memory: this.memory, at };
  }
}

let arena: Arena | undefined;

/**
 * A region of `bytes` for a kernel owned by `owner` (freed once `owner` is collected): in this
 * thread's arena, else in a memory of its own. Null without WebAssembly.
 */
export function kernelRegion(bytes: number, owner: object): Region | null {
  if (wasmApi === undefined) return null;
  const r = (arena ??= new Arena()).take(bytes, owner);
  if (r !== null) return r;
  const memory = new wasmApi.Memory({ initial: Math.ceil((ARENA_SCRATCH + bytes) / PAGE) });
  return { memory, at: ARENA_SCRATCH };
}
