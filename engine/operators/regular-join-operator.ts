/**
 * Regular join (dialect §8): both sides kept in state (bounded by the state
 * limit, as a non-windowed GROUP BY is), every new row meeting every row of
 * the other side with its key. The output is a changelog, as Flink's:
 * an outer row with no partner goes out beside NULLs (+I) and, when its first
 * partner arrives, that padded row is retracted (−D) before the pair (+I);
 * a retraction on an input (−D) retracts the pairs it had made, re-padding an
 * outer row that loses its last partner. Rows come in arrival order, so the
 * changelog is the same in every variant. Event time plays no part.
 */
import { type ColumnBatch } from '../core/batch';
import { batchDictionaries, readValue } from '../core/batch-rows';
import { OP_DELETE, OP_INSERT, type Schema } from '../core/types';
import { compileKernel, type CompiledKernel } from '../expr/compile-kernel';
import type { JoinOp } from '../plan/physical-plan';
import { JoinKeys } from './join-keys';
import { JoinOutput, type Side } from './join-output';
import { JoinOutputBuffer } from './join-output-buffer';
import { JoinSide } from './join-side';
import { checkStateLimit, type BatchSink, type MultiInputOperator, type OperatorContext } from './operator';

export class RegularJoinOperator implements MultiInputOperator {
  readonly ordered = true;
  private readonly sides: [JoinSide, JoinSide];
  private readonly keys: JoinKeys;
  /** Pairs the rest of ON is evaluated on. */
  private readonly candidates: JoinOutput;
  /** The changelog, collected across the engine's slices and pushed once per watermark. */
  private readonly output: JoinOutputBuffer;
  private readonly outer: [boolean, boolean];
  private readonly condition: CompiledKernel | null;
  private readonly one = new Int32Array(1);

  constructor(
    op: JoinOp,
    inputs: readonly Schema[],
    private readonly ctx: OperatorContext,
  ) {
    if (op.strategy.kind !== 'regular') throw new Error('not a regular join');
    const [l, r] = [inputs[0]!, inputs[1]!];
    this.sides = [new JoinSide(l.map((f) => f.type)), new JoinSide(r.map((f) => f.type))];
    this.keys = new JoinKeys(op.leftKeys, op.rightKeys);
    const types = [l.map((f) => f.type), r.map((f) => f.type)] as const;
    this.candidates = new JoinOutput(types, false);
    this.output = new JoinOutputBuffer(types);
    this.outer = [op.type === 'left' || op.type === 'full', op.type === 'right' || op.type === 'full'];
    this.condition = op.condition === null ? null : compileKernel([], op.condition);
  }

  /** Output is collected and pushed at the next onWatermark (which ends every hand-over). */
  onInput(input: number, batch: ColumnBatch, from: number, to: number, _out: BatchSink): void {
    const k = input as Side;
    const o = (1 - k) as Side;
    const keys = this.keys.keysOf(k, batch);
    const other = this.sides[o];
    const mine = this.sides[k];
    for (let i = from; i < to; i++) {
      const retract = batch.op !== null && batch.op[i] === OP_DELETE;
      const key = keys[i]!;
      const partners = this.partners(k, batch, i, key);
      this.one[0] = i;
      const mineOp = retract ? OP_DELETE : OP_INSERT;
      if (partners.length > 0) {
        const rows = new Int32Array(partners.length).fill(i);
        this.output.pairs(k, batch, rows, Int32Array.from(partners), partners.length, other, mineOp);
      } else if (this.outer[k]) this.output.padded(k, batch, this.one, 1, mineOp);
      if (this.outer[o]) this.repad(o, partners, retract, batch);
      // A row whose key has a NULL meets nothing, ever: it need not be kept.
      if (key < 0) continue;
      if (retract) this.forget(k, batch, i, key);
      else mine.store(batch, this.one, 1, keys, null, new Float64Array(1), Int32Array.of(partners.length));
    }
    checkStateLimit(this.ctx, this.sides[0].size + this.sides[1].size, 'rows held by the join');
  }

  /** Slots of the other side that row i (side k) meets: equal keys, and the rest of ON. */
  private partners(k: Side, batch: ColumnBatch, i: number, key: number): number[] {
    if (key < 0) return [];
    const other = this.sides[(1 - k) as Side];
    const found: number[] = [];
    for (let s = other.first(key); s >= 0; s = other.next[s]!) found.push(s);
    if (this.condition === null || found.length === 0) return found;
    const rows = new Int32Array(found.length).fill(i);
    const r = this.condition.run(
      this.candidates.pairs(k, batch, rows, Int32Array.from(found), found.length, other),
    );
    if (r.count === found.length) return found;
    return Array.from({ length: r.count }, (_, j) => found[r.sel![j]!]!);
  }

  /** Outer rows of side o that gain (or, on a retraction, lose) row i as a partner: their padded rows come or go. */
  private repad(o: Side, partners: number[], retract: boolean, batch: ColumnBatch): void {
    const side = this.sides[o];
    const before: number[] = [];
    for (const s of partners) {
      if (retract) {
        side.matched[s]!--;
        if (side.matched[s] === 0) before.push(s);
      } else {
        if (side.matched[s] === 0) before.push(s);
        side.matched[s]!++;
      }
    }
    if (before.length === 0) return;
    const wm = batch.wm[this.one[0]!]!;
    const at = batch.at ? batch.at[this.one[0]!]! : 0;
    // A new partner retracts the padded row (it had gone out before the pair); a lost last partner brings it back.
    const op = retract ? OP_INSERT : OP_DELETE;
    this.output.paddedState(o, side, Int32Array.from(before), before.length, wm, at, op);
  }

  /** Removes the stored twin of retracted row i (the first stored row of its key with the same values). */
  private forget(k: Side, batch: ColumnBatch, i: number, key: number): void {
    const side = this.sides[k];
    const dicts = batchDictionaries(batch);
    const width = batch.columns.length;
    for (let s = side.first(key); s >= 0; s = side.next[s]!) {
      let same = true;
      for (let c = 0; c < width && same; c++)
        same = Object.is(side.arena.value(c, s), readValue(batch.columns[c]!, i, dicts[c] ?? null));
      if (same) {
        side.remove(s);
        return;
      }
    }
  }

  onWatermark(_wm: number, out: BatchSink): void {
    this.output.flush(out);
  }

  onEnd(out: BatchSink): void {
    this.output.flush(out);
  }

  stateSize(): number {
    return this.sides[0].size + this.sides[1].size;
  }

  inputStateSizes(): number[] {
    return [this.sides[0].size, this.sides[1].size];
  }
}
