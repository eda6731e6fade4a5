/**
 * The generators' plain column loops in WebAssembly SIMD (column-fill.wat):
 * row numbers, integer keys as doubles, and an in-order stream's event times
 * and watermarks, a piece of FILL_PIECE rows at a time through the kernel's
 * memory. Each function falls back to its JavaScript loop where WebAssembly
 * SIMD is missing (or the kernels are switched off); the values are the same.
 */
import { COLUMN_FILL_WASM } from './column-fill-wasm';
import { lazyModule, wasmApi } from '../../core/wasm-module';

/** Rows per kernel call: its memory holds this many doubles twice and int32s once. */
export const FILL_PIECE = 4096;
const OUT_B = 32768 / 8;
const IN_AT = 65536;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly iota: (start: number, from: number, n: number) => void;
  readonly shift: (offset: number, n: number) => void;
  readonly clock: (
    pos: number,
    from: number,
    n: number,
    maxTs: number,
    start: number,
    step: number,
    minus: number,
  ) => number;
}

interface Kernel {
  readonly x: Exports;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly ints: Int32Array;
}

const kernelModule = lazyModule(COLUMN_FILL_WASM);
let kernel: Kernel | undefined;

/** This thread's kernel, or null without WebAssembly SIMD (the memory never grows: the views stay). */
function fillKernel(): Kernel | null {
  const module = kernelModule();
  if (module === null) return null;
  if (kernel === undefined) {
    const x = new wasmApi!.Instance(module, {}).exports as Exports;
    const buf = x.memory.buffer;
    kernel = {
      x,
      a: new Float64Array(buf, 0, FILL_PIECE),
      b: new Float64Array(buf, 8 * OUT_B, FILL_PIECE),
      ints: new Int32Array(buf, IN_AT, FILL_PIECE),
    };
  }
  return kernel;
}

/** out[j] = start + j for j < n. */
export function fillRowNumbers(out: Float64Array, start: number, n: number): void {
  const k = fillKernel();
  if (k === null) {
    for (let j = 0; j < n; j++) out[j] = start + j;
    return;
  }
  for (let p = 0; p < n; p += FILL_PIECE) {
    const m = Math.min(FILL_PIECE, n - p);
    k.x.iota(start, p, m);
    out.set(k.a.subarray(0, m), p);
  }
}

/** out[j] = ints[j] + offset for j < n (a key rank as the column's value, say). */
export function fillShifted(out: Float64Array, ints: Int32Array, n: number, offset: number): void {
  const k = fillKernel();
  if (k === null) {
    for (let j = 0; j < n; j++) out[j] = ints[j]! + offset;
    return;
  }
  for (let p = 0; p < n; p += FILL_PIECE) {
    const m = Math.min(FILL_PIECE, n - p);
    k.ints.set(ints.subarray(p, p + m));
    k.x.shift(offset, m);
    out.set(k.a.subarray(0, m), p);
  }
}

/**
 * An in-order stream's rows pos … pos + count − 1 (event-time.ts `scan`): tsOut[j] = floor(start
 * + (pos + j)·step), mbOut[j] = M before the row − minus, M from maxTs on; returns M after them.
 * Needs step ≥ 0 (the kernel relies on the times never decreasing); the JavaScript loop serves
 * any other step.
 */
export function fillInOrderTimes(
  pos: number,
  count: number,
  maxTs: number,
  start: number,
  step: number,
  tsOut: Float64Array,
  mbOut: Float64Array,
  minus: number,
): number {
  const k = step >= 0 ? fillKernel() : null;
  if (k === null) {
    for (let j = 0; j < count; j++) {
      const t = Math.floor(start + (pos + j) * step);
      mbOut[j] = maxTs - minus;
      tsOut[j] = t;
      if (t > maxTs) maxTs = t;
    }
    return maxTs;
  }
  for (let p = 0; p < count; p += FILL_PIECE) {
    const m = Math.min(FILL_PIECE, count - p);
    maxTs = k.x.clock(pos, p, m, maxTs, start, step, minus);
    tsOut.set(k.a.subarray(0, m), p);
    mbOut.set(k.b.subarray(0, m), p);
  }
  return maxTs;
}
