/**
 * One compiled loop that feeds every entry of a batch to all the simple
 * numeric accumulators of a GROUP BY at once (COUNT, SUM, AVG, MIN, MAX),
 * instead of one pass per aggregate. Built with `new Function` from a fixed
 * template: only accumulator indices and operation names from a closed set go
 * into the source.
 *
 * Each loop is specialised to the batch's shape: which argument columns are
 * absent (non-numeric) and which have no NULLs, so the common all-valid batch
 * runs without a validity test per value. The variants are few (one per
 * pattern actually seen) and cached like the rest.
 */
import type { Column } from '../core/batch';
import type { Accumulator, Entries, FusedState } from './accumulator';
import type { ResultColumn } from './result-column';

type NumberArrays = { nums: Float64Array; valid: Uint8Array };
type FusedResultsFn = (
  count: number,
  rows: Int32Array,
  slots: Int32Array,
  S: FusedState[],
  D: (Float64Array | null)[],
  V: (Uint8Array | null)[],
  O: Int32Array,
  RA: (NumberArrays | null)[],
  R: readonly ResultColumn[],
) => void;
type FusedFn = (
  count: number,
  rows: Int32Array,
  slots: Int32Array,
  S: FusedState[],
  D: (Float64Array | null)[],
  V: (Uint8Array | null)[],
) => void;
/** Rows [from, to) of a batch, each with its slot in slots[i] (−1 = skip). */
type FusedRowsFn = (
  from: number,
  to: number,
  slots: Int32Array,
  S: FusedState[],
  D: (Float64Array | null)[],
  V: (Uint8Array | null)[],
) => void;
/**
 * Rows [from, to) of a batch into one tumbling window [cs, ce), slot per group
 * through the window's dense array (`touch` gives a group its first slot).
 * Returns the first row it did not add: one outside the window, with a NULL
 * time, or (when `mayBeLate`) late for the window; `to` when all were added.
 */
type WindowRunFn = (
  from: number,
  to: number,
  ts: Float64Array,
  tsValid: Uint8Array | null,
  wm: Float64Array,
  groups: Int32Array,
  dense: Int32Array,
  cs: number,
  ce: number,
  mayBeLate: boolean,
  touch: (g: number, i: number) => number,
  S: FusedState[],
  D: (Float64Array | null)[],
  V: (Uint8Array | null)[],
) => number;
/** Results of slots[0..count) into output rows j0, j0 + 1, … */
type WriteFn = (
  count: number,
  slots: Int32Array,
  j0: number,
  S: FusedState[],
  RA: (NumberArrays | null)[],
  R: readonly ResultColumn[],
) => void;

const EMPTY = new Float64Array(0);

/** Compiled loops by source text: a new engine reuses the already optimised function instead of warming a fresh one. */
const fusedCache = new Map<string, unknown>();

type Mode = 'entries' | 'results' | 'rows' | 'window' | 'windowValid';

export class FusedUpdate {
  /** Variants by mode and argument shape. */
  private readonly variants = new Map<string, unknown>();
  private readonly write: WriteFn;

  private constructor(private readonly accs: readonly Accumulator[]) {
    const head = ['"use strict";', ...this.stateLocals(), ...this.resultLocals()];
    const src = [
      ...head,
      'for (let e = 0; e < count; e++) {',
      'const s = slots[e], j = j0 + e;',
      ...this.resultWrites(),
      '}',
    ].join('\n');
    this.write = compiled(src, () => new Function('count', 'slots', 'j0', 'S', 'RA', 'R', src) as WriteFn);
  }

  /** A fused loop for these accumulators, or null when one of them cannot take part. */
  static create(accs: readonly Accumulator[]): FusedUpdate | null {
    if (accs.length === 0) return null;
    for (const a of accs) if (!a.fusable || a.fusable() === null || a.call.distinct) return null;
    return new FusedUpdate(accs);
  }

  /** The accumulators' current state arrays (re-read after they grow). */
  states(): FusedState[] {
    return this.accs.map((a) => a.fusable!()!);
  }

  /** Empty state in slot s, as each accumulator's `init` would leave it, without a call per accumulator. */
  static init(S: readonly FusedState[], s: number): void {
    for (let k = 0; k < S.length; k++) {
      const f = S[k]!;
      f.count[s] = 0;
      if (f.value !== null) f.value[s] = f.op === 'min' ? Infinity : f.op === 'max' ? -Infinity : 0;
    }
  }

  private stateLocals(): string[] {
    return this.accs.map((_, k) => `const n${k} = S[${k}].count, x${k} = S[${k}].value;`);
  }

  private resultLocals(): string[] {
    return this.accs.map((_, k) => `const r${k} = RA[${k}].nums, w${k} = RA[${k}].valid;`);
  }

  /** Statements writing slot s's results at output row j. */
  private resultWrites(): string[] {
    return this.accs.map((a, k) => {
      const f = a.fusable!()!;
      const set = (v: string): string => `r${k}[j] = ${v}; w${k}[j >> 3] |= 1 << (j & 7);`;
      if (f.op === 'countStar' || f.op === 'count') return set(`n${k}[s]`);
      const v =
        a.call.fn === 'AVG'
          ? a.call.type === 'BIGINT'
            ? `Math.trunc(x${k}[s] / n${k}[s])`
            : `x${k}[s] / n${k}[s]`
          : `x${k}[s]`;
      return `if (n${k}[s] === 0) R[${k}].setNull(j); else { ${set(v)} }`;
    });
  }

  /**
   * Per-value statements for slot s and input row i. `shape` has two bits per
   * accumulator: 1 = no numbers (the argument is absent or not numeric),
   * 2 = no NULLs; −1 = unknown (tested at run time).
   */
  private updates(shape: number): string[] {
    return this.accs.map((a, k) => {
      const f = a.fusable!()!;
      if (f.op === 'countStar') return `n${k}[s]++;`;
      const absent = shape >= 0 && (shape >> (2 * k)) & 1;
      const noNulls = shape >= 0 && (shape >> (2 * k)) & 2;
      if (absent) return '';
      const test =
        shape < 0
          ? `d${k} !== null && (v${k} === null || (v${k}[i >> 3] & (1 << (i & 7))) !== 0)`
          : noNulls
            ? ''
            : `(v${k}[i >> 3] & (1 << (i & 7))) !== 0`;
      const upd =
        f.op === 'count'
          ? ''
          : f.op === 'sum'
            ? `x${k}[s] += d${k}[i];`
            : `{ const y = d${k}[i]; if (y ${f.op === 'max' ? '>' : '<'} x${k}[s]) x${k}[s] = y; }`;
      return test === '' ? `n${k}[s]++; ${upd}` : `if (${test}) { n${k}[s]++; ${upd} }`;
    });
  }

  private variant<F>(mode: Mode, shape: number): F {
    const key = `${mode}:${shape}`;
    let fn = this.variants.get(key) as F | undefined;
    if (fn !== undefined) return fn;
    const pre = [
      ...this.stateLocals(),
      ...this.accs.map((_, k) => `const d${k} = D[${k}], v${k} = V[${k}];`),
    ];
    const head = ['"use strict";', ...pre, ...(mode === 'results' ? this.resultLocals() : [])];
    const body = this.updates(shape);
    let src: string;
    let params: string[];
    if (mode === 'window' || mode === 'windowValid') {
      const tsTest =
        mode === 'windowValid' ? ['if ((tsValid[i >> 3] & (1 << (i & 7))) === 0) return i;'] : [];
      src = [
        ...head,
        'for (let i = from; i < to; i++) {',
        ...tsTest,
        'const t = ts[i];',
        'if (!(t >= cs && t < ce)) return i;',
        'if (mayBeLate && ce - 1 <= wm[i]) return i;',
        'const g = groups[i];',
        'let s = dense[g];',
        'if (s < 0) s = touch(g, i);',
        ...body,
        '}',
        'return to;',
      ].join('\n');
      params = [
        'from',
        'to',
        'ts',
        'tsValid',
        'wm',
        'groups',
        'dense',
        'cs',
        'ce',
        'mayBeLate',
        'touch',
        'S',
        'D',
        'V',
      ];
    } else if (mode === 'rows') {
      src = [
        ...head,
        'for (let i = from; i < to; i++) {',
        'const s = slots[i];',
        'if (s < 0) continue;',
        ...body,
        '}',
      ].join('\n');
      params = ['from', 'to', 'slots', 'S', 'D', 'V'];
    } else {
      const tail =
        mode === 'results' ? ['const j = O[e];', 'if (j >= 0) {', ...this.resultWrites(), '}'] : [];
      src = [
        ...head,
        'for (let e = 0; e < count; e++) {',
        'const s = slots[e], i = rows[e];',
        ...body,
        ...tail,
        '}',
      ].join('\n');
      params =
        mode === 'results'
          ? ['count', 'rows', 'slots', 'S', 'D', 'V', 'O', 'RA', 'R']
          : ['count', 'rows', 'slots', 'S', 'D', 'V'];
    }
    fn = compiled(src, () => new Function(...params, src) as F);
    this.variants.set(key, fn);
    return fn;
  }

  private columns(args: readonly (Column | null)[]): {
    D: (Float64Array | null)[];
    V: (Uint8Array | null)[];
    shape: number;
  } {
    const D: (Float64Array | null)[] = [];
    const V: (Uint8Array | null)[] = [];
    let shape = 0;
    args.forEach((c, k) => {
      if (c === null || c.type === 'NULL' || c.type === 'VARCHAR' || c.type === 'BOOLEAN') {
        D[k] = this.accs[k]!.call.fn === 'COUNT' && c !== null && c.type !== 'NULL' ? EMPTY : null;
        V[k] = c !== null && c.type !== 'NULL' ? c.valid : null;
      } else {
        D[k] = c.data;
        V[k] = c.valid;
      }
      shape |= ((D[k] === null ? 1 : 0) | (V[k] === null ? 2 : 0)) << (2 * k);
    });
    // Two bits per accumulator in a 31-bit shape; beyond that one generic loop tests at run time.
    return { D, V, shape: args.length > 15 ? -1 : shape };
  }

  /** Adds every entry (no per-entry results). */
  run(entries: Entries, args: readonly (Column | null)[]): void {
    const { D, V, shape } = this.columns(args);
    this.variant<FusedFn>('entries', shape)(entries.count, entries.rows, entries.slots, this.states(), D, V);
  }

  /** Adds rows [from, to), row i to slot slots[i] (rows with slot −1 are skipped). */
  runRows(
    from: number,
    to: number,
    slots: Int32Array,
    args: readonly (Column | null)[],
    S: FusedState[],
  ): void {
    if (to <= from) return;
    const { D, V, shape } = this.columns(args);
    this.variant<FusedRowsFn>('rows', shape)(from, to, slots, S, D, V);
  }

  /**
   * A loop adding rows of a batch to one tumbling window (see `WindowRunFn`),
   * specialised to this batch's argument columns; `S` must not grow while it
   * runs (reserve slots first).
   */
  windowRun(
    args: readonly (Column | null)[],
    tsValid: Uint8Array | null,
  ): { run: WindowRunFn; D: (Float64Array | null)[]; V: (Uint8Array | null)[] } {
    const { D, V, shape } = this.columns(args);
    return { run: this.variant<WindowRunFn>(tsValid === null ? 'window' : 'windowValid', shape), D, V };
  }

  /**
   * Adds every entry and writes each accumulator's new result at the entry's
   * output row; false (nothing done) when a result column is not numeric.
   */
  runWithResults(
    entries: Entries,
    args: readonly (Column | null)[],
    results: readonly ResultColumn[],
  ): boolean {
    const RA = results.map((r) => r.numberArrays());
    if (RA.some((r) => r === null) || entries.out === null) return false;
    const { D, V, shape } = this.columns(args);
    this.variant<FusedResultsFn>('results', shape)(
      entries.count,
      entries.rows,
      entries.slots,
      this.states(),
      D,
      V,
      entries.out,
      RA,
      results,
    );
    return true;
  }

  /** Results of slots[0..count) into output rows j0…; false (nothing done) when a result column is not numeric. */
  writeResults(
    count: number,
    slots: Int32Array,
    j0: number,
    S: FusedState[],
    results: readonly ResultColumn[],
  ): boolean {
    const RA = results.map((r) => r.numberArrays());
    if (RA.some((r) => r === null)) return false;
    this.write(count, slots, j0, S, RA, results);
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
