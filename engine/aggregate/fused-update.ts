/**
 * One compiled loop that feeds every entry of a batch to all the simple
 * numeric accumulators of a GROUP BY at once (COUNT, SUM, AVG, MIN, MAX),
 * instead of one pass per aggregate. Built with `new Function` from a fixed
 * template: only accumulator indices and operation names from a closed set go
 * into the source.
 */
import type { Column } from '../core/batch';
import type { Accumulator, Entries, FusedState } from './accumulator';

type FusedFn = (count: number, rows: Int32Array, slots: Int32Array, S: FusedState[], D: (Float64Array | null)[], V: (Uint8Array | null)[]) => void;

const EMPTY = new Float64Array(0);

/** Compiled loops by source text: a new engine reuses the already optimised function instead of warming a fresh one. */
const fusedCache = new Map<string, FusedFn>();

export class FusedUpdate {
  private readonly fn: FusedFn;

  private constructor(private readonly accs: readonly Accumulator[]) {
    const lines: string[] = [];
    const pre: string[] = [];
    accs.forEach((a, k) => {
      const f = a.fusable!()!;
      pre.push(`const n${k} = S[${k}].count, x${k} = S[${k}].value, d${k} = D[${k}], v${k} = V[${k}];`);
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
    const src = [
      '"use strict";',
      ...pre,
      'for (let e = 0; e < count; e++) {',
      'const s = slots[e], i = rows[e];',
      ...lines,
      '}',
    ].join('\n');
    let fn = fusedCache.get(src);
    if (fn === undefined) {
      fn = new Function('count', 'rows', 'slots', 'S', 'D', 'V', src) as FusedFn;
      if (fusedCache.size >= 256) fusedCache.clear();
      fusedCache.set(src, fn);
    }
    this.fn = fn;
  }

  /** A fused loop for these accumulators, or null when one of them cannot take part. */
  static create(accs: readonly Accumulator[]): FusedUpdate | null {
    if (accs.length === 0) return null;
    for (const a of accs) if (!a.fusable || a.fusable() === null || a.call.distinct) return null;
    return new FusedUpdate(accs);
  }

  /** Adds every entry (no per-entry results: callers use the per-accumulator path when rows need outputs). */
  run(entries: Entries, args: readonly (Column | null)[]): void {
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
    this.fn(entries.count, entries.rows, entries.slots, S, D, V);
  }
}
