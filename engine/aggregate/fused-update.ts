/**
 * One compiled loop that feeds every entry of a batch to all the simple
 * numeric accumulators of a GROUP BY at once (COUNT, SUM, AVG, MIN, MAX),
 * instead of one pass per aggregate. Built with `new Function` from a fixed
 * template: only accumulator indices and operation names from a closed set go
 * into the source.
 */
import type { Column } from '../core/batch';
import type { Accumulator, Entries, FusedState } from './accumulator';
import type { ResultColumn } from './result-column';

type FusedResultsFn = (
  count: number,
  rows: Int32Array,
  slots: Int32Array,
  S: FusedState[],
  D: (Float64Array | null)[],
  V: (Uint8Array | null)[],
  O: Int32Array,
  RA: ({ nums: Float64Array; valid: Uint8Array } | null)[],
  R: readonly ResultColumn[],
) => void;
type FusedFn = (count: number, rows: Int32Array, slots: Int32Array, S: FusedState[], D: (Float64Array | null)[], V: (Uint8Array | null)[]) => void;

const EMPTY = new Float64Array(0);

/** Compiled loops by source text: a new engine reuses the already optimised function instead of warming a fresh one. */
const fusedCache = new Map<string, unknown>();

export class FusedUpdate {
  private readonly fn: FusedFn;
  /** The same loop writing each entry's new results where the entry asks for them (EMIT CHANGES). */
  private readonly withResults: FusedResultsFn;

  private constructor(private readonly accs: readonly Accumulator[]) {
    const lines: string[] = [];
    const pre: string[] = [];
    const writes: string[] = [];
    accs.forEach((a, k) => {
      const f = a.fusable!()!;
      pre.push(`const n${k} = S[${k}].count, x${k} = S[${k}].value, d${k} = D[${k}], v${k} = V[${k}];`);
      const set = (v: string): string => `r${k}[j] = ${v}; w${k}[j >> 3] |= 1 << (j & 7);`;
      const fn = a.call.fn;
      if (f.op === 'countStar' || f.op === 'count') writes.push(set(`n${k}[s]`));
      else {
        const v = fn === 'AVG' ? (a.call.type === 'BIGINT' ? `Math.trunc(x${k}[s] / n${k}[s])` : `x${k}[s] / n${k}[s]`) : `x${k}[s]`;
        writes.push(`if (n${k}[s] === 0) R[${k}].setNull(j); else { ${set(v)} }`);
      }
      if (f.op === 'countStar') {
        lines.push(`n${k}[s]++;`);
        return;
      }
      const ok = `d${k} !== null && (v${k} === null || (v${k}[i >> 3] & (1 << (i & 7))) !== 0)`;
      const upd =
        f.op === 'count'
          ? ''
          : f.op === 'sum'
            ? `x${k}[s] += d${k}[i];`
            : `{ const y = d${k}[i]; if (y ${f.op === 'max' ? '>' : '<'} x${k}[s]) x${k}[s] = y; }`;
      lines.push(`if (${ok}) { n${k}[s]++; ${upd} }`);
    });
    const loop = (body: string[], head: string[]): string =>
      ['"use strict";', ...pre, ...head, 'for (let e = 0; e < count; e++) {', 'const s = slots[e], i = rows[e];', ...lines, ...body, '}'].join('\n');
    this.fn = compiled(loop([], []), () => new Function('count', 'rows', 'slots', 'S', 'D', 'V', loop([], [])) as FusedFn);
    const resultHead = accs.map((_, k) => `const r${k} = RA[${k}].nums, w${k} = RA[${k}].valid;`);
    const src = loop(['const j = O[e];', 'if (j >= 0) {', ...writes, '}'], resultHead);
    this.withResults = compiled(src, () => new Function('count', 'rows', 'slots', 'S', 'D', 'V', 'O', 'RA', 'R', src) as FusedResultsFn);
  }

  /** A fused loop for these accumulators, or null when one of them cannot take part. */
  static create(accs: readonly Accumulator[]): FusedUpdate | null {
    if (accs.length === 0) return null;
    for (const a of accs) if (!a.fusable || a.fusable() === null || a.call.distinct) return null;
    return new FusedUpdate(accs);
  }

  private columns(args: readonly (Column | null)[]): { S: FusedState[]; D: (Float64Array | null)[]; V: (Uint8Array | null)[] } {
    const S = this.accs.map((a) => a.fusable!()!);
    const D: (Float64Array | null)[] = [];
    const V: (Uint8Array | null)[] = [];
    args.forEach((c, k) => {
      if (c === null || c.type === 'NULL' || c.type === 'VARCHAR' || c.type === 'BOOLEAN') {
        D[k] = this.accs[k]!.call.fn === 'COUNT' && c !== null && c.type !== 'NULL' ? EMPTY : null;
        V[k] = c !== null && c.type !== 'NULL' ? c.valid : null;
      } else {
        D[k] = c.data;
        V[k] = c.valid;
      }
    });
    return { S, D, V };
  }

  /** Adds every entry (no per-entry results). */
  run(entries: Entries, args: readonly (Column | null)[]): void {
    const { S, D, V } = this.columns(args);
    this.fn(entries.count, entries.rows, entries.slots, S, D, V);
  }

  /**
   * Adds every entry and writes each accumulator's new result at the entry's
   * output row; false (nothing done) when a result column is not numeric.
   */
  runWithResults(entries: Entries, args: readonly (Column | null)[], results: readonly ResultColumn[]): boolean {
    const RA = results.map((r) => r.numberArrays());
    if (RA.some((r) => r === null) || entries.out === null) return false;
    const { S, D, V } = this.columns(args);
    this.withResults(entries.count, entries.rows, entries.slots, S, D, V, entries.out, RA, results);
    return true;
  }
}

function compiled<F>(src: string, make: () => F): F {
  let fn = fusedCache.get(src) as F | undefined;
  if (fn === undefined) {
    fn = make();
    if (fusedCache.size >= 256) fusedCache.clear();
    fusedCache.set(src, fn);
  }
  return fn;
}
