/**
 * Which cells of a benchmark scenario run in which round (see `runCells`):
 * every cell in the warm-up rounds and the first `runs` timed rounds; after
 * that, up to MAX_ROUNDS_PER_RUN × runs timed rounds, only the cells whose
 * timed runs have taken less than their share of `minSeconds`. A cell that
 * failed runs no more.
 */

/** The most timed rounds `minSeconds` may add: this many times `runs`. */
export const MAX_ROUNDS_PER_RUN = 10;

export class RoundSchedule {
  /** Milliseconds of each cell's timed runs. */
  private readonly spent: number[];
  private readonly failed: boolean[];
  private readonly shareMs: number;

  constructor(
    cells: number,
    private readonly warmup: number,
    private readonly runs: number,
    minSeconds: number,
  ) {
    this.spent = new Array<number>(cells).fill(0);
    this.failed = new Array<boolean>(cells).fill(false);
    this.shareMs = (minSeconds * 1000) / cells;
  }

  /** Whether cell k runs in this round. */
  includes(round: number, k: number): boolean {
    if (this.failed[k] || round >= this.warmup + this.runs * MAX_ROUNDS_PER_RUN) return false;
    return round < this.warmup + this.runs || this.spent[k]! < this.shareMs;
  }

  /** Whether any cell runs in this round: once none does, none ever will again. */
  anyRuns(round: number): boolean {
    return this.spent.some((_, k) => this.includes(round, k));
  }

  /** Cell k ran in this round for `ms` milliseconds, or failed. */
  ran(round: number, k: number, ms: number, failed: boolean): void {
    if (failed) this.failed[k] = true;
    if (round >= this.warmup) this.spent[k]! += ms;
  }
}
