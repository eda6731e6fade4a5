/**
 * MIN and MAX of the same argument over the same row frame in one pass: the
 * block method of `SlidingExtreme` for both at once, so each value is read
 * (through the row index) once instead of twice and both block extremes come
 * from one loop. Each side keeps its own state, exactly as if it had run
 * alone (both rings get every value: the loop writes MIN's, and MAX's is
 * copied from it once per call), so from the first NULL, NaN or −0 on the
 * rest of the run is left to each side's own `run`.
 */
import type { ResultColumn } from '../aggregate/result-column';
import { allValidAt } from '../core/batch';
import type { KeyExtremes, SlidingExtreme } from './sliding-extreme';

/** Where the last segment stopped (its end offset, or the offset of the NaN / −0 it met), and its MAX prefix. */
let reached = 0;
let segmentHigh = 0;

/**
 * Output rows r in [from, to) are elements n0 + (r − from) of key k, value
 * data[at[r]]: MIN by `lo` into outLo, MAX by `hi` into outHi (same frame).
 */
export function runMinMax(
  lo: SlidingExtreme,
  hi: SlidingExtreme,
  k: number,
  n0: number,
  data: Float64Array,
  valid: Uint8Array | null,
  at: Int32Array,
  from: number,
  to: number,
  outLo: ResultColumn,
  outHi: ResultColumn,
): void {
  const a = lo.keyState(k);
  const b = hi.keyState(k);
  const H = lo.frame - 1;
  // Both sides have seen the same values, so they take the block method under the same conditions.
  const clear = a.lastOdd < n0 - H && b.lastOdd < n0 - H && !a.hadNull && !b.hadNull;
  const r =
    clear && allValidAt(valid, at, from, to) ? blocks(a, b, H, n0, data, at, from, to, outLo, outHi) : from;
  if (r === to) return;
  const n = n0 + (r - from);
  lo.run(k, n, data, valid, at, r, to, outLo);
  hi.run(k, n, data, valid, at, r, to, outHi);
}

/** `SlidingExtreme.blocks` without NULLs for both sides; returns the row it stopped at (NaN or −0), `to` when none. */
function blocks(
  a: KeyExtremes,
  b: KeyExtremes,
  H: number,
  n0: number,
  data: Float64Array,
  at: Int32Array,
  from: number,
  to: number,
  outLo: ResultColumn,
  outHi: ResultColumn,
): number {
  const rawA = a.raw;
  const rawB = b.raw;
  const numsLo = outLo.numberArrays()!.nums;
  const numsHi = outHi.numberArrays()!.nums;
  let low = a.pre;
  let high = b.pre;
  const o0 = n0 % (H + 1);
  let o = o0;
  let r = from;
  while (r < to) {
    const stop = Math.min(H, o + (to - r));
    const s0 = o === 0;
    low = segment(a, b, data, at, r, o, stop, s0 ? Infinity : low, s0 ? -Infinity : high, numsLo, numsHi);
    high = segmentHigh;
    r += reached - o;
    o = reached;
    if (o < stop || r === to) break;
    // The block's last element: its window is the whole block, whose suffix extremes serve the next block.
    const x = data[at[r]!]!;
    if (x !== x || (x === 0 && 1 / x < 0)) break;
    rawA[o] = x;
    low = o === 0 || x < low ? x : low;
    high = o === 0 || x > high ? x : high;
    numsLo[r] = low;
    numsHi[r++] = high;
    suffixes(rawA, a.suf, b.suf, H);
    o = 0;
  }
  if (r > from) {
    copyRing(rawA, rawB, o0, r - from);
    a.lastValid = b.lastValid = n0 + (r - from) - 1;
    outLo.setValidRange(from, r);
    outHi.setValidRange(from, r);
  }
  a.pre = low;
  b.pre = high;
  return r;
}

/**
 * Block offsets [o0, o1) are rows r0 …; low / high are the block's prefix
 * extremes before o0. Returns the MIN prefix after the segment (the MAX one
 * in `segmentHigh`); stops at NaN or −0 (see `reached`). A small loop with no
 * call inside, so V8 keeps it in registers.
 */
function segment(
  a: KeyExtremes,
  b: KeyExtremes,
  data: Float64Array,
  at: Int32Array,
  r0: number,
  o0: number,
  o1: number,
  low: number,
  high: number,
  numsLo: Float64Array,
  numsHi: Float64Array,
): number {
  const raw = a.raw;
  const sufLo = a.suf;
  const sufHi = b.suf;
  let lo = low;
  let hi = high;
  let o = o0;
  for (let r = r0; o < o1; o++, r++) {
    const x = data[at[r]!]!;
    if (x !== x || (x === 0 && 1 / x < 0)) break;
    raw[o] = x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    const p = sufLo[o + 1]!;
    const q = sufHi[o + 1]!;
    numsLo[r] = p < lo ? p : lo;
    numsHi[r] = q > hi ? q : hi;
  }
  reached = o;
  segmentHigh = hi;
  return lo;
}

/** Ring offsets of `count` elements from offset o0 (wrapping) from `from` into `into`: the MIN ring's values into the MAX ring. */
function copyRing(from: Float64Array, into: Float64Array, o0: number, count: number): void {
  const W = from.length;
  if (count >= W) into.set(from);
  else if (o0 + count <= W) into.set(from.subarray(o0, o0 + count), o0);
  else {
    into.set(from.subarray(o0), o0);
    into.set(from.subarray(0, o0 + count - W));
  }
}

/** Suffix MIN and MAX of the block the ring holds (just completed). */
function suffixes(raw: Float64Array, sufLo: Float64Array, sufHi: Float64Array, H: number): void {
  let lo = raw[H]!;
  let hi = lo;
  sufLo[H] = lo;
  sufHi[H] = hi;
  for (let p = H - 1; p >= 0; p--) {
    const v = raw[p]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sufLo[p] = lo;
    sufHi[p] = hi;
  }
}
