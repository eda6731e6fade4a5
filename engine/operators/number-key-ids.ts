/**
 * Number → dense id (the caller hands out 0, 1, 2, … as keys first appear), for a single numeric
 * key with up to millions of values (S7's event ids). While the int32 keys are dense — ids,
 * order numbers, mostly ascending — they sit in direct pages of 1024 ids found by the key's high
 * bits: a lookup is one read of a page that the previous key usually left in cache, with no
 * hashing, no probing and no rehash as the key set grows. A hash table of a million keys (even
 * one that keeps runs of 8 consecutive keys together) missed the cache on most new keys: 40–80 ns
 * each, where the whole S7 row has 67.
 *
 * Sparse keys would waste a page per key, so once the pages hold fewer than one key per 32 bytes
 * (past the first 4 MB) every id moves into a NumberIds hash for good, which also takes
 * fractions and numbers beyond int32 from the start. Strided or random keys thus cost what the
 * hash costs, never a page each. NaN is the caller's (the hash never matches it).
 */
import { NumberIds } from './number-ids';

const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;
/** Pages allowed whatever the density (4 MB). */
const FREE_PAGES = 1024;
/** Beyond them, at least this many ids per page (one per 32 bytes). */
const MIN_PER_PAGE = PAGE / 8;
const SLAB = 64;

export class NumberKeyIds {
  /** Page number → id + 1 per key of the page (0 = absent); null once everything is hashed. */
  private pages: Map<number, Int32Array> | null = new Map();
  private lastPage = NaN;
  private last: Int32Array = new Int32Array(0);
  private inPages = 0;
  /** Pages are cut from slabs of SLAB pages: one allocation per 64 pages, not one each. */
  private slab = new Int32Array(0);
  private slabUsed = SLAB;
  private readonly hashed = new NumberIds();

  idOf(x: number, next: number): number {
    if (this.pages !== null) {
      const i = x | 0;
      if (i === x) {
        const p = i >> PAGE_BITS;
        const page = p === this.lastPage ? this.last : this.pageOf(p);
        if (page !== null) {
          const at = i & (PAGE - 1);
          const id = page[at]!;
          if (id !== 0) return id - 1;
          page[at] = next + 1;
          this.inPages++;
          return next;
        }
      }
    }
    // −0 is 0, as the general path's interner has it.
    return this.hashed.idOf(x === 0 ? 0 : x, next);
  }

  /** Whether the ids are still in pages (tests). */
  get paged(): boolean {
    return this.pages !== null;
  }

  /** The hash's longest probe (tests: strided keys must not cluster in it). */
  longestProbe(): number {
    return this.hashed.longestProbe();
  }

  private pageOf(p: number): Int32Array | null {
    const pages = this.pages!;
    let page = pages.get(p);
    if (page === undefined) {
      if (pages.size >= FREE_PAGES && (pages.size + 1) * MIN_PER_PAGE > this.inPages) {
        this.unpage();
        return null;
      }
      if (this.slabUsed === SLAB) {
        this.slab = new Int32Array(SLAB * PAGE);
        this.slabUsed = 0;
      }
      page = this.slab.subarray(this.slabUsed * PAGE, ++this.slabUsed * PAGE);
      pages.set(p, page);
    }
    this.lastPage = p;
    this.last = page;
    return page;
  }

  /** Too sparse for pages: every id into the hash (the pages are never used again). */
  private unpage(): void {
    for (const [p, page] of this.pages!)
      for (let at = 0; at < PAGE; at++) if (page[at] !== 0) this.hashed.set(p * PAGE + at, page[at]! - 1);
    this.pages = null;
    this.last = this.slab = new Int32Array(0);
  }
}
