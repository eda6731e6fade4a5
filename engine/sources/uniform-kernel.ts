/**
 * The WebAssembly SIMD form of `uniformsFrom` / `uniformsLow` (uniforms.wat):
 * one instance per thread, drawing pieces of up to UNIFORM_PIECE rows into
 * its memory and copying each out. Null where WebAssembly SIMD is missing:
 * the JavaScript loops serve.
 */
import { UNIFORMS_WASM } from './uniforms-wasm';
import { lazyModule, wasmApi } from '../core/wasm-module';

/** Draws per call: the kernel's memory holds this many in and out. */
export const UNIFORM_PIECE = 4096;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly from: (key: number, start: number, n: number) => void;
  readonly low: (key: number, offset: number, n: number) => void;
}

/** The block draws of prng.ts through the kernel, a piece at a time (counters below 2^32). */
export interface UniformKernel {
  /** uniformsFrom: out[j] for counters from + j, j < n. */
  from(key: number, from: number, n: number, out: Float64Array): void;
  /** uniformsLow: out[j] for counters (low[j] + offset) | 0, j < n. */
  low(key: number, low: Int32Array, n: number, out: Float64Array, offset: number): void;
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
  const drawn = new Float64Array(x.memory.buffer, 0, UNIFORM_PIECE);
  const counters = new Int32Array(x.memory.buffer, 8 * UNIFORM_PIECE, UNIFORM_PIECE);
  return {
    from(key, from, n, out) {
      for (let p = 0; p < n; p += UNIFORM_PIECE) {
        const m = Math.min(UNIFORM_PIECE, n - p);
        x.from(key, from + p, m);
        out.set(drawn.subarray(0, m), p);
      }
    },
    low(key, low, n, out, offset) {
      for (let p = 0; p < n; p += UNIFORM_PIECE) {
        const m = Math.min(UNIFORM_PIECE, n - p);
        counters.set(low.subarray(p, p + m));
        x.low(key, offset, m);
        out.set(drawn.subarray(0, m), p);
      }
    },
  };
}
