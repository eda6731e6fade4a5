/**
 * Compiling the generators' WebAssembly kernels. The engine compiles against
 * ES2023 alone (no DOM lib, which is where TypeScript declares WebAssembly),
 * and an engine host need not have it: a kernel's `create` gives null then,
 * and its JavaScript loop serves.
 */

/** The part of the WebAssembly API the kernels use. */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  readonly Memory: new (descriptor: { initial: number }) => {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  };
}

export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let kernelsOn = true;

/**
 * Switches this thread's kernels off (or on again): benchmarks measure the
 * JavaScript loops beside them, tests check the fallback. The uniform draws
 * and the checksum follow it at every call; the partition scan and the price
 * column choose when their source (or row block) first needs them. The rows
 * are the same either way.
 */
export function useWasmKernels(on: boolean): void {
  kernelsOn = on;
}

/**
 * A lazily compiled module from its base64 bytes: null where WebAssembly (or
 * a feature the module uses, such as SIMD) is missing or compiling is
 * forbidden. Synchronous: the kernels are a few KB.
 */
export function lazyModule(base64: string): () => object | null {
  let compiled: object | null | undefined;
  return () => {
    if (!kernelsOn) return null;
    if (compiled !== undefined) return compiled;
    compiled = null;
    try {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      if (wasmApi !== undefined && wasmApi.validate(bytes)) compiled = new wasmApi.Module(bytes);
    } catch {
      // A policy may forbid compiling: the JavaScript loop serves.
    }
    return compiled;
  };
}
