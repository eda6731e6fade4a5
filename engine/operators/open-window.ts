/**
 * One window of a windowed GROUP BY while it is open: which groups it has seen
 * (in first-touch order, the order its results are emitted in) and each one's
 * state slot. The slot of a group is found through a dense array indexed by
 * group id when the operator can afford one (a few open windows × the groups:
 * one load per row, no hashing), else through a Map.
 */

export class OpenWindow {
  fired: boolean;
  /** Slot of group g at dense[g], −1 = none yet; null when the window keeps a Map. */
  dense: Int32Array | null;
  private sparse: Map<number, number> | null = null;
  /** Groups and their slots, in first-touch order: [0, count). */
  groups = new Int32Array(16);
  slots = new Int32Array(16);
  count = 0;

  /** `denseSize` > 0: a dense slot array for that many groups; 0: a Map. */
  constructor(
    readonly start: number,
    readonly end: number,
    fired: boolean,
    denseSize: number,
  ) {
    this.fired = fired;
    this.dense = denseSize > 0 ? new Int32Array(denseSize).fill(-1) : null;
    if (this.dense === null) this.sparse = new Map();
  }

  /** Slot of group g, or −1. */
  slotOf(g: number): number {
    if (this.dense !== null) return g < this.dense.length ? this.dense[g]! : -1;
    return this.sparse!.get(g) ?? -1;
  }

  add(g: number, slot: number): void {
    const k = this.count++;
    if (k >= this.groups.length) {
      const gs = new Int32Array(k * 2);
      gs.set(this.groups);
      this.groups = gs;
      const ss = new Int32Array(k * 2);
      ss.set(this.slots);
      this.slots = ss;
    }
    this.groups[k] = g;
    this.slots[k] = slot;
    if (this.dense !== null) this.dense[g] = slot;
    else this.sparse!.set(g, slot);
  }

  /**
   * Makes the dense array cover groups [0, n) when `allowed`; otherwise moves
   * the window to a Map (the operator's memory budget for dense arrays is spent).
   * Returns the dense cells added (negative when it gave its array up).
   */
  cover(n: number, allowed: boolean): number {
    const d = this.dense;
    if (d === null || d.length >= n) return 0;
    if (!allowed) {
      this.sparse = new Map();
      for (let k = 0; k < this.count; k++) this.sparse.set(this.groups[k]!, this.slots[k]!);
      this.dense = null;
      return -d.length;
    }
    const next = new Int32Array(Math.max(n, d.length * 2)).fill(-1);
    next.set(d);
    this.dense = next;
    return next.length - d.length;
  }

  /** Group ids renumbered (GroupKeys.compactIfGrown's map); a dense array is sized for `groups` groups. */
  rekey(map: Int32Array, groups: number): void {
    for (let k = 0; k < this.count; k++) this.groups[k] = map[this.groups[k]!]!;
    if (this.dense !== null) {
      this.dense = new Int32Array(Math.max(groups, 64)).fill(-1);
      for (let k = 0; k < this.count; k++) this.dense[this.groups[k]!] = this.slots[k]!;
    } else {
      this.sparse = new Map();
      for (let k = 0; k < this.count; k++) this.sparse.set(this.groups[k]!, this.slots[k]!);
    }
  }

  /** Dense cells held. */
  get cells(): number {
    return this.dense === null ? 0 : this.dense.length;
  }
}
