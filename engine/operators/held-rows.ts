/**
 * The rows a row window holds back while its per-key watermark (max ts − d)
 * has not passed them: every input column and every computed function
 * argument in a columnar arena, a (ts, arrival)-ordered queue of slots per
 * key, and the scratch buffers of one batch. Plain column arguments are not
 * stored twice: they point at the input column's arena column.
 */
import type { Column } from '../core/batch';
import type { Schema } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { KeyQueues } from './key-queues';
import type { OverFn } from './over-functions';
import { RowArena } from './row-arena';

export class HeldRows {
  readonly arena: RowArena;
  readonly queues = new KeyQueues();
  /** Arena column of each argument expression (−1: a NULL literal). */
  readonly argColumn: number[] = [];
  /** Argument expressions that are computed (not plain columns), stored after the input columns. */
  private readonly computed: number[] = [];
  private readonly targets: number[];
  /** Input columns stored. */
  private readonly inputs: number[];
  /** The store list of the current batch: batch rows and the slots they go to. */
  rows = new Int32Array(0);
  slots = new Int32Array(0);
  /** Slots of the rows released in the current batch, in output order. */
  out = new Int32Array(1024);

  constructor(
    input: Schema,
    args: readonly Expr[],
    private readonly fns: readonly OverFn[],
    private readonly countStar: readonly boolean[],
    used: readonly boolean[] | null,
  ) {
    const types = input.map((f) => f.type);
    args.forEach((e, a) => {
      if (e.type === 'NULL') this.argColumn.push(-1);
      else if (e.kind === 'column') this.argColumn.push(e.index);
      else {
        this.argColumn.push(types.length);
        this.computed.push(a);
        types.push(e.type);
      }
    });
    this.arena = new RowArena(types);
    // Input columns nobody reads (not downstream, not as an argument) are not stored.
    const keep = input.map((_, c) => used === null || used[c] === true || this.argColumn.includes(c));
    this.inputs = input.map((_, c) => c).filter((c) => keep[c]);
    this.targets = [...this.inputs, ...this.computed.map((a) => this.argColumn[a]!)];
  }

  /** Scratch for a batch of n rows. */
  reserve(n: number): { rows: Int32Array; slots: Int32Array } {
    if (this.rows.length < n) {
      this.rows = new Int32Array(n);
      this.slots = new Int32Array(n);
    }
    return { rows: this.rows, slots: this.slots };
  }

  /** Copies batch rows rows[0..m) into slots[0..m). */
  store(input: readonly Column[], args: readonly Column[], n: number, m: number): void {
    const cols = [...this.inputs.map((c) => input[c]!), ...this.computed.map((a) => args[a]!)];
    this.arena.store(cols, this.targets, n, this.rows, this.slots, m);
  }

  /** Room for n released rows in `out`. */
  ensureOut(n: number): Int32Array {
    if (this.out.length < n) {
      const o = new Int32Array(Math.max(n, this.out.length * 2));
      o.set(this.out);
      this.out = o;
    }
    return this.out;
  }

  /** Binds numeric function f to its arena column; false if it must take the per-value path. */
  bindFast(f: number): boolean {
    const fn = this.fns[f]!;
    if (!fn.numeric || !fn.bind) return false;
    const a = this.argColumn[2 * f]!;
    const col = a < 0 ? null : this.arena.cols[a]!;
    if (col !== null && col.numeric) fn.bind(col.data, col.valid);
    else if (this.countStar[f]) fn.bind(EMPTY, null);
    else return false;
    return true;
  }
}

const EMPTY = new Float64Array(0);
