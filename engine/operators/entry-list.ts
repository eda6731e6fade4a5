/** The (row, slot, output row) triples an aggregate collects before its accumulators run column-at-a-time. */
import type { Entries } from '../aggregate/accumulator';

export class EntryList implements Entries {
  rows = new Int32Array(1024);
  slots = new Int32Array(1024);
  outRows: Int32Array = new Int32Array(1024);
  private anyOut = false;
  private n = 0;

  get count(): number {
    return this.n;
  }

  /** Null when no entry of this stretch asks for a result, so accumulator loops skip the check. */
  get out(): Int32Array | null {
    return this.anyOut ? this.outRows : null;
  }

  clear(): void {
    this.n = 0;
    this.anyOut = false;
  }

  push(row: number, slot: number, outRow: number): void {
    const e = this.n++;
    if (e >= this.rows.length) this.grow();
    this.rows[e] = row;
    this.slots[e] = slot;
    this.outRows[e] = outRow;
    if (outRow >= 0) this.anyOut = true;
  }

  /** Room for `extra` more entries, so a loop can write rows / slots / outRows directly and then call `setCount`. */
  reserve(extra: number): void {
    while (this.n + extra > this.rows.length) this.grow();
  }

  /** After writing entries directly: the new count, and whether any of them asks for a result. */
  setCount(n: number, anyOut: boolean): void {
    this.n = n;
    if (anyOut) this.anyOut = true;
  }

  private grow(): void {
    const n = this.rows.length * 2;
    const r = new Int32Array(n);
    r.set(this.rows);
    this.rows = r;
    const s = new Int32Array(n);
    s.set(this.slots);
    this.slots = s;
    const o = new Int32Array(n);
    o.set(this.outRows);
    this.outRows = o;
  }
}
