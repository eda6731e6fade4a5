/**
 * The WebAssembly SIMD form of `uniformsFrom` / `uniformsLow` (uniforms.wat):
 * one instance per thread, drawing a piece of up to UNIFORM_PIECE rows into
 * its memory, which the caller copies out. Null where WebAssembly SIMD is
 * missing: the JavaScript loops serve.
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

export interface UniformKernel {
  /** The draws of the last call. */
  readonly out: Float64Array;
  /** The counters `low` reads. */
  readonly in: Int32Array;
  from(key: number, start: number, n: number): void;
  low(key: number, offset: number, n: number): void;
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
  const buf = x.memory.buffer;
  return {
    out: new Float64Array(buf, 0, UNIFORM_PIECE),
    in: new Int32Array(buf, 8 * UNIFORM_PIECE, UNIFORM_PIECE),
    from: x.from,
    low: x.low,
  };
}
