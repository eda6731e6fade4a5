/**
 * Values of one key column → small integer ids (0 = NULL), stable for the
 * life of the operator. Strings are decoded once per dictionary entry per
 * batch (a remap array), never once per row.
 */
import type { Column, StringColumn } from '../core/batch';
import type { DataType, Value } from '../core/types';
import { dictionaryOf } from '../expr/compile-kernel';

const encoder = new TextEncoder();

/** Bits of a double, for hashing. */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

function hashNumber(x: number): number {
  bits[0] = x;
  const h = Math.imul(words[0]! ^ words[1]!, 0x9e3779b1);
  return h ^ (h >>> 15);
}

export class KeyInterner {
  private readonly ids = new Map<number | string, number>();
  /**
   * Numbers in an open-addressing table (slot empty where numIds is 0, NULL's id): a join or
   * GROUP BY keys every row, and a Map lookup per row was most of its keying.
   */
  private numKeys = new Float64Array(64);
  private numIds = new Int32Array(64);
  private numCount = 0;
  private nanId = 0;
  /** id → value (index 0 = NULL). */
  readonly values: Value[] = [null];
  private remap = new Int32Array(64);
  private remapBytes: Uint8Array | null = null;
  private remapOffsets: Int32Array | null = null;
  private stamp = new Int32Array(0);
  private local = new Int32Array(0);
  private stampNo = 0;
  /** Ids of an output dictionary, in code order (scratch). */
  private order = new Int32Array(0);
  /**
   * UTF-8 of every string value, in id order (id's bytes at
   * [utf8Offsets[id], utf8Offsets[id + 1]); id 0, NULL, is empty), encoded
   * on first output: output dictionaries copy bytes instead of encoding
   * every key string again for every batch it appears in.
   */
  private utf8 = new Uint8Array(0);
  private utf8Offsets = new Int32Array(2);
  private encoded = 1;

  constructor(readonly type: DataType) {}

  get size(): number {
    return this.values.length;
  }

  idOf(v: Value): number {
    if (v === null) return 0;
    if (typeof v === 'number') return this.numberId(v);
    const k = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(k, id);
      this.values.push(v);
    }
    return id;
  }

  /** As a Map keyed by number would (SameValueZero: −0 is 0, NaN is NaN), the first value seen kept. */
  private numberId(x: number): number {
    if (x !== x) {
      if (this.nanId === 0) {
        this.nanId = this.values.length;
        this.values.push(x);
      }
      return this.nanId;
    }
    const keys = this.numKeys;
    const ids = this.numIds;
    const mask = ids.length - 1;
    // −0 has other bits than 0 but is equal to it: both hash as 0.
    let h = hashNumber(x === 0 ? 0 : x) & mask;
    for (let id = ids[h]!; id !== 0; id = ids[h]!) {
      if (keys[h] === x) return id;
      h = (h + 1) & mask;
    }
    const id = this.values.length;
    this.values.push(x);
    keys[h] = x;
    ids[h] = id;
    if (++this.numCount * 2 > ids.length) this.growNumbers();
    return id;
  }

  private growNumbers(): void {
    const oldKeys = this.numKeys;
    const oldIds = this.numIds;
    const keys = (this.numKeys = new Float64Array(oldIds.length * 2));
    const ids = (this.numIds = new Int32Array(oldIds.length * 2));
    const mask = ids.length - 1;
    for (let j = 0; j < oldIds.length; j++) {
      const id = oldIds[j]!;
      if (id === 0) continue;
      const x = oldKeys[j]!;
      let h = hashNumber(x === 0 ? 0 : x) & mask;
      while (ids[h] !== 0) h = (h + 1) & mask;
      keys[h] = x;
      ids[h] = id;
    }
  }

  /** Id of every entry of a string column's dictionary (this interner's buffer: valid until its next call). */
  dictionaryIds(c: StringColumn): Int32Array {
    // A batch reaches a join in many slices: its dictionary is interned once (dictionaries are
    // never mutated, each batch has its own).
    if (c.dictBytes === this.remapBytes && c.dictOffsets === this.remapOffsets) return this.remap;
    this.remapBytes = c.dictBytes;
    this.remapOffsets = c.dictOffsets;
    const dict = dictionaryOf(c);
    if (this.remap.length < dict.length)
      this.remap = new Int32Array(Math.max(dict.length, this.remap.length * 2));
    const remap = this.remap;
    for (let k = 0; k < dict.length; k++) remap[k] = this.idOf(dict[k]!);
    return remap;
  }

  /** Ids of rows [0, n) of a column into `out`. */
  intern(c: Column, n: number, out: Int32Array): void {
    switch (c.type) {
      case 'NULL':
        out.fill(0, 0, n);
        return;
      case 'VARCHAR':
        this.internStrings(c, n, out);
        return;
      case 'BOOLEAN': {
        const v = c.valid;
        for (let i = 0; i < n; i++)
          out[i] = v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0 ? 0 : this.idOf(c.data[i] === 1);
        return;
      }
      default: {
        const v = c.valid;
        const d = c.data;
        let last = NaN;
        let lastId = 0;
        for (let i = 0; i < n; i++) {
          if (v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0) {
            out[i] = 0;
            continue;
          }
          const x = d[i]!;
          if (x !== last) {
            last = x;
            lastId = this.numberId(x === 0 ? 0 : x);
          }
          out[i] = lastId;
        }
      }
    }
  }

  private internStrings(c: StringColumn, n: number, out: Int32Array): void {
    const remap = this.dictionaryIds(c);
    const codes = c.codes;
    const v = c.valid;
    if (v === null) for (let i = 0; i < n; i++) out[i] = remap[codes[i]!]!;
    else for (let i = 0; i < n; i++) out[i] = (v[i >> 3]! & (1 << (i & 7))) === 0 ? 0 : remap[codes[i]!]!;
  }

  /** A column of the values behind ids[0..m). */
  buildColumn(ids: Int32Array, m: number): Column {
    let nulls = 0;
    for (let j = 0; j < m; j++) if (ids[j] === 0) nulls++;
    const vb = nulls === 0 ? null : validity(ids, m);
    switch (this.type) {
      case 'NULL':
        return { type: 'NULL', length: m };
      case 'VARCHAR':
        return this.stringColumn(ids, m, vb);
      case 'BOOLEAN': {
        const data = new Uint8Array(m);
        for (let j = 0; j < m; j++) data[j] = this.values[ids[j]!] === true ? 1 : 0;
        return { type: 'BOOLEAN', data, valid: vb };
      }
      default: {
        const data = new Float64Array(m);
        for (let j = 0; j < m; j++) data[j] = ids[j] === 0 ? 0 : (this.values[ids[j]!] as number);
        return { type: this.type, data, valid: vb };
      }
    }
  }

  /** The strings behind ids[0..m): a dictionary of the ids that occur, in order of first occurrence. */
  private stringColumn(ids: Int32Array, m: number, valid: Uint8Array | null): StringColumn {
    this.encodeNew();
    const size = this.values.length;
    // id → local code, valid only where stamp[id] is this call's stamp: no clearing, no Map.
    if (this.stamp.length < size) {
      this.stamp = new Int32Array(size * 2);
      this.local = new Int32Array(size * 2);
      this.order = new Int32Array(size * 2);
    }
    const st = ++this.stampNo;
    const stamp = this.stamp;
    const local = this.local;
    const order = this.order;
    const off = this.utf8Offsets;
    const codes = new Int32Array(m);
    let n = 0;
    let bytes = 0;
    for (let j = 0; j < m; j++) {
      const id = ids[j]!;
      if (id === 0) continue;
      if (stamp[id] !== st) {
        stamp[id] = st;
        local[id] = n;
        order[n++] = id;
        bytes += off[id + 1]! - off[id]!;
      }
      codes[j] = local[id]!;
    }
    const dictOffsets = new Int32Array(n + 1);
    const dictBytes = new Uint8Array(bytes);
    const utf8 = this.utf8;
    let p = 0;
    for (let k = 0; k < n; k++) {
      const id = order[k]!;
      for (let b = off[id]!; b < off[id + 1]!; b++) dictBytes[p++] = utf8[b]!;
      dictOffsets[k + 1] = p;
    }
    return { type: 'VARCHAR', codes, dictBytes, dictOffsets, valid };
  }

  /** Encodes the values interned since the last call. */
  private encodeNew(): void {
    const size = this.values.length;
    if (this.encoded === size) return;
    if (this.utf8Offsets.length < size + 1) {
      const o = new Int32Array(Math.max(size + 1, this.utf8Offsets.length * 2));
      o.set(this.utf8Offsets);
      this.utf8Offsets = o;
    }
    const off = this.utf8Offsets;
    for (let id = this.encoded; id < size; id++) {
      const s = this.values[id] as string;
      const at = off[id]!;
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (this.utf8.length < at + 3 * s.length) {
        const b = new Uint8Array(Math.max(at + 3 * s.length, this.utf8.length * 2, 256));
        b.set(this.utf8.subarray(0, at));
        this.utf8 = b;
      }
      off[id + 1] = at + encoder.encodeInto(s, this.utf8.subarray(at)).written;
    }
    this.encoded = size;
  }
}

/** Validity bitmap of ids[0..m): bit j set where ids[j] is not 0 (NULL). */
function validity(ids: Int32Array, m: number): Uint8Array {
  const valid = new Uint8Array((m + 7) >> 3);
  for (let j = 0; j < m; j++) if (ids[j] !== 0) valid[j >> 3]! |= 1 << (j & 7);
  return valid;
}
