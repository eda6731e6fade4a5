/**
 * Compiles expressions (and an optional predicate) ONCE into one JS loop over
 * a batch. Plain column references are not computed at all: they pass through
 * (zero-copy) or are gathered by the selection the predicate produced.
 */
import { bitmapBytes, type Column, type ColumnBatch, type StringColumn } from '../core/batch';
import { type ArrayAlloc, gatherColumn } from '../core/batch-gather';
import { decodeDictionary } from '../core/batch-rows';
import type { DataType } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { ExprCodegen } from './expr-codegen';
import { exprRuntime } from './expr-runtime';

const encoder = new TextEncoder();

/** A per-output-batch string dictionary the kernel fills. */
export class DictBuilder {
  private readonly map = new Map<string, number>();
  readonly strings: string[] = [];
  code(s: string): number {
    let c = this.map.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.map.set(s, c);
      this.strings.push(s);
    }
    return c;
  }
  finish(codes: Int32Array, valid: Uint8Array | null): StringColumn {
    const parts = this.strings.map((s) => encoder.encode(s));
    const offsets = new Int32Array(parts.length + 1);
    let total = 0;
    parts.forEach((p, k) => {
      total += p.length;
      offsets[k + 1] = total;
    });
    const bytes = new Uint8Array(total);
    parts.forEach((p, k) => bytes.set(p, offsets[k]!));
    return { type: 'VARCHAR', codes, dictBytes: bytes, dictOffsets: offsets, valid };
  }
}

const dictCache = new WeakMap<Uint8Array, string[]>();
/** Decoded dictionary of a string column, cached per batch buffer so several kernels decode it once. */
export function dictionaryOf(c: StringColumn): string[] {
  let d = dictCache.get(c.dictBytes);
  if (d === undefined || d.length !== c.dictOffsets.length - 1) {
    d = decodeDictionary(c);
    dictCache.set(c.dictBytes, d);
  }
  return d;
}

/**
 * Compiled kernels by source text. Every engine compiles its plan anew, and a
 * fresh `new Function` starts cold (interpreted, no type feedback) and
 * deoptimises while it warms up; reusing the function for the same source
 * keeps its optimised code across engines and runs. Safe to share: the source
 * closes over nothing but the fixed runtime helpers (constants come in as K).
 */
const kernelCache = new Map<string, KernelFn>();
const KERNEL_CACHE_LIMIT = 512;

function kernelFor(source: string): KernelFn {
  let fn = kernelCache.get(source);
  if (fn === undefined) {
    const factory = new Function('H', `return function kernel(n, A, O, S, K) {\n${source}\n};`) as (
      h: typeof exprRuntime,
    ) => KernelFn;
    fn = factory(exprRuntime);
    if (kernelCache.size >= KERNEL_CACHE_LIMIT) kernelCache.clear();
    kernelCache.set(source, fn);
  }
  return fn;
}

interface OutSlot {
  data: Float64Array | Uint8Array | Int32Array;
  valid: Uint8Array;
  nulls: number;
  dict: DictBuilder | null;
}

type KernelFn = (n: number, A: unknown[], O: OutSlot[], S: Int32Array | null, K: unknown[]) => number;

export interface KernelResult {
  readonly count: number;
  readonly columns: Column[];
  /** Selected input rows (only when there is a predicate). */
  readonly sel: Int32Array | null;
}

export class CompiledKernel {
  private readonly fn: KernelFn;
  private readonly computed: number[] = [];
  private readonly reads: [number, DataType][];
  private readonly constants: unknown[];
  readonly source: string;

  /**
   * `reuse`: output buffers are kept and overwritten by the next `run` — for
   * callers that consume the columns before running again (aggregate
   * arguments), which saves a large allocation per batch. `gather`: where
   * the selected rows of pass-through columns go (see batch-gather.ts).
   */
  constructor(
    private readonly exprs: readonly Expr[],
    private readonly predicate: Expr | null,
    private readonly reuse = false,
    private readonly gather?: ArrayAlloc,
  ) {
    exprs.forEach((e, k) => {
      if (e.kind !== 'column' && e.type !== 'NULL') this.computed.push(k);
    });
    const general = this.generate(false);
    this.reads = general.reads;
    this.constants = general.constants;
    this.source = general.source;
    this.fn = general.fn;
    this.fast = this.generate(true).fn;
  }

  private fast: KernelFn;
  private readonly kept: OutSlot[] = [];

  private generate(allValid: boolean): {
    fn: KernelFn;
    source: string;
    reads: [number, DataType][];
    constants: unknown[];
  } {
    const g = new ExprCodegen('r', allValid);
    const body: string[] = [];
    if (this.predicate) {
      const p = g.compile(this.predicate);
      body.push(...g.lines.splice(0), `if (${p} !== true) continue;`);
    }
    for (const k of this.computed) {
      const e = this.exprs[k]!;
      const x = g.compile(e);
      body.push(...g.lines.splice(0));
      const store =
        e.type === 'VARCHAR' ? `O${k}.dict.code(${x})` : e.type === 'BOOLEAN' ? `(${x} ? 1 : 0)` : x;
      body.push(
        `if (${x} === null) { N${k}++; w${k}[m >> 3] &= ~(1 << (m & 7)); } else o${k}[m] = ${store};`,
      );
    }
    const reads = [...g.columns.entries()];
    const pre: string[] = [];
    for (const [i, t] of reads) {
      if (t === 'VARCHAR')
        pre.push(`const c${i} = A[${i}].codes, v${i} = A[${i}].valid, s${i} = A[${i}].dict;`);
      else if (t !== 'NULL') pre.push(`const d${i} = A[${i}].data, v${i} = A[${i}].valid;`);
    }
    for (const k of this.computed)
      pre.push(`const O${k} = O[${k}], o${k} = O${k}.data, w${k} = O${k}.valid; let N${k} = 0;`);
    const temps = g.tempCount
      ? `let ${Array.from({ length: g.tempCount }, (_, i) => `t${i}`).join(', ')};`
      : '';
    const source = [
      '"use strict";',
      ...pre,
      temps,
      'let m = 0;',
      'for (let r = 0; r < n; r++) {',
      ...body,
      'if (S !== null) S[m] = r;',
      'm++;',
      '}',
      ...this.computed.map((k) => `O${k}.nulls = N${k};`),
      'return m;',
    ].join('\n');
    return { fn: kernelFor(source), source, reads, constants: g.constants };
  }

  /** Evaluates the expressions over the rows of `batch` where the predicate is TRUE. */
  run(batch: ColumnBatch): KernelResult {
    const n = batch.length;
    if (this.predicate === null && this.computed.length === 0) {
      // Only pass-through columns: nothing to loop over.
      return {
        count: n,
        columns: this.exprs.map((e) =>
          e.kind === 'column' ? batch.columns[e.index]! : { type: 'NULL', length: n },
        ),
        sel: null,
      };
    }
    const A: unknown[] = [];
    for (const [i, t] of this.reads) {
      const c = batch.columns[i];
      if (c === undefined)
        throw new Error(`kernel reads column ${i} but the batch has ${batch.columns.length}`);
      if (t === 'VARCHAR' && c.type === 'VARCHAR')
        A[i] = { codes: c.codes, valid: c.valid, dict: dictionaryOf(c) };
      else if (c.type !== 'NULL' && c.type !== 'VARCHAR') A[i] = c;
      else
        A[i] = {
          data: new Float64Array(0),
          codes: new Int32Array(0),
          valid: new Uint8Array(bitmapBytes(n)),
          dict: [],
        };
    }
    const O: OutSlot[] = [];
    for (const k of this.computed) {
      const t = this.exprs[k]!.type;
      const kept = this.reuse ? this.kept[k] : undefined;
      if (kept !== undefined && kept.data.length >= n && t !== 'VARCHAR') {
        kept.valid.fill(255);
        kept.nulls = 0;
        O[k] = kept;
        continue;
      }
      O[k] = {
        data: t === 'VARCHAR' ? new Int32Array(n) : t === 'BOOLEAN' ? new Uint8Array(n) : new Float64Array(n),
        valid: new Uint8Array(bitmapBytes(n)).fill(255),
        nulls: 0,
        dict: t === 'VARCHAR' ? new DictBuilder() : null,
      };
      if (this.reuse) this.kept[k] = O[k];
    }
    const sel = this.predicate ? new Int32Array(n) : null;
    let allValid = true;
    for (const [i] of this.reads) {
      const c = batch.columns[i]!;
      if (c.type === 'NULL' || c.valid !== null) allValid = false;
    }
    const m = (allValid ? this.fast : this.fn)(n, A, O, sel, this.constants);
    const columns = this.exprs.map((e, k): Column => {
      if (e.type === 'NULL') return { type: 'NULL', length: m };
      if (e.kind === 'column') {
        const c = batch.columns[e.index]!;
        // Every row passed: the selection is 0..n-1, and the column is the answer as it is.
        return sel === null || m === n ? c : gatherColumn(c, sel, m, this.gather);
      }
      const o = O[k]!;
      const valid = o.nulls === 0 ? null : o.valid.slice(0, bitmapBytes(m));
      const trim = m === o.data.length ? o.data : this.reuse ? o.data.subarray(0, m) : o.data.slice(0, m);
      if (o.dict) return o.dict.finish(trim as Int32Array, valid);
      if (e.type === 'BOOLEAN') return { type: 'BOOLEAN', data: trim as Uint8Array, valid };
      return { type: e.type as 'BIGINT' | 'DOUBLE' | 'TIMESTAMP', data: trim as Float64Array, valid };
    });
    return { count: m, columns, sel };
  }
}

export function compileKernel(
  exprs: readonly Expr[],
  predicate: Expr | null = null,
  reuse = false,
  gather?: ArrayAlloc,
): CompiledKernel {
  return new CompiledKernel(exprs, predicate, reuse, gather);
}
