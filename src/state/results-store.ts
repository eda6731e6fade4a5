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
  type Op,
  type Value,
  OP_CODES,
} from '../../engine/index';

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
  readonly keyColumns: readonly number[];
  readonly rows: readonly ResultRow[];
  readonly latest: readonly ResultRow[];
  readonly rejected: readonly RejectedEntry[];
  readonly totalRows: number;
  readonly totalRejected: number;
  readonly opCounts: Readonly<Record<Op, number>>;
}

const MAX_LATEST_KEYS = 10_000;
const MAX_REJECTED = 1000;

export class ResultsStore {
  private columns: string[] = [];
  private keyColumns: number[] = [];
  private keep = 5000;
  private rows: ResultRow[] = [];
  private latest = new Map<string, ResultRow>();
  private rejected: RejectedEntry[] = [];
  private totalRows = 0;
  private totalRejected = 0;
  private opCounts: Record<Op, number> = { '+I': 0, '+U': 0, '-D': 0 };
  private version = 0;
  private snapshot: ResultsSnapshot | null = null;
  private listeners = new Set<() => void>();

  reset(columns: readonly string[], keyColumns: readonly number[], keep: number): void {
    this.columns = [...columns];
    this.keyColumns = [...keyColumns];
    this.keep = keep;
    this.rows = [];
    this.latest.clear();
    this.rejected = [];
    this.totalRows = 0;
    this.totalRejected = 0;
    this.opCounts = { '+I': 0, '+U': 0, '-D': 0 };
    this.changed();
  }

  /** Takes a whole output batch; decodes only what the bounded views keep. */
  appendBatch(batch: ColumnBatch): void {
    const dicts = batchDictionaries(batch);
    const first = Math.max(0, batch.length - this.keep);
    const base = this.totalRows;
    for (let i = 0; i < batch.length; i++) {
      const op = batch.op === null ? '+I' : OP_CODES[batch.op[i]!]!;
      this.opCounts[op]++;
    }
    if (this.keyColumns.length > 0) this.updateLatest(batch, dicts, base);
    for (let i = first; i < batch.length; i++) {
      const op = batch.op === null ? '+I' : OP_CODES[batch.op[i]!]!;
      this.rows.push({ n: base + i, op, values: rowValues(batch, i, dicts) });
    }
    if (this.rows.length > this.keep) this.rows.splice(0, this.rows.length - this.keep);
    this.totalRows += batch.length;
    this.changed();
  }

  appendRejected(entries: readonly RejectedEntry[]): void {
    this.totalRejected += entries.length;
    this.rejected.push(...entries);
    if (this.rejected.length > MAX_REJECTED) this.rejected.splice(0, this.rejected.length - MAX_REJECTED);
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ResultsSnapshot => {
    this.snapshot ??= {
      version: this.version,
      columns: this.columns,
      keyColumns: this.keyColumns,
      rows: this.rows.slice(),
      latest: [...this.latest.values()],
      rejected: this.rejected.slice(),
      totalRows: this.totalRows,
      totalRejected: this.totalRejected,
      opCounts: { ...this.opCounts },
    };
    return this.snapshot;
  };

  /** The latest row per key: scans the batch backwards so each key is decoded once per batch. */
  private updateLatest(batch: ColumnBatch, dicts: (string[] | null)[], base: number): void {
    const seen = new Set<string>();
    for (let i = batch.length - 1; i >= 0; i--) {
      const values = this.keyColumns.map((k) => readValue(batch.columns[k]!, i, dicts[k] ?? null));
      const key = JSON.stringify(values);
      if (seen.has(key)) continue;
      seen.add(key);
      const op = batch.op === null ? '+I' : OP_CODES[batch.op[i]!]!;
      if (op === '-D') this.latest.delete(key);
      // Existing keys keep their place, so rows do not jump around while values change.
      else if (this.latest.size < MAX_LATEST_KEYS || this.latest.has(key))
        this.latest.set(key, { n: base + i, op, values: rowValues(batch, i, dicts) });
    }
  }

  private changed(): void {
    this.version++;
    this.snapshot = null;
    for (const l of this.listeners) l();
  }
}
