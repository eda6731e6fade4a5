/**
 * The finite set of values a VARCHAR generator column can take, addressed by
 * index. Strings, their UTF-8 bytes and their partition hashes are computed
 * once per index (cached for the low indices, where Zipf puts almost all rows),
 * so building a batch dictionary never encodes the same string twice.
 */
import { hashString } from '../../core/partition-hash';

export interface StringDomain {
  readonly size: number;
  value(k: number): string;
  bytes(k: number): Uint8Array;
  /** `hashValue(value(k))`, the partition hash of the value. */
  hash(k: number): number;
}

/** Indices below this are cached; above it values are rebuilt on demand (huge key sets only). */
const CACHE_LIMIT = 1 << 16;
const encoder = new TextEncoder();

export function createStringDomain(size: number, name: (k: number) => string): StringDomain {
  const cached = Math.min(size, CACHE_LIMIT);
  const values: (string | undefined)[] = new Array<string | undefined>(cached);
  const bytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(cached);
  const hashes = new Float64Array(cached).fill(-1);
  const value = (k: number): string => {
    if (k >= cached) return name(k);
    return (values[k] ??= name(k));
  };
  return {
    size,
    value,
    bytes(k) {
      if (k >= cached) return encoder.encode(name(k));
      return (bytes[k] ??= encoder.encode(value(k)));
    },
    hash(k) {
      if (k >= cached) return hashString(name(k));
      let h = hashes[k]!;
      if (h < 0) h = hashes[k] = hashString(value(k));
      return h;
    },
  };
}

/** A domain over a fixed list. */
export function listDomain(list: readonly string[]): StringDomain {
  return createStringDomain(list.length, (k) => list[k]!);
}

/**
 * A batch needs at least this many rows per domain value for its dictionary to
 * be the whole domain: then a value's code is its index, with no lookup per row,
 * and the dictionary's few unused entries cost less than the lookups would.
 */
const ROWS_PER_WHOLE_ENTRY = 8;

/**
 * Builds one batch's dictionary for one column. A small domain (see
 * ROWS_PER_WHOLE_ENTRY) is the dictionary, whole, and codes are indices;
 * otherwise codes are handed out in first-seen order, so the dictionary holds
 * only values that occur in the batch.
 */
export class DictionaryBuilder {
  private readonly stamp: Int32Array;
  private readonly slot: Int32Array;
  private readonly far = new Map<number, number>();
  private generation = 0;
  private entries: number[] = [];

  constructor(private readonly domain: StringDomain) {
    const n = Math.min(domain.size, CACHE_LIMIT);
    this.stamp = new Int32Array(n);
    this.slot = new Int32Array(n);
  }

  /** Starts a new batch. */
  reset(): void {
    this.generation++;
    this.far.clear();
    this.entries = [];
  }

  private codeOf(k: number): number {
    if (k < this.stamp.length) {
      if (this.stamp[k] === this.generation) return this.slot[k]!;
      this.stamp[k] = this.generation;
      this.slot[k] = this.entries.length;
    } else {
      const c = this.far.get(k);
      if (c !== undefined) return c;
      this.far.set(k, this.entries.length);
    }
    this.entries.push(k);
    return this.entries.length - 1;
  }

  /** codes[j] = codeOf(values[j]) for j < n; negative values (NULLs) get code 0 and no entry. */
  encode(values: Float64Array, n: number, codes: Int32Array): void {
    if (this.wholeFor(n)) {
      // Values are domain indices (generators draw them so): each is its own code.
      for (let j = 0; j < n; j++) {
        const k = values[j]!;
        codes[j] = k >= 0 ? k : 0;
      }
      this.takeWhole();
      return;
    }
    const stamp = this.stamp;
    const slot = this.slot;
    const near = stamp.length;
    const gen = this.generation;
    const entries = this.entries;
    for (let j = 0; j < n; j++) {
      const k = values[j]!;
      if (!(k >= 0)) {
        codes[j] = 0;
        continue;
      }
      if (k < near) {
        if (stamp[k] === gen) codes[j] = slot[k]!;
        else {
          stamp[k] = gen;
          slot[k] = codes[j] = entries.length;
          entries.push(k);
        }
      } else codes[j] = this.codeOf(k);
    }
  }

  /** Whether a batch of n rows has the whole domain as its dictionary, its codes being indices. */
  wholeFor(n: number): boolean {
    const size = this.domain.size;
    return size <= CACHE_LIMIT && size * ROWS_PER_WHOLE_ENTRY <= n;
  }

  /** After `reset`, when the caller wrote indices as codes (see `wholeFor`): the dictionary is the whole domain. */
  takeWhole(): void {
    this.entries = this.whole ??= Array.from({ length: this.domain.size }, (_, k) => k);
  }
  private whole: number[] | null = null;

  /** The whole domain's dictionary, built once: each batch gets a copy (batches own their arrays). */
  private wholeDict: { dictBytes: Uint8Array; dictOffsets: Int32Array } | null = null;

  finish(): { dictBytes: Uint8Array; dictOffsets: Int32Array } {
    if (this.entries === this.whole) {
      const d = (this.wholeDict ??= this.build());
      return { dictBytes: d.dictBytes.slice(), dictOffsets: d.dictOffsets.slice() };
    }
    return this.build();
  }

  private build(): { dictBytes: Uint8Array; dictOffsets: Int32Array } {
    const n = this.entries.length;
    const dictOffsets = new Int32Array(n + 1);
    let total = 0;
    for (let c = 0; c < n; c++) {
      total += this.domain.bytes(this.entries[c]!).length;
      dictOffsets[c + 1] = total;
    }
    const dictBytes = new Uint8Array(total);
    for (let c = 0; c < n; c++) dictBytes.set(this.domain.bytes(this.entries[c]!), dictOffsets[c]!);
    return { dictBytes, dictOffsets };
  }
}
