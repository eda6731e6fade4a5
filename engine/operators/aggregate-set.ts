/**
 * The aggregates of one GROUP BY over a pool of state slots (one per group ×
 * window), with a free list so closed windows give their slots back.
 */
import type { ColumnBatch, NumberColumn } from '../core/batch';
import type { Accumulator, ArgInput, Entries, FusedState } from '../aggregate/accumulator';
import { createAccumulator } from '../aggregate/create-accumulator';
import { FusedUpdate } from '../aggregate/fused-update';
import type { ResultColumn } from '../aggregate/result-column';
import { compileKernel, dictionaryOf, type CompiledKernel } from '../expr/compile-kernel';
import type { AggCall, Expr } from '../plan/physical-plan';

const NULL_LITERAL: Expr = { kind: 'literal', value: null, type: 'NULL' };

export class AggregateSet {
  readonly accs: Accumulator[];
  private readonly kernel: CompiledKernel | null;
  private readonly fused: FusedUpdate | null;
  private cap = 0;
  private next = 0;
  private freeList: number[] = [];
  /** The fused accumulators' state arrays, re-read whenever they grow (null: not fused). */
  private S: FusedState[] | null = null;
  /** Slots in use. */
  live = 0;

  constructor(readonly calls: readonly AggCall[]) {
    this.accs = calls.map(createAccumulator);
    this.kernel = calls.length
      ? compileKernel(
          calls.map((c) => c.arg ?? NULL_LITERAL),
          null,
          true,
        )
      : null;
    this.fused = FusedUpdate.create(this.accs);
    this.S = this.fused !== null ? this.fused.states() : null;
  }

  /** Argument columns of every aggregate for one batch. */
  args(batch: ColumnBatch, timeColumn: number | null): ArgInput[] {
    const cols = this.kernel ? this.kernel.run(batch).columns : [];
    const tsCol = timeColumn === null ? null : batch.columns[timeColumn];
    const ts =
      tsCol && tsCol.type !== 'VARCHAR' && tsCol.type !== 'NULL' && tsCol.type !== 'BOOLEAN'
        ? (tsCol as NumberColumn).data
        : null;
    return this.calls.map((c, k) => {
      const col = c.arg ? cols[k]! : null;
      const tsValid = ts !== null ? (tsCol as NumberColumn).valid : null;
      return {
        column: col,
        dict: col && col.type === 'VARCHAR' ? dictionaryOf(col) : null,
        ts,
        tsValid,
        seq: batch.seq,
      };
    });
  }

  alloc(): number {
    let s = this.freeList.pop();
    if (s === undefined) {
      s = this.next++;
      if (s >= this.cap) {
        this.cap = Math.max(1024, this.cap * 2);
        for (const a of this.accs) a.ensure(this.cap);
        if (this.fused !== null) this.S = this.fused.states();
      }
    }
    if (this.S !== null) FusedUpdate.init(this.S, s);
    else for (const a of this.accs) a.init(s);
    this.live++;
    return s;
  }

  /** Room for `extra` more slots without the state arrays growing (fused loops hold them for a batch). */
  reserve(extra: number): void {
    const need = this.next + extra;
    if (need <= this.cap) return;
    while (this.cap < need) this.cap = Math.max(1024, this.cap * 2);
    for (const a of this.accs) a.ensure(this.cap);
    if (this.fused !== null) this.S = this.fused.states();
  }

  /** Fused only: the state arrays, current until the next `alloc` beyond the reserved room. */
  get states(): FusedState[] {
    return this.S!;
  }

  /** Fused only: a loop adding rows to one tumbling window, for this batch's argument columns. */
  windowRun(args: readonly ArgInput[], tsValid: Uint8Array | null): ReturnType<FusedUpdate['windowRun']> {
    return this.fused!.windowRun(
      args.map((a) => a.column),
      tsValid,
    );
  }

  /**
   * Fused only: `windowRun` reading the arguments straight from the batch
   * (no expression kernel pass, no argument column); null when some argument
   * is not a numeric column or a sum, difference or product of two.
   */
  windowRunOn(batch: ColumnBatch, tsValid: Uint8Array | null): ReturnType<FusedUpdate['windowRunOn']> {
    return this.fused!.windowRunOn(batch, tsValid);
  }

  release(s: number): void {
    for (const a of this.accs) a.free(s);
    this.freeList.push(s);
    this.live--;
  }

  addEntries(args: readonly ArgInput[], entries: Entries, results: readonly ResultColumn[] | null): void {
    if (entries.count === 0) return;
    if (this.fused !== null && entries.out === null) {
      this.fused.run(
        entries,
        args.map((a) => a.column),
      );
      return;
    }
    if (
      this.fused !== null &&
      results !== null &&
      this.fused.runWithResults(
        entries,
        args.map((a) => a.column),
        results,
      )
    )
      return;
    for (let k = 0; k < this.accs.length; k++)
      this.accs[k]!.addEntries(args[k]!, entries, results ? results[k]! : null);
  }

  /** Whether `addRows` and `writeResultsOf` take the fused path (every aggregate a plain numeric one). */
  get isFused(): boolean {
    return this.fused !== null;
  }

  /** Fused only: adds rows [from, to) of the batch, row i to slot slots[i] (−1 = skip). */
  addRows(args: readonly ArgInput[], slots: Int32Array, from: number, to: number): void {
    this.fused!.runRows(
      from,
      to,
      slots,
      args.map((a) => a.column),
      this.S!,
    );
  }

  /** Results of slots[0..count) into output rows j0, j0 + 1, … */
  writeResultsOf(count: number, slots: Int32Array, results: readonly ResultColumn[], j0: number): void {
    if (this.fused !== null && this.fused.writeResults(count, slots, j0, this.S!, results)) return;
    for (let e = 0; e < count; e++) this.writeResults(slots[e]!, results, j0 + e);
  }

  writeResults(s: number, results: readonly ResultColumn[], j: number): void {
    for (let k = 0; k < this.accs.length; k++) this.accs[k]!.writeResult(s, results[k]!, j);
  }

  /** Slots plus distinct-set entries. */
  stateSize(): number {
    let n = this.live;
    for (const a of this.accs) n += a.extraState();
    return n;
  }
}
