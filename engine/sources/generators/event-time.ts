/**
 * The event-time model of every generator (dialect §2.2, §4).
 *
 * Row i has a base time `floor(start_time + i * event_step)`, non-decreasing.
 * A fraction `out_of_order` of rows is moved back by 1…max_out_of_order ms; a
 * fraction `late` is placed behind the watermark: `ts = M(i) − d − 1 − x`,
 * where M(i) is the largest event time of all earlier rows, d the watermark
 * delay and x ∈ [0, max_out_of_order + 1000). So a late row always has
 * ts < W(i) = M(i) − d — it is late for every window already complete and
 * never raises the watermark itself. Row 0 is never late (there is no
 * watermark yet).
 *
 * Because late rows never raise the maximum, M(i) is the max over on-time rows
 * j < i of base(j) − shift(j), which a scan back from i − 1 finds quickly:
 * stop once base(j) is no more than the best so far (earlier rows can only be
 * smaller). Sequential producers keep M as a running max instead.
 */
import type { GeneratorOptions } from '../../core/stream-options';
import { streamKey, uniformAt, uniformsAt, uniformsFrom, uniformsLow } from '../prng';
import { fillInOrderTimes } from './fill-kernel';
import { type RowBlock, SALT, uniformsOf } from './generator-def';

/** Row classes: in order, moved back by out_of_order, placed behind the watermark. */
export const IN_ORDER = 0;
export const OUT_OF_ORDER = 1;
export const LATE = 2;

/**
 * The model's numbers, as plain data: the partition scan's WebAssembly loop
 * (partition-scan.wat) derives the same event times and running max from them.
 */
export interface TimeClock {
  readonly start: number;
  readonly step: number;
  /** Whether any row is late or out of order (else every row is in order and no class is drawn). */
  readonly shifted: boolean;
  readonly late: number;
  /** late + out_of_order: class draws from here on are in order. */
  readonly lateOoo: number;
  /** floor(max_out_of_order): an out-of-order row moves back 1 + floor(u · oooSpan) ms. */
  readonly oooSpan: number;
  /** A late row lies 1 + floor(u · lateSpan) ms behind the watermark. */
  readonly lateSpan: number;
  /** The watermark delay d. */
  readonly delay: number;
  readonly classKey: number;
  readonly oooKey: number;
  readonly lateKey: number;
}

export interface TimeModel {
  readonly clock: TimeClock;
  base(i: number): number;
  /** IN_ORDER, OUT_OF_ORDER or LATE, from one draw. */
  classOf(i: number): number;
  /** Event time of an out-of-order row. */
  movedTs(i: number): number;
  isLate(i: number): boolean;
  /** Event time of an on-time (possibly out-of-order) row. */
  onTimeTs(i: number): number;
  /** Event time of a late row, given M(i). */
  lateTs(i: number, maxBefore: number): number;
  /** Event time of any row given M(i) (−Infinity for row 0). */
  ts(i: number, maxBefore: number): number;
  /** M(i): the max event time of rows 0…i−1, by scanning back. */
  maxBefore(i: number): number;
  /** M(i) given M(p) = mp for some p ≤ i: scans back over rows p…i−1 only (with the same early stop). */
  maxFrom(p: number, mp: number, i: number): number;
  /**
   * Rows [pos, pos + count) in order, given M(pos) = maxTs: event time into
   * ts[j], M before each row less `minus` into maxBefore[j] (the delay gives
   * the watermark); returns M(pos + count). `u` is scratch of ≥ count
   * entries. The block form of `ts` + a running max.
   */
  scan(
    pos: number,
    count: number,
    maxTs: number,
    ts: Float64Array,
    maxBefore: Float64Array,
    u: Float64Array,
    minus: number,
  ): number;
  /**
   * Rows idx[0…n) = rows.i (increasing, not necessarily consecutive), given
   * M(p) = mp with p ≤ idx[0]: event time into ts[j] and the watermark
   * M(idx[j]) − d into wm[j]; returns M(idx[n−1] + 1). What `ts` and `maxFrom` give row by row,
   * drawing classes for these rows and their predecessors only: a
   * predecessor in order settles M at once, others scan back.
   */
  ownRows(rows: RowBlock, n: number, p: number, mp: number, ts: Float64Array, wm: Float64Array): number;
}

export function createTimeModel(o: GeneratorOptions, delay: number): TimeModel {
  const { start_time: start, event_step: step, late, out_of_order: ooo, max_out_of_order: maxOoo } = o;
  const classKey = streamKey(o.seed, SALT.timeClass);
  const oooKey = streamKey(o.seed, SALT.outOfOrder);
  const lateKey = streamKey(o.seed, SALT.lateShift);
  const oooSpan = Math.floor(maxOoo);
  const lateSpan = oooSpan + 1000;
  const lateOoo = late + ooo;
  const shifted = lateOoo > 0;
  const clock: TimeClock = {
    start,
    step,
    shifted,
    late,
    lateOoo,
    oooSpan,
    lateSpan,
    delay,
    classKey,
    oooKey,
    lateKey,
  };

  const base = (i: number): number => Math.floor(start + i * step);
  const classOf = (i: number): number => {
    if (!shifted) return IN_ORDER;
    const u = uniformAt(classKey, i);
    if (u < late) return i > 0 ? LATE : IN_ORDER;
    return u < lateOoo ? OUT_OF_ORDER : IN_ORDER;
  };
  const movedTs = (i: number): number => base(i) - 1 - Math.floor(uniformAt(oooKey, i) * oooSpan);
  const isLate = (i: number): boolean => classOf(i) === LATE;
  const onTimeTs = (i: number): number => (classOf(i) === OUT_OF_ORDER ? movedTs(i) : base(i));
  const lateTs = (i: number, maxBefore: number): number =>
    maxBefore - delay - 1 - Math.floor(uniformAt(lateKey, i) * lateSpan);
  const maxFrom = (p: number, mp: number, i: number): number => {
    // Starting from M(p) stops the scan back at once when no row in between can exceed it.
    let best = mp;
    for (let j = i - 1; j >= p; j--) {
      if (base(j) <= best) break;
      const c = classOf(j);
      if (c === LATE) continue;
      const t = c === OUT_OF_ORDER ? movedTs(j) : base(j);
      if (t > best) best = t;
    }
    return best;
  };
  /** Class draws of the own rows of an `ownRows` call, and of the rows just before them. */
  let uc = new Float64Array(0);
  let ucPrev = new Float64Array(0);
  /** M(i) of each own row, and the own rows `ownRows` redoes one by one. */
  let ownM = new Float64Array(0);
  let redo = new Int32Array(0);
  const scan = (
    pos: number,
    count: number,
    maxTs: number,
    tsOut: Float64Array,
    mbOut: Float64Array,
    u: Float64Array,
    minus: number,
  ): number => {
    if (!shifted) return fillInOrderTimes(pos, count, maxTs, start, step, tsOut, mbOut, minus);
    uniformsFrom(classKey, pos, count, u);
    for (let j = 0; j < count; j++) {
      const i = pos + j;
      const c = u[j]!;
      mbOut[j] = maxTs - minus;
      let t: number;
      if (c >= lateOoo || (c < late && i === 0)) t = Math.floor(start + i * step);
      else if (c < late) {
        tsOut[j] = lateTs(i, maxTs); // never raises M
        continue;
      } else t = movedTs(i);
      tsOut[j] = t;
      if (t > maxTs) maxTs = t;
    }
    return maxTs;
  };
  // Own rows: when row i − 1 is in order, M(i) = base(i − 1) — every earlier on-time
  // row has ts ≤ its base ≤ base(i − 1) — whether or not i − 1 is an own row. So
  // the usual own row (in order, after an in-order row) needs its own and its
  // predecessor's class draws, not M of the previous own row: one pass without
  // a branch sets those rows (whether a gap precedes a row is a coin flip at two
  // partitions), and the few others are redone in order, scanning back where needed.
  const ownRows = (
    rows: RowBlock,
    n: number,
    p: number,
    mp: number,
    tsOut: Float64Array,
    wmOut: Float64Array,
  ): number => {
    // Locals: closure constants would be reloaded (and unboxed) on every row.
    const t0 = start;
    const dt = step;
    const d = delay;
    const idx = rows.i;
    if (!shifted) {
      for (let j = 0; j < n; j++) {
        const i = idx[j]!;
        const m = i > 0 ? Math.floor(t0 + (i - 1) * dt) : mp;
        const t = Math.floor(t0 + i * dt);
        tsOut[j] = t;
        wmOut[j] = m - d;
      }
      return n > 0 ? tsOut[n - 1]! : mp;
    }
    if (uc.length < n) {
      uc = new Float64Array(n);
      ucPrev = new Float64Array(n);
      ownM = new Float64Array(n);
      redo = new Int32Array(n);
    }
    const u = uc;
    const up = ucPrev;
    uniformsOf(classKey, rows, n, u);
    const low = rows.low;
    // Row 0 has no predecessor: its −1 draws a value never read.
    if (low !== null) uniformsLow(classKey, low, n, up, -1);
    else {
      for (let j = 0; j < n; j++) up[j] = idx[j]! - 1;
      uniformsAt(classKey, up, n, up);
    }
    const inOrder = lateOoo;
    const m0 = ownM;
    const others = redo;
    // Every row as if it and the row before it were in order (the usual
    // case: ts = base(i), M(i) = base(i − 1)), without a branch; the rows
    // that are not are noted (+(…) adds 0 or 1) …
    let k = 0;
    for (let j = 0; j < n; j++) {
      const i = idx[j]!;
      const m = Math.floor(t0 + (i - 1) * dt);
      tsOut[j] = Math.floor(t0 + i * dt);
      wmOut[j] = m - d;
      m0[j] = m;
      others[k] = j;
      k += +(u[j]! < inOrder) | +(up[j]! < inOrder) | +(i === 0);
    }
    // … and redone in order, each from M after the own row before it.
    for (let z = 0; z < k; z++) {
      const j = others[z]!;
      const i = idx[j]!;
      let pj = p;
      let mj = mp;
      if (j > 0) {
        pj = idx[j - 1]! + 1;
        mj = after(u[j - 1]!, idx[j - 1]!, tsOut[j - 1]!, m0[j - 1]!);
      }
      const m = up[j]! >= inOrder && i > 0 ? Math.floor(t0 + (i - 1) * dt) : i > pj ? maxFrom(pj, mj, i) : mj;
      const c = u[j]!;
      let t: number;
      if (c >= inOrder || (c < late && i === 0)) t = Math.floor(t0 + i * dt);
      else if (c < late) t = lateTs(i, m);
      else t = movedTs(i);
      tsOut[j] = t;
      wmOut[j] = m - d;
      m0[j] = m;
    }
    return n > 0 ? after(u[n - 1]!, idx[n - 1]!, tsOut[n - 1]!, m0[n - 1]!) : mp;
  };
  /** M(i + 1) from row i's class draw c, its event time t and M(i) = m: late rows never raise it. */
  const after = (c: number, i: number, t: number, m: number): number =>
    (c >= late || i === 0) && t > m ? t : m;
  return {
    clock,
    scan,
    ownRows,
    base,
    classOf,
    movedTs,
    isLate,
    onTimeTs,
    lateTs,
    ts: (i, maxBefore) => (isLate(i) ? lateTs(i, maxBefore) : onTimeTs(i)),
    maxBefore(i) {
      return maxFrom(0, -Infinity, i);
    },
    maxFrom,
  };
}
