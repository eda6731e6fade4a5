/**
 * Temporal join (dialect §8): `FROM o JOIN r FOR SYSTEM_TIME AS OF o.ts ON
 * o.k = r.k` — each left row meets the version of the right row with its
 * key that was valid at the left row's time (the latest right row with
 * r.ts ≤ o.ts), once the combined watermark reaches o.ts, so every version
 * it could need has arrived. INNER drops a left row with no version then,
 * LEFT emits it beside NULLs. Right rows are versions: kept while they can
 * still be the valid one for a left row yet to come (the newest at or
 * before the watermark, and all later ones). A left row already behind the
 * watermark when it arrives is late.
 */
import { type ColumnBatch, type NumberColumn } from '../core/batch';
import type { Schema } from '../core/types';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { JoinOp } from '../plan/physical-plan';
import { JoinKeys } from './join-keys';
import { JoinOutput, type Side } from './join-output';
import { JoinSide } from './join-side';
import { MinHeap } from './min-heap';
import {
  checkStateLimit,
  rejectNullTime,
  type BatchSink,
  type MultiInputOperator,
  type OperatorContext,
} from './operator';

export class TemporalJoinOperator implements MultiInputOperator {
  readonly ordered = true;
  private readonly sides: [JoinSide, JoinSide];
  /** Left rows waiting for the watermark to reach their time. */
  private readonly waiting = new MinHeap();
  private readonly keys: JoinKeys;
  private readonly output: JoinOutput;
  private readonly padLeft: boolean;
  private readonly time: [number, number];
  private readonly condition: CompiledKernel | null;
  private readonly names: [string[], string[]];
  private wm = -Infinity;
  /** Versions at the last full sweep: sweep again when they have doubled. */
  private sweptAt = 1024;

  constructor(
    op: JoinOp,
    inputs: readonly Schema[],
    private readonly inputNames: readonly [string, string],
    private readonly ctx: OperatorContext,
  ) {
    if (op.strategy.kind !== 'temporal') throw new Error('not a temporal join');
    const [l, r] = [inputs[0]!, inputs[1]!];
    this.sides = [new JoinSide(l.map((f) => f.type)), new JoinSide(r.map((f) => f.type))];
    this.keys = new JoinKeys(op.leftKeys, op.rightKeys);
    this.output = new JoinOutput([l.map((f) => f.type), r.map((f) => f.type)], false);
    this.padLeft = op.type === 'left';
    this.time = [op.strategy.leftTime, op.strategy.rightTime];
    this.condition = op.condition === null ? null : compileKernel([], op.condition);
    this.names = [l.map((f) => f.name), r.map((f) => f.name)];
  }

  onInput(input: number, batch: ColumnBatch, from: number, to: number, out: BatchSink): void {
    const k = input as Side;
    const keys = this.keys.keysOf(k, batch);
    const tcol = batch.columns[this.time[k]] as NumberColumn;
    const keep = this.sides[k].rowScratch(to - from);
    const times = new Float64Array(to - from);
    let m = 0;
    const side = this.sides[k];
    // Rows kept so far go into state before left rows go out, so versions that came first count.
    const flush = (): void => {
      if (m === 0) return;
      const slots = side.store(batch, keep, m, keys, tcol.data, times, new Int32Array(m));
      if (k === 0) for (let j = 0; j < m; j++) this.waiting.push(times[j]!, slots[j]!, side.gen[slots[j]!]!);
      m = 0;
      if (k === 1 && side.size > 2 * this.sweptAt) this.sweepAll();
      checkStateLimit(this.ctx, this.sides[0].size + this.sides[1].size, 'rows held by the join');
    };
    for (let i = from; i < to; i++) {
      const w = batch.wm[i]!;
      if (w > this.wm) {
        flush();
        this.emit(w, batch.at ? batch.at[i]! : 0, out);
      }
      if (tcol.valid !== null && (tcol.valid[i >> 3]! & (1 << (i & 7))) === 0) {
        rejectNullTime(this.ctx, batch, i, this.names[k], this.time[k]);
        continue;
      }
      const t = tcol.data[i]!;
      if (k === 0 && t < w) {
        this.ctx.reject(
          batch,
          i,
          this.names[0],
          'late',
          `late (${this.inputNames[0]}): the watermark had passed its time, so the ${this.inputNames[1]} version valid then may be gone`,
        );
        continue;
      }
      if (keys[i]! < 0 && !(k === 0 && this.padLeft)) continue;
      keep[m] = i;
      times[m++] = t;
    }
    flush();
    // A left row exactly at the watermark needs nothing more to arrive: it goes out now.
    if (k === 0 && this.waiting.size > 0 && this.waiting.peekAt() <= this.wm)
      this.emit(this.wm, batch.at ? batch.at[to - 1]! : 0, out);
  }

  /** Emits every waiting left row whose time the watermark w has reached, each with its version. */
  private emit(w: number, at: number, out: BatchSink): void {
    if (w > this.wm) this.wm = w;
    if (this.waiting.size === 0 || this.waiting.peekAt() > w) return;
    const [left, right] = this.sides;
    const rows: number[] = [];
    const versions: number[] = [];
    const lone: number[] = [];
    const popped: number[] = [];
    while (this.waiting.size > 0 && this.waiting.peekAt() <= w) {
      const l = this.waiting.pop();
      const g = this.waiting.poppedGen;
      if (left.gen[l] !== g) continue;
      popped.push(l);
      const v = this.versionAt(left.key[l]!, left.arena.ts[l]!);
      if (v >= 0) {
        rows.push(l);
        versions.push(v);
      } else if (this.padLeft) lone.push(l);
    }
    let ls = Int32Array.from(rows);
    let rs = Int32Array.from(versions);
    if (ls.length > 0) {
      let pairs = this.output.statePairs(left, ls, right, rs, ls.length, w, at);
      if (this.condition !== null) {
        const r = this.condition.run(pairs);
        if (r.count < ls.length) {
          // A version failing the rest of ON leaves the left row unmatched.
          const pass = new Uint8Array(ls.length);
          for (let j = 0; j < r.count; j++) pass[r.sel![j]!] = 1;
          if (this.padLeft) ls.forEach((l, j) => pass[j] === 0 && lone.push(l));
          const keep = ls.filter((_, j) => pass[j] === 1);
          rs = rs.filter((_, j) => pass[j] === 1);
          ls = keep;
          pairs = this.output.statePairs(left, ls, right, rs, ls.length, w, at);
        }
      }
      if (ls.length > 0) out.push(this.beforeWatermark(pairs, ls, w));
    }
    if (lone.length > 0) {
      const slots = Int32Array.from(lone);
      out.push(this.beforeWatermark(this.output.paddedState(0, left, slots, lone.length, w, at), slots, w));
    }
    for (const l of popped) left.remove(l);
  }

  /**
   * Rows the watermark w releases go out before w itself, as in Flink (the operator emits, then
   * forwards the watermark): each is stamped min(w, t − 1), t its time, so a window over the
   * join's rows downstream still takes it.
   */
  private beforeWatermark(b: ColumnBatch, slots: Int32Array, w: number): ColumnBatch {
    const ts = this.sides[0].arena.ts;
    const wm = new Float64Array(b.length);
    for (let j = 0; j < b.length; j++) wm[j] = Math.min(w, ts[slots[j]!]! - 1);
    return { ...b, wm };
  }

  /**
   * The version of key `key` valid at time t (the latest at or before t; the later arrival on
   * ties), or −1. Left rows go out in time order and later ones are not behind the watermark, so
   * no lookup to come is for a time before t: the versions older than that one are dropped.
   */
  private versionAt(key: number, t: number): number {
    if (key < 0) return -1;
    const right = this.sides[1];
    const ts = right.arena.ts;
    let best = -1;
    for (let s = right.first(key); s >= 0; s = right.next[s]!) {
      const v = ts[s]!;
      if (v <= t && (best < 0 || v > ts[best]! || (v === ts[best]! && right.at[s]! > right.at[best]!)))
        best = s;
    }
    if (best >= 0) this.dropBefore(key, best);
    return best;
  }

  /** Frees the versions of `key` older than `keep` (no left row still to come has a time before it). */
  private dropBefore(key: number, keep: number): void {
    const right = this.sides[1];
    const ts = right.arena.ts;
    const limit = ts[keep]!;
    for (let s = right.first(key); s >= 0;) {
      const next = right.next[s]!;
      if (s !== keep && (ts[s]! < limit || (ts[s]! === limit && right.at[s]! < right.at[keep]!)))
        right.remove(s);
      s = next;
    }
  }

  /** Every key's superseded versions, when versions have piled up (keys no left row asked for). */
  private sweepAll(): void {
    const right = this.sides[1];
    const seen = new Set<number>();
    // Every lookup still to come is for a time at or after both the watermark and the waiting rows.
    const threshold = Math.min(this.wm, this.waiting.size > 0 ? this.waiting.peekAt() : Infinity);
    for (let s = 0; s < right.key.length; s++) {
      const key = right.key[s]!;
      if (key < 0 || seen.has(key) || right.first(key) < 0) continue;
      seen.add(key);
      this.versionAt(key, threshold);
    }
    this.sweptAt = Math.max(1024, right.size);
  }

  onWatermark(wm: number, out: BatchSink, at: number): void {
    if (wm > this.wm) this.emit(wm, at, out);
  }

  onEnd(out: BatchSink): void {
    this.emit(Infinity, Infinity, out);
  }

  stateSize(): number {
    return this.sides[0].size + this.sides[1].size;
  }

  inputStateSizes(): number[] {
    return [this.sides[0].size, this.sides[1].size];
  }
}
