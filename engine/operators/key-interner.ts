/**
 * Values of one key column → small integer ids (0 = NULL), stable for the
 * life of the operator. Strings are decoded once per dictionary entry per
 * batch (a remap array), never once per row.
 */
import type { Column, StringColumn } from '../core/batch';
import type { DataType, Value } from '../core/types';
import { DictBuilder, dictionaryOf } from '../expr/compile-kernel';

export class KeyInterner {
  private readonly ids = new Map<number | string, number>();
  /** id → value (index 0 = NULL). */
  readonly values: Value[] = [null];
  private remap = new Int32Array(64);
  private stamp = new Int32Array(0);
  private local = new Int32Array(0);
  private stampNo = 0;

  constructor(readonly type: DataType) {}

  get size(): number {
    return this.values.length;
  }

  idOf(v: Value): number {
    if (v === null) return 0;
    const k = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(k, id);
      this.values.push(v);
    }
    return id;
  }

  /** Id of every entry of a string column's dictionary (this interner's buffer: valid until its next call). */
  dictionaryIds(c: StringColumn): Int32Array {
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
            lastId = this.idOf(x === 0 ? 0 : x);
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
    const valid = new Uint8Array((m + 7) >> 3);
    let nulls = 0;
    for (let j = 0; j < m; j++) {
      if (ids[j] === 0) nulls++;
      else valid[j >> 3]! |= 1 << (j & 7);
    }
    const vb = nulls === 0 ? null : valid;
    switch (this.type) {
      case 'NULL':
        return { type: 'NULL', length: m };
      case 'VARCHAR': {
        // id → local code, valid only where stamp[id] is this call's stamp: no clearing, no Map.
        if (this.stamp.length < this.values.length) {
          this.stamp = new Int32Array(this.values.length * 2);
          this.local = new Int32Array(this.values.length * 2);
        }
        const st = ++this.stampNo;
        const stamp = this.stamp;
        const local = this.local;
        const d = new DictBuilder();
        const codes = new Int32Array(m);
        for (let j = 0; j < m; j++) {
          const id = ids[j]!;
          if (id === 0) continue;
          if (stamp[id] !== st) {
            stamp[id] = st;
            local[id] = d.code(this.values[id] as string);
          }
          codes[j] = local[id]!;
        }
        return d.finish(codes, vb);
      }
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
}
