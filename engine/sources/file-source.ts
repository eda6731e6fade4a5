/**
 * A CSV (with header) or JSON-lines file as a bounded stream. Rows are typed
 * by the stream's columns, or by a schema inferred from the first rows when
 * the stream has no DDL. Each bad row is reported with its line and skipped;
 * each row's `seq` is its 1-based line number.
 */
import Papa from 'papaparse';
import type { Schema, Value } from '../core/types';
import type { SourceSpec } from '../plan/physical-plan';
import type { BatchSource } from './batch-source';
import { inferSchema, typeRow, type RawRow, type RowError } from './file-rows';
import { dataIndexOrNull, splitProctime } from './proctime-columns';
import { createRowsSource } from './rows-source';

export type { RowError } from './file-rows';
export type FileFormat = 'csv' | 'jsonl';

export interface ParsedFile {
  /** Raw rows with their line numbers. */
  readonly rows: RawRow[];
  readonly lines: number[];
  readonly errors: RowError[];
}

/** `.csv` → csv; `.json`, `.jsonl`, `.ndjson` → jsonl; else null. */
export function formatOfPath(path: string): FileFormat | null {
  const p = path.toLowerCase();
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.json') || p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  return null;
}

export function parseFile(text: string, format: FileFormat): ParsedFile {
  const rows: RawRow[] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  if (format === 'jsonl') {
    const all = text.split('\n');
    for (let k = 0; k < all.length; k++) {
      const s = all[k]!.trim();
      if (s === '') continue;
      try {
        const v: unknown = JSON.parse(s);
        if (v === null || typeof v !== 'object' || Array.isArray(v))
          errors.push({ line: k + 1, message: 'not a JSON object' });
        else {
          rows.push(v as RawRow);
          lines.push(k + 1);
        }
      } catch (e) {
        errors.push({ line: k + 1, message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return { rows, lines, errors };
  }
  const firstNl = text.indexOf('\n');
  let prev = firstNl < 0 ? text.length : firstNl + 1;
  let line = 1;
  let counted = 0;
  const lineAt = (pos: number): number => {
    for (; counted < pos && counted < text.length; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    step: (r) => {
      let start = prev;
      while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
      const at = lineAt(start);
      prev = r.meta.cursor;
      const e = r.errors[0];
      if (e) errors.push({ line: at, message: `CSV: ${e.message}` });
      else {
        rows.push(r.data);
        lines.push(at);
      }
    },
  });
  return { rows, lines, errors };
}

export interface FileSource {
  readonly source: BatchSource;
  /** Rows that did not parse or fit, with their lines (complete once the source is created). */
  errors(): RowError[];
  /** The columns the source produces (the spec's, or the inferred schema). */
  readonly schema: Schema;
}

/**
 * A source over a file. With a spec, rows are typed by `spec.columns`; with
 * null, by a schema inferred from the file (no event time unless a `ts` column
 * is found; then watermark delay 0).
 */
export function createFileSource(spec: SourceSpec | null, text: string, format: FileFormat): FileSource {
  const parsed = parseFile(text, format);
  const fromText = format === 'csv';
  const schema: Schema = spec ? spec.columns : inferSchema(parsed.rows, fromText);
  const timeColumn = spec
    ? spec.timeColumn
    : schema.findIndex((f) => f.name === 'ts' && f.type === 'TIMESTAMP');
  const tc = timeColumn === null || timeColumn < 0 ? null : timeColumn;
  const errors = [...parsed.errors];
  const typed: Value[][] = [];
  const seq: number[] = [];
  // A file holds the data columns; PROCTIME() columns are filled as rows arrive (see createRowsSource).
  const split = splitProctime(schema);
  const data = split?.data ?? schema;
  const dataTc = split === null ? tc : dataIndexOrNull(split, tc, 'the event-time column');
  parsed.rows.forEach((r, k) => {
    const v = typeRow(r, data, dataTc, fromText);
    if (typeof v === 'string') errors.push({ line: parsed.lines[k]!, message: v });
    else {
      typed.push(v);
      seq.push(parsed.lines[k]!);
    }
  });
  errors.sort((a, b) => a.line - b.line);
  const source = createRowsSource(
    { columns: schema, timeColumn: tc, watermarkDelay: spec?.watermarkDelay ?? 0 },
    typed,
    { seq },
  );
  return { source, errors: () => errors, schema };
}
