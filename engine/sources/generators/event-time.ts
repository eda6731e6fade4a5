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
import { streamKey, uniformAt, uniformsFrom } from '../prng';
import { SALT } from './generator-def';

/** Row classes: in order, moved back by out_of_order, placed behind the watermark. */
export const IN_ORDER = 0;
export const OUT_OF_ORDER = 1;
export const LATE = 2;

export interface TimeModel {
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
   * ts[j], M before each row into maxBefore[j]; returns M(pos + count). `u`
   * is scratch of ≥ count entries. The block form of `ts` + a running max.
   */
  scan(
    pos: number,
    count: number,
    maxTs: number,
    ts: Float64Array,
    maxBefore: Float64Array,
    u: Float64Array,
  ): number;
  /** The class draws of rows [pos, pos + count) into out (nothing when no row is ever moved). */
  classUniforms(pos: number, count: number, out: Float64Array): void;
  /**
   * Rows idx[0…n) (increasing, not necessarily consecutive), given M(p) = mp
   * with p ≤ idx[0]: event time into ts[j] and the watermark M(idx[j]) − d into
   * wm[j]; returns M(idx[n−1] + 1). What `ts` and `maxFrom` give row by row,
   * reading the class draws of rows [ucFrom, …) from `uc` (`classUniforms`,
   * which must cover every idx[j]): a predecessor in order settles M at
   * once, other cases scan back.
   */
  ownRows(
    idx: Float64Array,
    n: number,
    p: number,
    mp: number,
    ts: Float64Array,
    wm: Float64Array,
    uc: Float64Array,
    ucFrom: number,
  ): number;
}

export function createTimeModel(o: GeneratorOptions, delay: number): TimeModel {
  const { start_time: start, event_step: step, late, out_of_order: ooo, max_out_of_order: maxOoo } = o;
  const classKey = streamKey(o.seed, SALT.timeClass);
  const oooKey = streamKey(o.seed, SALT.outOfOrder);
  const lateKey = streamKey(o.seed, SALT.lateShift);
  const lateSpan = Math.floor(maxOoo) + 1000;
  const shifted = late + ooo > 0;

  const base = (i: number): number => Math.floor(start + i * step);
  const classOf = (i: number): number => {
    if (!shifted) return IN_ORDER;
    const u = uniformAt(classKey, i);
    if (u < late) return i > 0 ? LATE : IN_ORDER;
    return u < late + ooo ? OUT_OF_ORDER : IN_ORDER;
  };
  const movedTs = (i: number): number => base(i) - 1 - Math.floor(uniformAt(oooKey, i) * Math.floor(maxOoo));
  const isLate = (i: number): boolean => classOf(i) === LATE;
  const onTimeTs = (i: number): number => (classOf(i) === OUT_OF_ORDER ? movedTs(i) : base(i));
  const lateTs = (i: number, maxBefore: number): number =>
    maxBefore - delay - 1 - Math.floor(uniformAt(lateKey, i) * lateSpan);
  const maxFrom = (p: number, mp: number, i: number): number => {
    let best = -Infinity;
    for (let j = i - 1; j >= p; j--) {
      if (base(j) <= best) break;
      const c = classOf(j);
      if (c === LATE) continue;
      const t = c === OUT_OF_ORDER ? movedTs(j) : base(j);
      if (t > best) best = t;
    }
    return best > mp ? best : mp;
  };
  const lateOoo = late + ooo;
  const scan = (
    pos: number,
    count: number,
    maxTs: number,
    tsOut: Float64Array,
    mbOut: Float64Array,
    u: Float64Array,
  ): number => {
    if (!shifted) {
      for (let j = 0; j < count; j++) {
        const t = Math.floor(start + (pos + j) * step);
        mbOut[j] = maxTs;
        tsOut[j] = t;
        if (t > maxTs) maxTs = t;
      }
      return maxTs;
    }
    uniformsFrom(classKey, pos, count, u);
    for (let j = 0; j < count; j++) {
      const i = pos + j;
      const c = u[j]!;
      mbOut[j] = maxTs;
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
  const ownRows = (
    idx: Float64Array,
    n: number,
    p: number,
    mp: number,
    tsOut: Float64Array,
    wmOut: Float64Array,
    uc: Float64Array,
    ucFrom: number,
  ): number => {
    if (!shifted) {
      for (let j = 0; j < n; j++) {
        const i = idx[j]!;
        let m = mp;
        if (i > p) {
          const b = Math.floor(start + (i - 1) * step);
          if (b > m) m = b;
        }
        const t = Math.floor(start + i * step);
        tsOut[j] = t;
        wmOut[j] = m - delay;
        mp = t > m ? t : m;
        p = i + 1;
      }
      return mp;
    }
    for (let j = 0; j < n; j++) {
      const i = idx[j]!;
      let m = mp;
      if (i > p) {
        // The predecessor i − 1 is in [p, i): in order (the usual case), it bounds every row before it.
        const q = i - 1 - ucFrom;
        if (q >= 0 && uc[q]! >= lateOoo) {
          const b = Math.floor(start + (i - 1) * step);
          if (b > m) m = b;
        } else m = maxFrom(p, mp, i);
      }
      const c = uc[i - ucFrom]!;
      let t: number;
      let raises = true;
      if (c >= lateOoo || (c < late && i === 0)) t = Math.floor(start + i * step);
      else if (c < late) {
        t = lateTs(i, m);
        raises = false;
      } else t = movedTs(i);
      tsOut[j] = t;
      wmOut[j] = m - delay;
      mp = raises && t > m ? t : m;
      p = i + 1;
    }
    return mp;
  };
  return {
    scan,
    ownRows,
    classUniforms: (pos, count, out) => {
      if (shifted) uniformsFrom(classKey, pos, count, out);
    },
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
