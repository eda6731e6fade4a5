/** The (row, slot, output row) triples an aggregate collects before its accumulators run column-at-a-time. */
import type { Entries } from '../aggregate/accumulator';

export class EntryList implements Entries {
  rows = new Int32Array(1024);
  slots = new Int32Array(1024);
  out: Int32Array = new Int32Array(1024);
  count = 0;

  push(row: number, slot: number, outRow: number): void {
    const e = this.count++;
    if (e >= this.rows.length) this.grow();
    this.rows[e] = row;
    this.slots[e] = slot;
    this.out[e] = outRow;
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
    o.set(this.out);
    this.out = o;
  }
}
