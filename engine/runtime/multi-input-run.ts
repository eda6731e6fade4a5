/**
 * The engine's side of an operator with several inputs: it stamps each row
 * with the operator's combined watermark at the row's arrival key, queues
 * the inputs, and hands rows over in arrival-key order up to the point every
 * input has reached — so the operator sees the same sequence in every
 * variant, whatever the batch sizes and partitions.
 */
import type { ColumnBatch } from '../core/batch';
import type { BatchSink, MultiInputOperator } from '../operators/operator';
import type { CombinedWatermark } from './combined-watermark';

const NO_KEYS = new Float64Array(0);

interface Queued {
  readonly batch: ColumnBatch;
  pos: number;
}

export class MultiInputRun {
  private readonly queues: Queued[][];
  /** Per input: the most rows the operator held for it at once (measured before each watermark frees state). */
  readonly peakState: number[];
  /** The arrival key up to which rows have been handed over (the last `release`'s `safe`). */
  handedTo = -Infinity;
  /** Per input during a merge: its head batch's arrival keys, position and length. */
  private readonly heads: Float64Array[];
  private readonly pos: Int32Array;
  private readonly lens: Int32Array;
  /** Scratch of `onRun` hand-overs, reused: a run is usually a batch or two long. */
  private readonly run: {
    batches: (ColumnBatch | null)[];
    inputs: Uint8Array;
    rows: Int32Array;
    length: number;
  };

  constructor(
    readonly operator: MultiInputOperator,
    /** Over all the sources below the operator. */
    private readonly watermark: CombinedWatermark,
    /** Over each input's sources. */
    private readonly inputWatermarks: readonly CombinedWatermark[],
  ) {
    this.queues = inputWatermarks.map(() => []);
    this.peakState = inputWatermarks.map(() => 0);
    this.heads = inputWatermarks.map(() => NO_KEYS);
    this.pos = new Int32Array(inputWatermarks.length);
    this.lens = new Int32Array(inputWatermarks.length);
    this.run = {
      batches: inputWatermarks.map(() => null),
      inputs: new Uint8Array(1024),
      rows: new Int32Array(1024),
      length: 0,
    };
  }

  /**
   * A batch of input k. Rows without arrival keys (made by an aggregate on a watermark) take
   * `stampKey`, the input's frontier: no row still to come on it has a smaller key.
   */
  deliver(k: number, batch: ColumnBatch, stampKey: number, out: BatchSink): void {
    const n = batch.length;
    if (n === 0) return;
    const at = batch.at ?? new Float64Array(n).fill(stampKey);
    // The operator's watermark at each row: the minimum of the row's own (exact at the row) and the
    // other inputs' at its arrival key, never below what it reached before a wake-up.
    const wm = batch.wm.slice(0, n);
    for (let j = 0; j < this.inputWatermarks.length; j++)
      if (j !== k) this.inputWatermarks[j]!.minRawInto(at, n, wm);
    if (this.watermark.holds) {
      let lastKey = NaN;
      let held = -Infinity;
      for (let i = 0; i < n; i++) {
        if (at[i] !== lastKey) held = this.watermark.heldAt((lastKey = at[i]!));
        wm[i] = Math.max(wm[i]!, held);
      }
    }
    const stamped: ColumnBatch = { ...batch, at, wm, wmAfter: this.watermark.at(stampKey) };
    if (this.operator.ordered) this.queues[k]!.push({ batch: stamped, pos: 0 });
    else this.operator.onInput(k, stamped, 0, n, out);
  }

  /** Every queued row with a key below `safe`, in arrival-key order (ties: the lower input first); then the watermark. */
  release(safe: number, out: BatchSink): number {
    if (this.operator.onRun !== undefined) this.releaseRuns(safe, out);
    else this.releaseSlices(safe, out);
    this.handedTo = safe;
    const sizes = this.operator.inputStateSizes();
    for (let k = 0; k < sizes.length; k++) if (sizes[k]! > this.peakState[k]!) this.peakState[k] = sizes[k]!;
    const wm = this.watermark.at(safe);
    this.operator.onWatermark(wm, out, safe);
    return wm;
  }

  /**
   * The same order as `releaseSlices`, merged row by row into runs that each end where an input's
   * head batch does, so the operator is called once per batch, not once per slice.
   */
  private releaseRuns(safe: number, out: BatchSink): void {
    const q = this.queues;
    const run = this.run;
    const nIn = q.length;
    // Each head's arrival keys, position and length in locals: the merge reads them per row.
    const ats = this.heads;
    const pos = this.pos;
    const lens = this.lens;
    for (;;) {
      let room = 0;
      for (let k = 0; k < nIn; k++) {
        const h = q[k]![0];
        run.batches[k] = h === undefined ? null : h.batch;
        ats[k] = h === undefined ? NO_KEYS : h.batch.at!;
        pos[k] = h === undefined ? 0 : h.pos;
        lens[k] = h === undefined ? 0 : h.batch.length;
        room += lens[k]! - pos[k]!;
      }
      if (room === 0) return;
      if (run.rows.length < room) {
        run.rows = new Int32Array(Math.max(room, run.rows.length * 2));
        run.inputs = new Uint8Array(run.rows.length);
      }
      const inputs = run.inputs;
      const rows = run.rows;
      let n = 0;
      let ended = false;
      if (nIn === 2) {
        n = merge2(ats[0]!, ats[1]!, pos, lens, safe, inputs, rows);
        // As below: the run ended where its last row's head batch did.
        ended = n > 0 && pos[inputs[n - 1]!] === lens[inputs[n - 1]!];
      }
      while (!ended && nIn !== 2) {
        let best = -1;
        let bestKey = safe;
        // Strictly below: ties go to the lower input, as in releaseSlices.
        for (let k = 0; k < nIn; k++) {
          const p = pos[k]!;
          if (p === lens[k]) continue;
          const key = ats[k]![p]!;
          if (key < bestKey) {
            best = k;
            bestKey = key;
          }
        }
        if (best < 0) break;
        inputs[n] = best;
        rows[n++] = pos[best]!++;
        ended = pos[best] === lens[best];
      }
      if (n === 0) return;
      run.length = n;
      this.operator.onRun!(run, out);
      for (let k = 0; k < nIn; k++) {
        const h = q[k]![0];
        if (h === undefined) continue;
        h.pos = pos[k]!;
        if (h.pos === h.batch.length) q[k]!.shift();
      }
      if (!ended) return;
    }
  }

  /** Every queued row with a key below `safe`, in slices of one input at a time. */
  private releaseSlices(safe: number, out: BatchSink): void {
    const q = this.queues;
    for (;;) {
      let best = -1;
      let bestKey = Infinity;
      for (let k = 0; k < q.length; k++) {
        const h = q[k]![0];
        if (h === undefined) continue;
        const key = h.batch.at![h.pos]!;
        if (key < safe && key < bestKey) {
          best = k;
          bestKey = key;
        }
      }
      if (best < 0) break;
      const head = q[best]![0]!;
      const at = head.batch.at!;
      // How far this input may run before another input's head row must go first.
      let lt = safe;
      let le = Infinity;
      for (let k = 0; k < q.length; k++) {
        const h = q[k]![0];
        if (k === best || h === undefined) continue;
        const key = h.batch.at![h.pos]!;
        if (k < best) lt = Math.min(lt, key);
        else le = Math.min(le, key);
      }
      const from = head.pos;
      let to = from;
      const n = head.batch.length;
      while (to < n && at[to]! < lt && at[to]! <= le) to++;
      this.operator.onInput(best, head.batch, from, to, out);
      head.pos = to;
      if (to === n) q[best]!.shift();
    }
  }
}

/**
 * releaseRuns' merge for two inputs, with both heads in locals: the rows below `safe` in key order
 * (ties to input 0) into inputs/rows until either head batch ends; returns how many, with the
 * positions advanced. The same choice as the general loop: input 1 only when strictly below both.
 */
function merge2(
  a0: Float64Array,
  a1: Float64Array,
  pos: Int32Array,
  lens: Int32Array,
  safe: number,
  inputs: Uint8Array,
  rows: Int32Array,
): number {
  let p0 = pos[0]!;
  let p1 = pos[1]!;
  const l0 = lens[0]!;
  const l1 = lens[1]!;
  let n = 0;
  for (;;) {
    // An ended head is not considered: +∞ is below nothing.
    const k0 = p0 < l0 ? a0[p0]! : Infinity;
    const k1 = p1 < l1 ? a1[p1]! : Infinity;
    const best0 = k0 < safe;
    if (k1 < (best0 ? k0 : safe)) {
      inputs[n] = 1;
      rows[n++] = p1++;
      if (p1 === l1) break;
    } else if (best0) {
      inputs[n] = 0;
      rows[n++] = p0++;
      if (p0 === l0) break;
    } else break;
  }
  pos[0] = p0;
  pos[1] = p1;
  return n;
}
