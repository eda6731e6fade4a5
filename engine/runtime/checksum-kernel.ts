/**
 * The WebAssembly form of the output checksum's row hashing (checksum.wat),
 * one instance per thread: a batch goes through in pieces of CHECK_PIECE
 * rows, each column copied into the kernel's memory and folded into the
 * row hashes there. Null where WebAssembly is missing (or switched off):
 * checksum.ts's JavaScript loops serve, with the same result.
 */
import { lazyModule, wasmApi } from '../core/wasm-module';
import { CHECKSUM_WASM } from './checksum-wasm';
import { POW2 } from './pow2';

export const CHECK_PIECE = 4096;
const DATA_AT = 16384;
const CODES_AT = 49152;
const VALID_AT = 65536;
const OPS_AT = 66048;
const POW2_AT = 70144;
const DICT_AT = 87744;
const PAGE = 65536;

interface Exports {
  readonly reset: (n: number) => void;
  readonly numbers: (j: number, n: number, hasValid: number) => number;
  readonly strings: (n: number, hasValid: number, dict: number) => void;
  readonly nulls: (n: number) => void;
  readonly finish: (n: number, ops: number) => void;
  readonly sa: { readonly value: number };
  readonly sb: { readonly value: number };
}

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export class ChecksumKernel {
  hashes!: Uint32Array;
  data!: Float64Array;
  codes!: Int32Array;
  valid!: Uint8Array;
  ops!: Uint8Array;
  private dictEntries = 0;
  dict!: Uint32Array;
  readonly x: Exports;

  private constructor(
    module: object,
    private readonly memory: Memory,
  ) {
    this.x = new wasmApi!.Instance(module, { env: { memory } }).exports as Exports;
    this.views();
    new Float64Array(memory.buffer, POW2_AT, POW2.length).set(POW2);
  }

  private static instance: ChecksumKernel | undefined;

  /** This thread's kernel, or null without WebAssembly (or with the kernels switched off). */
  static shared(): ChecksumKernel | null {
    const module = kernelModule();
    if (module === null) return null;
    return (ChecksumKernel.instance ??= new ChecksumKernel(module, new wasmApi!.Memory({ initial: 2 })));
  }

  /** Room for a dictionary of `entries` hashes (the memory grows; views are renewed). */
  dictFor(entries: number): Uint32Array {
    if (entries > this.dictEntries) {
      const need = DICT_AT + 4 * entries - this.memory.buffer.byteLength;
      if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
      this.views();
    }
    return this.dict;
  }

  private views(): void {
    const buf = this.memory.buffer;
    this.hashes = new Uint32Array(buf, 0, CHECK_PIECE);
    this.data = new Float64Array(buf, DATA_AT, CHECK_PIECE);
    this.codes = new Int32Array(buf, CODES_AT, CHECK_PIECE);
    this.valid = new Uint8Array(buf, VALID_AT, CHECK_PIECE / 8);
    this.ops = new Uint8Array(buf, OPS_AT, CHECK_PIECE);
    this.dictEntries = (buf.byteLength - DICT_AT) / 4;
    this.dict = new Uint32Array(buf, DICT_AT, this.dictEntries);
  }
}

const kernelModule = lazyModule(CHECKSUM_WASM);
