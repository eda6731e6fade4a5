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
 *
 * The tumbling-window loop can also read its arguments from the input batch
 * itself (`windowRunOn`) when each is a numeric column or a sum, difference or
 * product of two: no expression kernel pass and no argument column per batch.
 */
import type { Column, ColumnBatch, NumberColumn } from '../core/batch';
import type { Expr } from '../plan/physical-plan';
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
 * D and V: the arguments' values and validity, per accumulator, or per batch
 * column for a loop that reads its arguments from the batch (`windowRunOn`).
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

/**
 * An accumulator's argument as a loop can read it from the input batch itself:
 * column `left`, or `left op right` of two numeric columns (the expression
 * kernel computes exactly `a op b` for those, NULL when either is NULL), so
 * the window loop needs no argument column materialised per batch. `none`:
 * COUNT(*), which reads nothing.
 */
type Operand =
  'none' | { readonly left: number; readonly op: '+' | '-' | '*' | null; readonly right: number };

function isNumberType(t: string): boolean {
  return t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP';
}

/** Column index of a numeric column reference (an integer, safe to put in source), else null. */
function numberColumnOf(e: Expr): number | null {
  return e.kind === 'column' && isNumberType(e.type) && Number.isInteger(e.index) && e.index >= 0
    ? e.index
    : null;
}

function operandOf(a: Accumulator): Operand | null {
  const e: Expr | null = a.call.arg;
  if (e === null) return a.call.fn === 'COUNT_STAR' ? 'none' : null;
  const c = numberColumnOf(e);
  if (c !== null) return { left: c, op: null, right: -1 };
  if (e.kind !== 'binary' || !isNumberType(e.type) || !(e.op === '+' || e.op === '-' || e.op === '*'))
    return null;
  const l = numberColumnOf(e.left);
  const r = numberColumnOf(e.right);
  return l === null || r === null ? null : { left: l, op: e.op, right: r };
}

/** Compiled loops by source text: a new engine reuses the already optimised function instead of warming a fresh one. */
const fusedCache = new Map<string, unknown>();

type Mode = 'entries' | 'results' | 'rows' | 'window' | 'windowValid';

export class FusedUpdate {
  /** Variants by mode and argument shape. */
  private readonly variants = new Map<string, unknown>();
  private readonly write: WriteFn;
  /** How each argument reads from the batch itself; null when one cannot (it needs the expression kernel). */
  private readonly operands: readonly Operand[] | null;
  /** The batch columns the operands read, each once. */
  private readonly operandColumns: readonly number[];

  private constructor(private readonly accs: readonly Accumulator[]) {
    const ops = accs.map(operandOf);
    this.operands = ops.every((o) => o !== null) ? (ops as Operand[]) : null;
    const cols = new Set<number>();
    for (const o of this.operands ?? []) {
      if (o === 'none') continue;
      cols.add(o.left);
      if (o.op !== null) cols.add(o.right);
    }
    this.operandColumns = [...cols];
    const head = ['"use strict";', ...this.stateLocals(), ...this.resultLocals(false)];
    const src = [
      ...head,
      'for (let e = 0; e < count; e++) {',
      'const s = slots[e], j = j0 + e;',
      ...this.resultWrites(false),
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
      if (f.value !== null) f.value[s] = f.empty;
    }
  }

  private stateLocals(): string[] {
    return this.accs.map((_, k) => `const n${k} = S[${k}].count, x${k} = S[${k}].value;`);
  }

  private resultLocals(valid: boolean): string[] {
    return this.accs.map((_, k) => `const r${k} = RA[${k}].nums${valid ? `, w${k} = RA[${k}].valid` : ''};`);
  }

  /**
   * Statements writing slot s's results at output row j; `valid`: each also
   * sets row j's validity bit (else the caller marked the rows valid at once
   * and a NULL result clears its bit).
   */
  private resultWrites(valid: boolean): string[] {
    return this.accs.map((a, k) => {
      const f = a.fusable!()!;
      const set = (v: string): string => `r${k}[j] = ${v};${valid ? ` w${k}[j >> 3] |= 1 << (j & 7);` : ''}`;
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
   * 2 = no NULLs; −1 = unknown (tested at run time). `direct`: the arguments
   * are `operands` of batch columns, row i's value of column c loaded in yc.
   */
  private updates(shape: number, direct: boolean): string[] {
    const bit = (v: string): string => `(${v}[i >> 3] & (1 << (i & 7))) !== 0`;
    return this.accs.map((a, k) => {
      const f = a.fusable!()!;
      if (f.op === 'countStar') return `n${k}[s]++;`;
      const absent = shape >= 0 && (shape >> (2 * k)) & 1;
      const noNulls = shape >= 0 && (shape >> (2 * k)) & 2;
      if (absent) return '';
      let value = `d${k}[i]`;
      let test = shape < 0 ? `d${k} !== null && (v${k} === null || ${bit(`v${k}`)})` : bit(`v${k}`);
      const o = direct ? this.operands![k]! : 'none';
      if (o !== 'none') {
        const cols = o.op === null ? [o.left] : [o.left, o.right];
        value = o.op === null ? `y${o.left}` : `(y${o.left} ${o.op} y${o.right})`;
        test = cols.map((c) => `(v${c} === null || ${bit(`v${c}`)})`).join(' && ');
      }
      if (noNulls) test = '';
      const upd =
        f.op === 'count'
          ? ''
          : f.op === 'sum'
            ? `x${k}[s] += ${value};`
            : `{ const y = ${value}; if (y ${f.op === 'max' ? '>' : '<'} x${k}[s]) x${k}[s] = y; }`;
      return test === '' ? `n${k}[s]++; ${upd}` : `if (${test}) { n${k}[s]++; ${upd} }`;
    });
  }

  private variant<F>(mode: Mode, shape: number, direct = false): F {
    const key = `${mode}:${shape}:${direct}`;
    let fn = this.variants.get(key) as F | undefined;
    if (fn !== undefined) return fn;
    // Direct loops load each batch column's value once per row, however many arguments use it.
    const cols = direct ? this.operandColumns : [];
    const pre = [
      ...this.stateLocals(),
      ...(direct
        ? cols.map((c) => `const d${c} = D[${c}], v${c} = V[${c}];`)
        : this.accs.map((_, k) => `const d${k} = D[${k}], v${k} = V[${k}];`)),
    ];
    const head = ['"use strict";', ...pre, ...(mode === 'results' ? this.resultLocals(true) : [])];
    const body = [...cols.map((c) => `const y${c} = d${c}[i];`), ...this.updates(shape, direct)];
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
        mode === 'results' ? ['const j = O[e];', 'if (j >= 0) {', ...this.resultWrites(true), '}'] : [];
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
   * `windowRun` reading the arguments straight from the batch's columns (D
   * and V per column), with no expression kernel and no argument column per
   * batch; null when an argument is not a numeric column or a sum, difference
   * or product of two.
   */
  windowRunOn(
    batch: ColumnBatch,
    tsValid: Uint8Array | null,
  ): { run: WindowRunFn; D: (Float64Array | null)[]; V: (Uint8Array | null)[] } | null {
    const ops = this.operands;
    if (ops === null) return null;
    const D: (Float64Array | null)[] = batch.columns.map(() => null);
    const V: (Uint8Array | null)[] = batch.columns.map(() => null);
    for (const c of this.operandColumns) {
      const col = batch.columns[c];
      if (col === undefined || !isNumberType(col.type)) return null;
      D[c] = (col as NumberColumn).data;
      V[c] = (col as NumberColumn).valid;
    }
    let shape = 0;
    ops.forEach((o, k) => {
      const noNulls = o === 'none' || (V[o.left] === null && (o.op === null || V[o.right] === null));
      shape |= ((o === 'none' ? 1 : 0) | (noNulls ? 2 : 0)) << (2 * k);
    });
    const mode = tsValid === null ? 'window' : 'windowValid';
    return { run: this.variant<WindowRunFn>(mode, ops.length > 15 ? -1 : shape, true), D, V };
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
    for (const r of results) r.setValidRange(j0, j0 + count);
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
