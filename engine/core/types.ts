/**
 * SQL value types as the engine stores them. Every numeric type (BIGINT,
 * DOUBLE, TIMESTAMP) lives in a Float64Array: integers up to 2^53 are exact and
 * one representation keeps kernels monomorphic. TIMESTAMP is epoch milliseconds.
 */
export type DataType = 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'NULL';

export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  /** A source's `AS PROCTIME()` column: the source fills it from each row's arrival (see `proctime-columns.ts`). */
  readonly proctime?: true;
}

export type Schema = readonly Field[];

/** A value as it appears at the edges (JSON rows, tests, the UI). */
export type Value = number | string | boolean | null;

/** A row at the edges: column name → value. Never used on the hot path. */
export type Row = Record<string, Value>;

/** Change-log operation of an output row (dialect §5). */
export type Op = '+I' | '+U' | '-D';
export const OP_CODES: readonly Op[] = ['+I', '+U', '-D'];
export const OP_INSERT = 0;
export const OP_UPDATE = 1;
export const OP_DELETE = 2;

/** Event time in epoch milliseconds. Branded so it is not mixed up with durations or row counts. */
export type EventTime = number & { readonly __brand: 'EventTime' };
/** A duration in milliseconds. */
export type Millis = number & { readonly __brand: 'Millis' };
