/**
 * The open windows of a windowed GROUP BY, in end order, and the next
 * watermark at which one of them must fire or close (so the operator tests
 * one number per row, not every window). Also keeps the memory budget of the
 * windows' dense slot arrays: past it, new windows fall back to Maps.
 */
import { OpenWindow } from './open-window';

/** Dense slot arrays (open windows × groups) the operator may hold before new windows fall back to Maps. */
const DENSE_CELLS = 1 << 22;

export class OpenWindows {
  /** The smallest watermark at which a window fires (end − 1) or, fired, closes (end − 1 + grace). */
  nextAction = Infinity;
  /** By end: it names one window for tumbling, hopping and cumulate alike (cumulate's share a start). */
  private readonly byEnd = new Map<number, OpenWindow>();
  private order: OpenWindow[] = [];
  /** Cells in the open windows' dense slot arrays. */
  private denseCells = 0;

  constructor(private readonly grace: number) {}

  /** The window [s, end) (opened if new; `fired` already when end − 1 ≤ curW), its dense array covering `groups` groups. */
  at(s: number, end: number, groups: number, curW: number): OpenWindow {
    let win = this.byEnd.get(end);
    if (win === undefined) {
      const dense = this.denseCells + groups <= DENSE_CELLS ? Math.max(groups, 64) : 0;
      win = new OpenWindow(s, end, end - 1 <= curW, dense);
      this.denseCells += win.cells;
      this.byEnd.set(end, win);
      const o = this.order;
      let k = o.length;
      while (k > 0 && o[k - 1]!.end > end) k--;
      o.splice(k, 0, win);
      this.updateNextAction();
    } else if (win.dense !== null && win.dense.length < groups) {
      this.denseCells += win.cover(groups, this.denseCells + 2 * groups <= DENSE_CELLS);
    }
    return win;
  }

  /**
   * At watermark w, in end order: `fire` each window that became complete,
   * then `close` (and forget) each fired one past its grace period.
   */
  advance(w: number, fire: (win: OpenWindow) => void, close: (win: OpenWindow) => void): void {
    const keep: OpenWindow[] = [];
    for (const win of this.order) {
      if (!win.fired && win.end - 1 <= w) {
        win.fired = true;
        fire(win);
      }
      if (win.fired && win.end - 1 + this.grace <= w) {
        close(win);
        this.denseCells -= win.cells;
        this.byEnd.delete(win.end);
      } else keep.push(win);
    }
    this.order = keep;
    this.updateNextAction();
  }

  /** Sets live[g] for every group an open window holds. */
  markGroups(live: Uint8Array): void {
    for (const win of this.order) for (let k = 0; k < win.count; k++) live[win.groups[k]!] = 1;
  }

  /** Every open window's group ids renumbered (see OpenWindow.rekey). */
  rekey(map: Int32Array, groups: number): void {
    for (const win of this.order) {
      this.denseCells -= win.cells;
      win.rekey(map, groups);
      this.denseCells += win.cells;
    }
  }

  private updateNextAction(): void {
    let next = Infinity;
    for (const win of this.order) {
      const at = win.fired ? win.end - 1 + this.grace : win.end - 1;
      if (at < next) next = at;
      if (!win.fired) break;
    }
    this.nextAction = next;
  }
}
