/**
 * The rows Flink reads: exactly the ones Windtunnel reads — a file typed by
 * the stream's DDL (bad rows skipped, as the engine skips them), or a bounded
 * generator's rows — written as JSON lines with TIMESTAMPs in Flink's SQL
 * form (`yyyy-MM-dd HH:mm:ss.SSS`, UTC: Windtunnel's epoch ms).
 */
import type { ColumnBatch } from '../../engine/core/batch';
import { batchToRows } from '../../engine/core/batch-rows';
import type { Row, Schema } from '../../engine/core/types';
import type { BatchSource } from '../../engine/sources/batch-source';
import type { SourceSpec } from '../../engine/plan/physical-plan';
import { createFileSource, type FileFormat, type RowError } from '../../engine/sources/file-source';
import { createGeneratorSource } from '../../engine/sources/generators/index';

function drain(source: BatchSource, schema: Schema, limit: number, what: string): Row[] {
  const rows: Row[] = [];
  for (let b: ColumnBatch | null; (b = source.next(16_384)) !== null;) {
    for (const r of batchToRows(b, schema)) rows.push(r);
    if (rows.length > limit) throw new Error(`${what} has more than ${limit} rows; give it a smaller total`);
  }
  return rows;
}

/** Every declared column, so `SELECT *` and unread columns exist on the Flink side too. */
export function wholeStream(spec: SourceSpec): SourceSpec {
  const time = spec.timeColumn === null ? null : spec.columns[spec.timeColumn]!.name;
  const t = time === null ? -1 : spec.streamSchema.findIndex((f) => f.name === time);
  return { ...spec, columns: spec.streamSchema, timeColumn: t < 0 ? null : t };
}

export function fileRows(
  spec: SourceSpec,
  text: string,
  format: FileFormat,
): { rows: Row[]; schema: Schema; errors: RowError[] } {
  const whole = wholeStream(spec);
  const f = createFileSource(whole, text, format);
  return { rows: drain(f.source, f.schema, Infinity, spec.stream), schema: f.schema, errors: f.errors() };
}

export const MAX_GENERATED_ROWS = 5_000_000;

/** A bounded generator's rows (throws with a readable message if it is unbounded or too big). */
export function generatorRows(spec: SourceSpec): { rows: Row[]; schema: Schema } {
  const source = createGeneratorSource(spec);
  if (!source.bounded)
    throw new Error(`stream ${spec.stream} is unbounded: give it a total, e.g. WITH (total = 100000)`);
  return {
    rows: drain(source, spec.columns, MAX_GENERATED_ROWS, `stream ${spec.stream}`),
    schema: spec.columns,
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Epoch ms → `yyyy-MM-dd HH:mm:ss.SSS` in UTC, the form Flink's JSON format reads into TIMESTAMP(3). */
export function flinkTimestamp(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new Error(`timestamp out of range: ${ms}`);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** Rows as JSON lines for Flink's `'format' = 'json'`. */
export function jsonLines(rows: readonly Row[], schema: Schema): string {
  const out: string[] = [];
  for (const r of rows) {
    const o: Record<string, unknown> = {};
    for (const f of schema) {
      const v = r[f.name];
      if (v === null || v === undefined) o[f.name] = null;
      else if (f.type === 'TIMESTAMP' && typeof v === 'number') o[f.name] = flinkTimestamp(v);
      else if (typeof v === 'number' && !Number.isFinite(v)) o[f.name] = null;
      else o[f.name] = v;
    }
    out.push(JSON.stringify(o));
  }
  return out.length ? out.join('\n') + '\n' : '';
}
