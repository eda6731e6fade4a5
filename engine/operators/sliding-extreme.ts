/**
 * Sliding MIN or MAX over each key's last `frame` values, by van Herk /
 * Gil-Werman blocks kept per key across runs: a key's elements are cut into
 * blocks of `frame` (W) positions, aligned to the key's element index. The
 * window ending at element n (offset o in its block) is the block's prefix
 * extreme up to o, combined with the previous block's suffix extreme from
 * offset o + 1: two comparisons per value, plus one more when a block ends
 * and its suffix extremes are computed. Nothing depends on where a run
 * starts, so the many short runs of a skewed stream cost no more per row
 * than long ones. (A monotonic deque pops a data-dependent number of entries
 * per row and mispredicts about once per row.)
 *
 * NULLs take the identity (±∞) and a window is NULL when it holds no
 * non-NULL value (the last non-NULL index is out of the frame). Windows that
 * hold NaN or −0 (where the order of ties and NaN comparisons would show) go
 * through a fresh deque built from the same history instead, which is
 * exactly the operator's previous per-row deque.
 */
import type { ResultColumn } from '../aggregate/result-column';
import { allValidAt } from '../core/batch';

/** One key's state: its last W values by element index mod W, and the block extremes. */
export class KeyExtremes {
  /** Element n at n mod W (identity before the key's first element and for NULLs). */
  readonly raw: Float64Array;
  /** 1 where raw holds a non-NULL value; kept only once the key has had a run with NULLs (before that, all are). */
  readonly ok: Uint8Array;
  hadNull = false;
  /** Suffix extremes of the previous complete block, by offset (identity before the first block ends). */
  readonly suf: Float64Array;
  /** Prefix extreme of the current block up to the last element. */
  pre: number;
  /** Index of the last non-NULL element, and of the last NaN / −0 (−∞: none). */
  lastValid = -Infinity;
  lastOdd = -Infinity;
  constructor(w: number, id: number) {
    this.raw = new Float64Array(w).fill(id);
    this.ok = new Uint8Array(w);
    this.suf = new Float64Array(w).fill(id);
    this.pre = id;
  }
}

export class SlidingExtreme {
  private readonly state: (KeyExtremes | undefined)[] = [];
  private readonly id: number;
  private keys = 0;
  private buf = new Float64Array(0);
  private bufOk = new Uint8Array(0);
  private dqIdx = new Int32Array(0);

  constructor(
    readonly frame: number,
    private readonly max: boolean,
  ) {
    this.id = max ? -Infinity : Infinity;
  }

  /** Output rows r in [from, to) are elements n0 + (r − from) of key k, value data[at[r]]. */
  run(
    k: number,
    n0: number,
    data: Float64Array,
    valid: Uint8Array | null,
    at: Int32Array,
    from: number,
    to: number,
    out: ResultColumn,
  ): void {
    const s = this.keyState(k);
    const H = this.frame - 1;
    // Rows before `r` are done by the block method; from the first window holding NaN or −0 on, the deque.
    const r = s.lastOdd >= n0 - H ? from : this.blocks(s, n0, data, valid, at, from, to, out);
    if (r < to) this.deque(s, n0 + (r - from), data, valid, at, r, to, out);
  }

  /** Key k's state, created on its first run. */
  keyState(k: number): KeyExtremes {
    let s = this.state[k];
    if (s === undefined) {
      s = this.state[k] = new KeyExtremes(this.frame, this.id);
      this.keys++;
    }
    return s;
  }

  /**
   * The block method for rows [from, to) until one meets NaN or −0; returns
   * the row it stopped at (`to` when none). Every window it computes holds
   * neither: the run starts clear of them (checked by the caller).
   */
  private blocks(
    s: KeyExtremes,
    n0: number,
    data: Float64Array,
    valid: Uint8Array | null,
    at: Int32Array,
    from: number,
    to: number,
    out: ResultColumn,
  ): number {
    const H = this.frame - 1;
    const raw = s.raw;
    const suf = s.suf;
    const nums = out.numberArrays()!.nums;
    let pre = s.pre;
    let o = n0 % this.frame;
    let r = from;
    if (!s.hadNull && allValidAt(valid, at, from, to)) {
      // No NULL ever: no validity to read or keep. Segments up to each block's last element run in their
      // own small loops (no call or block test inside, so V8 keeps them in registers: ~3× faster).
      const max = this.max;
      while (r < to) {
        const stop = Math.min(H, o + (to - r));
        pre = max
          ? this.segmentMax(s, data, at, r, o, stop, o === 0 ? this.id : pre, nums)
          : this.segmentMin(s, data, at, r, o, stop, o === 0 ? this.id : pre, nums);
        r += this.reached - o;
        o = this.reached;
        if (o < stop || r === to) break;
        // The block's last element: its window is the whole block, whose suffix extremes serve the next block.
        const x = data[at[r]!]!;
        if (x !== x || (x === 0 && 1 / x < 0)) break;
        raw[o] = x;
        pre = o === 0 || (max ? x > pre : x < pre) ? x : pre;
        nums[r++] = pre;
        this.suffixes(s);
        o = 0;
      }
      if (r > from) {
        s.lastValid = n0 + (r - from) - 1;
        out.setValidRange(from, r);
      }
      s.pre = pre;
      return r;
    }
    this.keepValidity(s, n0);
    const ok = s.ok;
    const id = this.id;
    const max = this.max;
    let lastValid = s.lastValid;
    for (; r < to; r++) {
      const i = at[r]!;
      let x = data[i]!;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        x = id;
        ok[o] = 0;
      } else {
        if (x !== x || (x === 0 && 1 / x < 0)) break;
        ok[o] = 1;
        lastValid = n0 + (r - from);
      }
      raw[o] = x;
      pre = o === 0 ? x : max ? Math.max(x, pre) : Math.min(x, pre);
      if (o === H) {
        nums[r] = pre;
        this.suffixes(s);
        o = 0;
      } else {
        const a = suf[o + 1]!;
        nums[r] = max ? Math.max(a, pre) : Math.min(a, pre);
        o++;
      }
    }
    if (r > from) out.setValidRange(from, r);
    // A window with no non-NULL value is NULL (only possible when the run has NULLs).
    if (valid !== null) {
      let lv = s.lastValid;
      for (let q = from; q < r; q++) {
        const n = n0 + (q - from);
        const i = at[q]!;
        if ((valid[i >> 3]! & (1 << (i & 7))) !== 0) lv = n;
        else if (lv < n - H) out.setNull(q);
      }
    }
    s.pre = pre;
    s.lastValid = lastValid;
    return r;
  }

  /** From element n on the key's validity ring is kept: until its first NULL every element it holds was valid. */
  private keepValidity(s: KeyExtremes, n: number): void {
    if (s.hadNull) return;
    s.hadNull = true;
    for (let e = Math.max(0, n - this.frame); e < n; e++) s.ok[e % this.frame] = 1;
  }

  /** Where the last segment stopped: its end offset, or the offset of the NaN / −0 it met. */
  private reached = 0;

  /**
   * MAX: block offsets [o0, o1) are rows r0 …; pre is the block's prefix
   * extreme before o0 (the identity at the block's start). Returns it after
   * the segment; stops at NaN or −0 (see `reached`).
   */
  private segmentMax(
    s: KeyExtremes,
    data: Float64Array,
    at: Int32Array,
    r0: number,
    o0: number,
    o1: number,
    pre: number,
    nums: Float64Array,
  ): number {
    const raw = s.raw;
    const suf = s.suf;
    let m = pre;
    let o = o0;
    for (let r = r0; o < o1; o++, r++) {
      const x = data[at[r]!]!;
      if (x !== x || (x === 0 && 1 / x < 0)) break;
      raw[o] = x;
      m = x > m ? x : m;
      const a = suf[o + 1]!;
      nums[r] = a > m ? a : m;
    }
    this.reached = o;
    return m;
  }

  /** MIN: as `segmentMax`. */
  private segmentMin(
    s: KeyExtremes,
    data: Float64Array,
    at: Int32Array,
    r0: number,
    o0: number,
    o1: number,
    pre: number,
    nums: Float64Array,
  ): number {
    const raw = s.raw;
    const suf = s.suf;
    let m = pre;
    let o = o0;
    for (let r = r0; o < o1; o++, r++) {
      const x = data[at[r]!]!;
      if (x !== x || (x === 0 && 1 / x < 0)) break;
      raw[o] = x;
      m = x < m ? x : m;
      const a = suf[o + 1]!;
      nums[r] = a < m ? a : m;
    }
    this.reached = o;
    return m;
  }

  /** Suffix extremes of the block the ring holds (just completed). */
  private suffixes(s: KeyExtremes): void {
    const raw = s.raw;
    const suf = s.suf;
    const H = this.frame - 1;
    let m = raw[H]!;
    suf[H] = m;
    if (this.max)
      for (let p = H - 1; p >= 0; p--) {
        const v = raw[p]!;
        if (v > m) m = v;
        suf[p] = m;
      }
    else
      for (let p = H - 1; p >= 0; p--) {
        const v = raw[p]!;
        if (v < m) m = v;
        suf[p] = m;
      }
  }

  /**
   * Rows [from, to) (elements n0 …) by a monotonic deque over the key's last
   * H values and the rows, skipping NULLs: the per-row method, for windows
   * where ties of 0 / −0 or NaN show. Then the key's block state is rebuilt
   * from its values.
   */
  private deque(
    s: KeyExtremes,
    n0: number,
    data: Float64Array,
    valid: Uint8Array | null,
    at: Int32Array,
    from: number,
    to: number,
    out: ResultColumn,
  ): void {
    const W = this.frame;
    const H = W - 1;
    const L = to - from;
    const T = H + L;
    this.ensure(T);
    const buf = this.buf;
    const bok = this.bufOk;
    for (let p = 0; p < H; p++) {
      const n = n0 - H + p;
      const c = ((n % W) + W) % W;
      buf[p] = s.raw[c]!;
      bok[p] = s.hadNull ? s.ok[c]! : n >= 0 ? 1 : 0;
    }
    if (valid !== null) this.keepValidity(s, n0);
    let lastOdd = s.lastOdd;
    let lastValid = s.lastValid;
    for (let r = 0; r < L; r++) {
      const i = at[from + r]!;
      const p = H + r;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) {
        buf[p] = this.id;
        bok[p] = 0;
      } else {
        const x = data[i]!;
        buf[p] = x;
        bok[p] = 1;
        lastValid = n0 + r;
        if (x !== x || (x === 0 && 1 / x < 0)) lastOdd = n0 + r;
      }
    }
    const idx = this.dqIdx;
    const max = this.max;
    let head = 0;
    let tail = 0;
    for (let p = 0; p < T; p++) {
      while (tail > head && idx[head]! < p - H) head++;
      if (bok[p] === 1) {
        const x = buf[p]!;
        while (tail > head) {
          const y = buf[idx[tail - 1]!]!;
          if (max ? y > x : y < x) break;
          tail--;
        }
        idx[tail++] = p;
      }
      if (p < H) continue;
      if (tail > head) out.setNumber(from + p - H, buf[idx[head]!]!);
      else out.setNull(from + p - H);
    }
    // The rows' values into the ring, then the block extremes from the ring.
    for (let r = 0; r < L; r++) {
      const c = (n0 + r) % W;
      s.raw[c] = buf[H + r]!;
      s.ok[c] = bok[H + r]!;
    }
    s.lastOdd = lastOdd;
    s.lastValid = lastValid;
    this.rebuild(s, n0 + L);
  }

  /** Prefix extreme of the current block and suffix extremes of the previous one, from the ring, before element n. */
  private rebuild(s: KeyExtremes, n: number): void {
    const W = this.frame;
    const max = this.max;
    const o = n % W;
    const better = (a: number, b: number): number => (max ? (a > b ? a : b) : a < b ? a : b);
    // Current block: offsets [0, o). Previous block: offsets [o, W) of the ring (elements n − W … of it), when it exists.
    let pre = this.id;
    for (let p = 0; p < o; p++) pre = better(s.raw[p]!, pre);
    s.pre = pre;
    let m = this.id;
    for (let p = W - 1; p >= 0; p--) {
      if (p >= o) m = better(s.raw[p]!, m);
      s.suf[p] = p >= o ? m : this.id;
    }
  }

  private ensure(T: number): void {
    if (this.buf.length >= T) return;
    const n = Math.max(T, this.buf.length * 2, 256);
    this.buf = new Float64Array(n);
    this.bufOk = new Uint8Array(n);
    this.dqIdx = new Int32Array(n);
  }

  /** Values held: the history of every key seen. */
  held(): number {
    return this.keys * (this.frame - 1);
  }
}
