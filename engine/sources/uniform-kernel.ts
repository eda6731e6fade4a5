/**
 * The WebAssembly SIMD form of `uniformsFrom` / `uniformsLow` (uniforms.wat):
 * one instance per thread, drawing pieces of up to UNIFORM_PIECE rows into
 * its memory and copying each out — optionally through a quantile sampler's
 * table and a rounding first, so a log-normal column costs no second pass.
 * Null where WebAssembly SIMD is missing: the JavaScript loops serve.
 */
import { UNIFORMS_WASM } from './uniforms-wasm';
import { lazyModule, wasmApi } from '../core/wasm-module';
import { WasmTables } from '../core/wasm-tables';

/** Draws per call: the kernel's memory holds this many in and out. */
export const UNIFORM_PIECE = 4096;
/** Where the quantile tables start: past the draws and the counters. */
const TABLES_AT = 65536;
const MAX_TABLES = 8;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly from: (key: number, start: number, n: number) => void;
  readonly low: (key: number, offset: number, n: number) => void;
  readonly quantiles: (table: number, n: number, round: number) => void;
}

/** How a quantile draw is rounded (uniforms.wat `quantiles`): as is, a count (Math.max(1, Math.round(v))), cents (Math.round(v · 100) / 100). */
export const QUANTILE_AS_IS = 0;
export const QUANTILE_COUNT = 1;
export const QUANTILE_CENTS = 2;

/** After the draws, a quantile sampler's table lookup (prng.ts `quantileSampler`) and a rounding. */
export interface QuantileMap {
  readonly table: Float64Array;
  readonly round: typeof QUANTILE_AS_IS | typeof QUANTILE_COUNT | typeof QUANTILE_CENTS;
}

/** The block draws of prng.ts through the kernel, a piece at a time (counters below 2^32). */
export interface UniformKernel {
  /** uniformsFrom: out[j] for counters from + j, j < n; each mapped by `map` when given. */
  from(key: number, from: number, n: number, out: Float64Array, map?: QuantileMap): void;
  /** uniformsLow: out[j] for counters (low[j] + offset) | 0, j < n; each mapped by `map` when given. */
  low(key: number, low: Int32Array, n: number, out: Float64Array, offset: number, map?: QuantileMap): void;
}

const kernelModule = lazyModule(UNIFORMS_WASM);
let kernel: UniformKernel | undefined;

/** This thread's kernel, or null without WebAssembly SIMD (or with the kernels switched off). */
export function uniformKernel(): UniformKernel | null {
  const module = kernelModule();
  if (module === null) return null;
  return (kernel ??= instantiate(module));
}

function instantiate(module: object): UniformKernel {
  const x = new wasmApi!.Instance(module, {}).exports as Exports;
  let drawn = new Float64Array(0);
  let counters = new Int32Array(0);
  // Growing the memory for a table detaches the views: they are made again when the buffer changed.
  const views = (): void => {
    if (drawn.buffer === x.memory.buffer) return;
    drawn = new Float64Array(x.memory.buffer, 0, UNIFORM_PIECE);
    counters = new Int32Array(x.memory.buffer, 8 * UNIFORM_PIECE, UNIFORM_PIECE);
  };
  // Each sampler's table, copied in once: samplers are module constants, a handful per thread.
  const tables = new WasmTables(x.memory, TABLES_AT, MAX_TABLES);
  return {
    from(key, from, n, out, map) {
      const table = map ? tables.offsetOf(map.table) : 0;
      views();
      for (let p = 0; p < n; p += UNIFORM_PIECE) {
        const m = Math.min(UNIFORM_PIECE, n - p);
        x.from(key, from + p, m);
        if (map) x.quantiles(table, m, map.round);
        out.set(drawn.subarray(0, m), p);
      }
    },
    low(key, low, n, out, offset, map) {
      const table = map ? tables.offsetOf(map.table) : 0;
      views();
      for (let p = 0; p < n; p += UNIFORM_PIECE) {
        const m = Math.min(UNIFORM_PIECE, n - p);
        counters.set(low.subarray(p, p + m));
        x.low(key, offset, m);
        if (map) x.quantiles(table, m, map.round);
        out.set(drawn.subarray(0, m), p);
      }
    },
  };
}
