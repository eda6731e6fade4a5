/**
 * One side of a join's state: its rows in a row arena (columnar, no object
 * per row), chained per key id so a probe walks only the rows with its key,
 * each with what the join rules need — its time, the last time a row of the
 * other side may still match it (`bound`), whether it has matched (outer
 * joins pad the rest), and its arrival.
 */
import type { ColumnBatch } from '../core/batch';
import type { DataType } from '../core/types';
import type { JoinKeys } from './join-keys';
import { RowArena } from './row-arena';

function grownF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}
function grownI32(a: Int32Array, n: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n).fill(fill);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}

/**
 * Between runs, once the join's key table has grown (JoinKeys.compactIfGrown): forgets the key ids
 * no side holds and re-keys the sides. Cheap when nothing is due (no closure, no scan).
 */
export function forgetUnheldKeys(keys: JoinKeys, sides: readonly JoinSide[]): void {
  if (!keys.compactDue) return;
  const map = keys.compactIfGrown((k) => sides.some((side) => side.first(k) >= 0))!;
  for (const side of sides) side.rekey(map, keys.count);
}

export class JoinSide {
  readonly arena: RowArena;
  private readonly all: number[];
  key = new Int32Array(0);
  next = new Int32Array(0);
  prev = new Int32Array(0);
  bound = new Float64Array(0);
  matched = new Int32Array(0);
  at = new Float64Array(0);
  /** Bumped when a slot is freed, so stale heap entries for it are told apart. */
  gen = new Int32Array(0);
  /** First slot of each key id's chain (−1: none). */
  private head = new Int32Array(0);
  private slots = new Int32Array(64);
  private rowsSel = new Int32Array(64);
  /** Slots unlinked by `removeLater`, not yet given back to the arena: their values are still read. */
  private retired = new Int32Array(64);
  private nRetired = 0;

  constructor(
    types: readonly DataType[],
    /** Columns whose values `storeValues` keeps (default all): the others nobody reads. */
    private readonly kept: readonly number[] | null = null,
  ) {
    this.arena = new RowArena(types);
    this.all = types.map((_, c) => c);
  }

  /** Rows held (retired slots are no longer counted). */
  get size(): number {
    return this.arena.size - this.nRetired;
  }

  /** The first slot holding key `k`, or −1. */
  first(k: number): number {
    return k >= 0 && k < this.head.length ? this.head[k]! : -1;
  }

  /**
   * Stores rows rows[0..m) of a batch (all its columns) with their keys, times, bounds and arrival
   * keys; returns their slots (scratch, valid until the next call).
   */
  store(
    batch: ColumnBatch,
    rows: Int32Array,
    m: number,
    keys: Int32Array,
    times: Float64Array | null,
    bounds: Float64Array,
    matched: Int32Array,
  ): Int32Array {
    if (this.slots.length < m) this.slots = new Int32Array(Math.max(m, this.slots.length * 2));
    const slots = this.slots;
    for (let j = 0; j < m; j++) slots[j] = this.arena.alloc();
    this.fit();
    this.arena.store(batch.columns, this.all, batch.length, rows, slots, m);
    const at = batch.at;
    for (let j = 0; j < m; j++) {
      const s = slots[j]!;
      const i = rows[j]!;
      const k = keys[i]!;
      this.arena.seq[s] = batch.seq[i]!;
      this.arena.ts[s] = times === null ? NaN : times[i]!;
      this.at[s] = at ? at[i]! : 0;
      this.bound[s] = bounds[j]!;
      this.matched[s] = matched[j]!;
      this.key[s] = k;
      this.prev[s] = -1;
      // A NULL key (−1) matches nothing: the row is kept unchained.
      if (k < 0) {
        this.next[s] = -1;
        continue;
      }
      if (k >= this.head.length) this.head = grownI32(this.head, Math.max(k + 1, this.head.length * 2), -1);
      const h = this.head[k]!;
      this.next[s] = h;
      if (h >= 0) this.prev[h] = s;
      this.head[k] = s;
    }
    return slots;
  }

  /**
   * Holds row i of a batch: a slot with its key chained, its time, bound and match count, but not
   * its column values yet: `storeValues` copies those for many rows at once. Not its arrival key
   * (`at`): only the temporal join reads that, and it stores rows with `store`.
   */
  hold(batch: ColumnBatch, i: number, key: number, time: number, bound: number, matched: number): number {
    const s = this.arena.alloc();
    if (s >= this.key.length) this.fit();
    this.arena.seq[s] = batch.seq[i]!;
    this.arena.ts[s] = time;
    this.bound[s] = bound;
    this.matched[s] = matched;
    this.key[s] = key;
    this.prev[s] = -1;
    if (key < 0) {
      this.next[s] = -1;
      return s;
    }
    if (key >= this.head.length) this.head = grownI32(this.head, Math.max(key + 1, this.head.length * 2), -1);
    const h = this.head[key]!;
    this.next[s] = h;
    if (h >= 0) this.prev[h] = s;
    this.head[key] = s;
    return s;
  }

  /** The column values of rows rows[0..m) of a batch, into the slots `hold` gave them. */
  storeValues(batch: ColumnBatch, rows: Int32Array, slots: Int32Array, m: number): void {
    if (m === 0) return;
    const kept = this.kept;
    const cols = kept === null ? batch.columns : kept.map((c) => batch.columns[c]!);
    this.arena.store(cols, kept ?? this.all, batch.length, rows, slots, m);
  }

  /** Frees a slot (unlinks it from its key's chain). */
  remove(s: number): void {
    this.unlink(s);
    this.arena.release(s);
  }

  /** Unlinks a slot now but keeps its values until `releaseRetired` (output still to copy may read them). */
  removeLater(s: number): void {
    this.unlink(s);
    if (this.nRetired === this.retired.length) {
      const r = new Int32Array(this.nRetired * 2);
      r.set(this.retired);
      this.retired = r;
    }
    this.retired[this.nRetired++] = s;
  }

  /** Gives the slots of `removeLater` back to the arena. */
  releaseRetired(): void {
    for (let j = 0; j < this.nRetired; j++) this.arena.release(this.retired[j]!);
    this.nRetired = 0;
  }

  private unlink(s: number): void {
    const n = this.next[s]!;
    const p = this.prev[s]!;
    if (p >= 0) this.next[p] = n;
    else if (this.key[s]! >= 0) this.head[this.key[s]!] = n;
    if (n >= 0) this.prev[n] = p;
    this.gen[s]!++;
  }

  /**
   * Key ids renumbered (JoinKeys.compactIfGrown's map): every slot's key and the chain heads.
   * Call it with no slot retired (a retired slot's key may have been forgotten).
   */
  rekey(map: Int32Array, keys: number): void {
    const head = new Int32Array(Math.max(keys, 64)).fill(-1);
    const old = this.head;
    for (let k = 0; k < old.length; k++) if (old[k]! >= 0) head[map[k]!] = old[k]!;
    this.head = head;
    const key = this.key;
    // Every id is below the old key count (map's length); a free slot's stale id may map to −1.
    for (let s = 0; s < key.length; s++) if (key[s]! >= 0) key[s] = map[key[s]!]!;
  }

  /** Scratch for selected row indices. */
  rowScratch(m: number): Int32Array {
    if (this.rowsSel.length < m) this.rowsSel = new Int32Array(Math.max(m, this.rowsSel.length * 2));
    return this.rowsSel;
  }

  /** Keeps the per-slot arrays as long as the arena. */
  private fit(): void {
    const cap = this.arena.seq.length;
    if (this.key.length >= cap) return;
    this.key = grownI32(this.key, cap);
    this.next = grownI32(this.next, cap);
    this.prev = grownI32(this.prev, cap);
    this.bound = grownF64(this.bound, cap);
    this.matched = grownI32(this.matched, cap);
    this.at = grownF64(this.at, cap);
    this.gen = grownI32(this.gen, cap);
  }
}
