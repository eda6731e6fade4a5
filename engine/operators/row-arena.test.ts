import { describe, expect, it } from 'vitest';
import { DictBuilder } from '../expr/compile-kernel';
import { RowArena } from './row-arena';

describe('RowArena.store', () => {
  it('stores the listed rows of a string column with NULLs, by dictionary code', () => {
    const d = new DictBuilder();
    const values = ['a', null, 'b', 'a', null, 'c'];
    const codes = Int32Array.from(values, (v) => (v === null ? 0 : d.code(v)));
    // Rows 1 and 4 are NULL.
    const col = d.finish(codes, Uint8Array.of(0b101101));
    const arena = new RowArena(['VARCHAR']);
    const rows = Int32Array.of(5, 1, 2, 4);
    const slots = Int32Array.from(rows, () => arena.alloc());
    arena.store([col], [0], values.length, rows, slots, rows.length);
    expect([...slots].map((s) => arena.value(0, s))).toEqual(['c', null, 'b', null]);
  });
});
