/**
 * Sliding MIN or MAX over each key's last `frame` values, a run of one key's
 * rows at a time, by van Herk / Gil-Werman blocks: the run, preceded by the
 * key's previous frame − 1 values, is cut into blocks of `frame` positions;
 * a running extreme from each block's start (prefix) and one to its end
 * (suffix) make every window's extreme the better of two numbers. Three
 * comparisons per value whose outcome rarely changes (a running extreme is
 * seldom beaten), where a monotonic deque pops a data-dependent number of
 * entries per row and mispredicts about once per row.
 *
 * NULLs take the identity (±∞) and a window is NULL when it holds no
 * non-NULL value (the last non-NULL index is out of the frame). A run that
 * meets NaN or −0 (where the order of ties and NaN comparisons would show)
 * goes through a fresh deque built from the same history instead, which is
 * exactly the operator's previous per-row deque.
 */
import type { ResultColumn } from '../aggregate/result-column';

export class SlidingExtreme {
  /** Per key: ring of its last frame − 1 values (element n at n mod (frame − 1)) and their validity. */
  private readonly hv: (Float64Array | undefined)[] = [];
  private readonly hn: (Uint8Array | undefined)[] = [];
  /** Per key: index of its last non-NULL value, and of its last NaN / −0 (−∞: none). */
  private lastValid = new Float64Array(0);
  private lastOdd = new Float64Array(0);
  private buf = new Float64Array(0);
  private ok = new Uint8Array(0);
  private pre = new Float64Array(0);
  private suf = new Float64Array(0);
  private dqIdx = new Int32Array(0);
  private keys = 0;
  /** Whether every value of the current run is non-NULL. */
  private allValid = true;

  constructor(
    private readonly frame: number,
    private readonly max: boolean,
  ) {}

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
    const H = this.frame - 1;
    const L = to - from;
    const T = H + L;
    this.ensure(k, T);
    const id = this.max ? -Infinity : Infinity;
    const buf = this.buf;
    const ok = this.ok;
    // Positions [0, H): the key's previous H elements n0 − H … n0 − 1 (before its first: identity, not valid).
    if (H > 0) {
      let hv = this.hv[k];
      let hn = this.hn[k];
      if (hv === undefined || hn === undefined) {
        hv = this.hv[k] = new Float64Array(H);
        hn = this.hn[k] = new Uint8Array(H);
        this.keys++;
      }
      for (let p = 0; p < H; p++) {
        const n = n0 - H + p;
        if (n < 0) {
          buf[p] = id;
          ok[p] = 0;
        } else {
          const c = n % H;
          buf[p] = hv[c]!;
          ok[p] = hn[c]!;
        }
      }
    }
    let lastValid = this.lastValid[k]!;
    let lastOdd = this.lastOdd[k]!;
    this.allValid = true;
    if (valid === null)
      for (let r = 0; r < L; r++) {
        const x = data[at[from + r]!]!;
        buf[H + r] = x;
        ok[H + r] = 1;
        if (x !== x || (x === 0 && 1 / x < 0)) lastOdd = n0 + r;
      }
    else
      for (let r = 0; r < L; r++) {
        const i = at[from + r]!;
        const p = H + r;
        if ((valid[i >> 3]! & (1 << (i & 7))) === 0) {
          buf[p] = id;
          ok[p] = 0;
          this.allValid = false;
        } else {
          const x = data[i]!;
          buf[p] = x;
          ok[p] = 1;
          if (x !== x || (x === 0 && 1 / x < 0)) lastOdd = n0 + r;
        }
      }
    if (lastOdd >= n0 - H) this.deque(L, out, from);
    else this.blocks(L, out, from, n0, lastValid);
    for (let r = L - 1; r >= 0; r--)
      if (ok[H + r] === 1) {
        lastValid = Math.max(lastValid, n0 + r);
        break;
      }
    this.lastValid[k] = lastValid;
    this.lastOdd[k] = lastOdd;
    // Keep the last H elements for the next run.
    if (H > 0) {
      const hv = this.hv[k]!;
      const hn = this.hn[k]!;
      for (let p = Math.max(0, T - H); p < T; p++) {
        const n = n0 - H + p;
        if (n < 0) continue;
        hv[n % H] = buf[p]!;
        hn[n % H] = ok[p]!;
      }
    }
  }

  /** Van Herk / Gil-Werman over buf[0, H + L). */
  private blocks(L: number, out: ResultColumn, from: number, n0: number, lastValidBefore: number): void {
    const W = this.frame;
    const H = W - 1;
    const T = H + L;
    const buf = this.buf;
    const ok = this.ok;
    const pre = this.pre;
    const suf = this.suf;
    const max = this.max;
    // Prefix extremes from each block start, over every position.
    for (let b = 0; b < T; b += W) {
      const e = Math.min(b + W, T);
      let m = buf[b]!;
      pre[b] = m;
      if (max)
        for (let p = b + 1; p < e; p++) {
          const x = buf[p]!;
          m = x > m ? x : m;
          pre[p] = m;
        }
      else
        for (let p = b + 1; p < e; p++) {
          const x = buf[p]!;
          m = x < m ? x : m;
          pre[p] = m;
        }
    }
    // Suffix extremes to each block end, for window starts [0, L).
    for (let b = 0; b < L; b += W) {
      const e = Math.min(b + W, T);
      let m = buf[e - 1]!;
      suf[e - 1] = m;
      if (max)
        for (let p = e - 2; p >= b; p--) {
          const x = buf[p]!;
          m = x > m ? x : m;
          suf[p] = m;
        }
      else
        for (let p = e - 2; p >= b; p--) {
          const x = buf[p]!;
          m = x < m ? x : m;
          suf[p] = m;
        }
    }
    // Numbers straight into the result column, validity set for the whole run, then the NULL rows cleared.
    const nums = out.numberArrays()!.nums;
    if (max)
      for (let r = 0; r < L; r++) {
        const a = suf[r]!;
        const c = pre[H + r]!;
        nums[from + r] = a > c ? a : c;
      }
    else
      for (let r = 0; r < L; r++) {
        const a = suf[r]!;
        const c = pre[H + r]!;
        nums[from + r] = a < c ? a : c;
      }
    out.setValidRange(from, from + L);
    if (this.allValid) return;
    let lastValid = lastValidBefore;
    for (let r = 0; r < L; r++) {
      if (ok[H + r] === 1) lastValid = n0 + r;
      else if (lastValid <= n0 + r - W) out.setNull(from + r);
    }
  }

  /** A monotonic deque over buf[0, H + L), skipping NULLs: the per-row method, for runs where ties of 0 / −0 or NaN show. */
  private deque(L: number, out: ResultColumn, from: number): void {
    const W = this.frame;
    const H = W - 1;
    const T = H + L;
    const buf = this.buf;
    const ok = this.ok;
    const idx = this.dqIdx;
    const max = this.max;
    let head = 0;
    let tail = 0;
    for (let p = 0; p < T; p++) {
      while (tail > head && idx[head]! < p - H) head++;
      if (ok[p] === 1) {
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
  }

  private ensure(k: number, T: number): void {
    if (this.buf.length < T) {
      const n = Math.max(T, this.buf.length * 2, 256);
      this.buf = new Float64Array(n);
      this.ok = new Uint8Array(n);
      this.pre = new Float64Array(n);
      this.suf = new Float64Array(n);
      this.dqIdx = new Int32Array(n);
    }
    if (k >= this.lastValid.length) {
      const n = Math.max(64, (k + 1) * 2);
      const v = new Float64Array(n).fill(-Infinity);
      v.set(this.lastValid);
      this.lastValid = v;
      const o = new Float64Array(n).fill(-Infinity);
      o.set(this.lastOdd);
      this.lastOdd = o;
    }
  }

  /** Values held: the history of every key seen. */
  held(): number {
    return this.keys * (this.frame - 1);
  }
}
