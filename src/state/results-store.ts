/**
 * Output rows as the results views see them: the last N rows of the changelog,
 * the latest value per key, and the late/invalid side output — all bounded, so
 * an endless stream never grows the tab's memory. Lives outside React; views
 * subscribe and redraw at most once per animation frame.
 */
import {
  batchDictionaries,
  readValue,
  rowValues,
  type ColumnBatch,
  type DataType,
  type Op,
  type Value,
  OP_CODES,
} from '../../engine/index';
import type { SkippedOutput } from '../../engine/worker/index';
import { BatchedNotifier } from './batched-notifier';

export interface ResultRow {
  /** 0-based position in the whole output stream. */
  readonly n: number;
  readonly op: Op;
  readonly values: readonly Value[];
}

export interface RejectedEntry {
  readonly seq: number;
  readonly reason: string;
  readonly detail: string;
  readonly row: string;
}

export interface ResultsSnapshot {
  readonly version: number;
  readonly columns: readonly string[];
  /** Each column's SQL type, as the output batches carry it ('NULL' until a batch showed it). */
  readonly types: readonly DataType[];
  readonly keyColumns: readonly number[];
  readonly rows: readonly ResultRow[];
  readonly latest: readonly ResultRow[];
  readonly rejected: readonly RejectedEntry[];
  readonly totalRows: number;
  readonly totalRejected: number;
  readonly opCounts: Readonly<Record<Op, number>>;
  /** True once a batch was too large to scan fully for the latest-per-key view. */
  readonly latestSampled: boolean;
}

const MAX_LATEST_KEYS = 10_000;
/**
 * Rows per batch the latest-per-key view looks at, newest first. At full speed
 * the engine emits millions of rows a second, more than the main thread can
 * decode; scanning only the newest rows keeps every task short, and the view
 * says when it is sampling.
 */
const LATEST_SCAN_BUDGET = 4096;
const MAX_REJECTED = 1000;

/**
 * Output rows per call this store reads, keeping `keep` rows: the newest `keep`, and the newest
 * LATEST_SCAN_BUDGET for the latest-per-key view. A run may post only these and count the rest
 * (`RunOptions.deliverNewest`, `appendBatches`' `skipped`): the view is the same.
 */
export function rowsReadPerCall(keep: number): number {
  return Math.max(keep, LATEST_SCAN_BUDGET);
}

export class ResultsStore {
  private columns: string[] = [];
  private types: DataType[] = [];
  private keyColumns: number[] = [];
  private keep = 5000;
  private rows: ResultRow[] = [];
  private latest = new Map<string, ResultRow>();
  private rejected: RejectedEntry[] = [];
  private totalRows = 0;
  private totalRejected = 0;
  private opCounts: Record<Op, number> = { '+I': 0, '+U': 0, '-D': 0 };
  private latestSampled = false;
  private version = 0;

  private readonly notifier: BatchedNotifier;

  /** `schedule` batches listener calls (the app passes a short timeout: a few redraws a second). */
  constructor(schedule?: (fn: () => void) => void) {
    this.notifier = new BatchedNotifier(schedule);
  }
  private snapshot: ResultsSnapshot | null = null;

  reset(columns: readonly string[], keyColumns: readonly number[], keep: number): void {
    this.columns = [...columns];
    this.types = columns.map(() => 'NULL');
    this.keyColumns = [...keyColumns];
    this.keep = keep;
    this.rows = [];
    this.latest.clear();
    this.rejected = [];
    this.totalRows = 0;
    this.totalRejected = 0;
    this.opCounts = { '+I': 0, '+U': 0, '-D': 0 };
    this.latestSampled = false;
    this.changed();
  }

  appendBatch(batch: ColumnBatch): void {
    this.appendBatches([batch]);
  }

  /**
   * Output batches as they arrive together. Only the rows the changelog keeps
   * are decoded, and the latest-per-key view scans at most LATEST_SCAN_BUDGET of
   * the newest rows, so the work per call is bounded whatever the engine's speed.
   */
  appendBatches(batches: readonly ColumnBatch[], skipped: SkippedOutput | null = null): void {
    const dicts = batches.map((b) => batchDictionaries(b));
    const bases: number[] = [];
    let total = this.totalRows;
    if (skipped !== null) {
      // Rows older than these batches, counted by the worker instead of posted (rowsReadPerCall).
      total += skipped.rows;
      OP_CODES.forEach((op, code) => (this.opCounts[op] += skipped.ops[code] ?? 0));
      if (skipped.rows > 0 && this.keyColumns.length > 0) this.latestSampled = true;
    }
    for (const b of batches) {
      bases.push(total);
      total += b.length;
      this.countOps(b);
      b.columns.forEach((c, k) => {
        if (this.types[k] === 'NULL') this.types[k] = c.type;
      });
    }
    if (this.keyColumns.length > 0) this.updateLatest(batches, dicts, bases);
    const keepFrom = total - this.keep;
    batches.forEach((b, k) => {
      const base = bases[k]!;
      for (let i = Math.max(0, keepFrom - base); i < b.length; i++) {
        const op = b.op === null ? '+I' : OP_CODES[b.op[i]!]!;
        this.rows.push({ n: base + i, op, values: rowValues(b, i, dicts[k]!) });
      }
    });
    if (this.rows.length > this.keep) this.rows.splice(0, this.rows.length - this.keep);
    this.totalRows = total;
    this.changed();
  }

  /** A tight loop over the op codes: at full speed this sees millions of rows a second. */
  private countOps(b: ColumnBatch): void {
    if (b.op === null) {
      this.opCounts['+I'] += b.length;
      return;
    }
    const counts = [0, 0, 0];
    for (let i = 0; i < b.length; i++) counts[b.op[i]!]!++;
    OP_CODES.forEach((op, code) => (this.opCounts[op] += counts[code]!));
  }

  appendRejected(entries: readonly RejectedEntry[]): void {
    this.totalRejected += entries.length;
    this.rejected.push(...entries);
    if (this.rejected.length > MAX_REJECTED) this.rejected.splice(0, this.rejected.length - MAX_REJECTED);
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => this.notifier.subscribe(listener);

  getSnapshot = (): ResultsSnapshot => {
    this.snapshot ??= {
      version: this.version,
      columns: this.columns,
      types: this.types.slice(),
      keyColumns: this.keyColumns,
      rows: this.rows.slice(),
      latest: [...this.latest.values()],
      latestSampled: this.latestSampled,
      rejected: this.rejected.slice(),
      totalRows: this.totalRows,
      totalRejected: this.totalRejected,
      opCounts: { ...this.opCounts },
    };
    return this.snapshot;
  };

  /** The latest row per key: scans newest first, so each key is decoded once per call. */
  private updateLatest(batches: readonly ColumnBatch[], dicts: (string[] | null)[][], bases: number[]): void {
    const seen = new Set<string>();
    let budget = LATEST_SCAN_BUDGET;
    for (let k = batches.length - 1; k >= 0; k--) {
      const batch = batches[k]!;
      const d = dicts[k]!;
      const stop = Math.max(0, batch.length - budget);
      if (stop > 0) this.latestSampled = true;
      budget -= batch.length - stop;
      for (let i = batch.length - 1; i >= stop; i--) {
        const key = JSON.stringify(this.keyColumns.map((c) => readValue(batch.columns[c]!, i, d[c] ?? null)));
        if (seen.has(key)) continue;
        seen.add(key);
        const op = batch.op === null ? '+I' : OP_CODES[batch.op[i]!]!;
        if (op === '-D') this.latest.delete(key);
        // Existing keys keep their place, so rows do not jump around while values change.
        else if (this.latest.size < MAX_LATEST_KEYS || this.latest.has(key))
          this.latest.set(key, { n: bases[k]! + i, op, values: rowValues(batch, i, d) });
      }
    }
  }

  private changed(): void {
    this.version++;
    this.snapshot = null;
    this.notifier.notify();
  }
}
