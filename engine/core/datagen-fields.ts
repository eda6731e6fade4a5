/**
 * The per-column options of the `datagen` generator, as Flink's datagen
 * connector spells them (`'fields.<column>.<property>'`, issue #17). They
 * travel in a SourceSpec's options, normalised (numbers, ms), and are read
 * here by both the analyzer and the generator, so the defaults live once.
 *
 * Defaults differ from Flink's where Flink's would teach nothing: a random
 * number over the whole BIGINT range, a 100-character random string.
 */
import type { DataType, Field } from './types';

export type DatagenKind = 'random' | 'sequence';

/** The properties of one `fields.<column>.*` group this generator reads. */
export const DATAGEN_FIELD_PROPERTIES = ['kind', 'min', 'max', 'start', 'end', 'length', 'max-past'] as const;
export type DatagenFieldProperty = (typeof DATAGEN_FIELD_PROPERTIES)[number];

/** Random numbers without min/max: BIGINT in [0, 999], DOUBLE in [0, 1000). */
export const DATAGEN_RANDOM_MIN = 0;
export const DATAGEN_RANDOM_MAX = 1000;
/** Random strings without a length: 10 hex characters (Flink: 100). */
export const DATAGEN_STRING_LENGTH = 10;
/** A sequence without a start starts at 1 (Flink requires both start and end; end may be left out here: an unbounded sequence). */
export const DATAGEN_SEQUENCE_START = 1;

/** One column's resolved datagen recipe. */
export type DatagenField =
  | {
      readonly name: string;
      readonly type: DataType;
      readonly kind: 'sequence';
      readonly start: number;
      readonly end: number | null;
    }
  | {
      readonly name: string;
      readonly type: DataType;
      readonly kind: 'random';
      /** Numbers: inclusive for BIGINT, [min, max) for DOUBLE. */
      readonly min: number;
      readonly max: number;
      /** VARCHAR: characters. */
      readonly length: number;
      /** TIMESTAMP columns other than event time: up to this many ms before the row's event time. */
      readonly maxPast: number;
    }
  /** The stream's event-time column: it follows the time model (event_step, start_time, out_of_order, …). */
  | { readonly name: string; readonly type: 'TIMESTAMP'; readonly kind: 'time' };

export const datagenKey = (column: string, property: DatagenFieldProperty): string =>
  `fields.${column}.${property}`;

/** The recipe of each data column of `schema` (PROCTIME() columns are the source's); `timeColumn` is the stream's event-time column (or null). */
export function datagenFields(
  schema: readonly Field[],
  options: Readonly<Record<string, number | string>>,
  timeColumn: string | null,
): DatagenField[] {
  return schema
    .filter((f) => !f.proctime)
    .map((f) => {
      const num = (p: DatagenFieldProperty): number | undefined => {
        const v = options[datagenKey(f.name, p)];
        return typeof v === 'number' ? v : undefined;
      };
      if (f.type === 'TIMESTAMP' && f.name === timeColumn)
        return { name: f.name, type: 'TIMESTAMP', kind: 'time' };
      if (
        options[datagenKey(f.name, 'kind')] === 'sequence' &&
        (f.type === 'BIGINT' || f.type === 'DOUBLE' || f.type === 'VARCHAR')
      )
        return {
          name: f.name,
          type: f.type,
          kind: 'sequence',
          start: num('start') ?? DATAGEN_SEQUENCE_START,
          end: num('end') ?? null,
        };
      const min = num('min') ?? DATAGEN_RANDOM_MIN;
      const max = num('max') ?? (f.type === 'BIGINT' ? DATAGEN_RANDOM_MAX - 1 : DATAGEN_RANDOM_MAX);
      return {
        name: f.name,
        type: f.type,
        kind: 'random',
        min,
        max,
        length: num('length') ?? DATAGEN_STRING_LENGTH,
        maxPast: num('max-past') ?? 0,
      };
    });
}

/** Rows a datagen stream has at most: a bounded sequence ends the stream when it runs out (as in Flink). */
export function datagenRowLimit(fields: readonly DatagenField[]): number | null {
  let limit: number | null = null;
  for (const f of fields)
    if (f.kind === 'sequence' && f.end !== null) {
      const n = Math.max(0, Math.floor(f.end - f.start) + 1);
      limit = limit === null ? n : Math.min(limit, n);
    }
  return limit;
}
