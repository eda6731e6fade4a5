/**
 * The `WITH (…)` options of `CREATE STREAM` (dialect §2.2): one table that the
 * analyzer validates against, the generators read, and the sources panel draws.
 * Values are normalised before they reach a plan: intervals and timestamps
 * become milliseconds, everything numeric a number.
 */

export type OptionKind =
  /** any finite number within [min, max] */
  | 'number'
  /** a whole number within [min, max] */
  | 'integer'
  /** a fraction in [0, 1] */
  | 'fraction'
  /** an interval literal ('1s', '500ms', INTERVAL '2' SECOND) or a number of ms */
  | 'interval'
  /** epoch ms, or an ISO-8601 string like '2024-01-01T00:00:00Z' */
  | 'timestamp'
  /** one of a set of names */
  | 'name';

export interface StreamOption {
  readonly name: string;
  readonly kind: OptionKind;
  readonly min?: number;
  readonly max?: number;
  /** For kind 'name': the allowed values. */
  readonly values?: readonly string[];
  /** Default as the engine applies it; undefined = absent (e.g. `total`: unbounded). */
  readonly defaultValue?: number | string;
  readonly doc: string;
}

export const GENERATOR_NAMES = [
  'trades',
  'orders',
  'sensors',
  'clicks',
  'payments',
  'impressions',
  'rates',
  /** Made from the stream's own columns (Flink's datagen connector; engine/core/datagen-fields.ts). */
  'datagen',
] as const;

export const STREAM_OPTIONS: readonly StreamOption[] = [
  {
    name: 'generator',
    kind: 'name',
    values: GENERATOR_NAMES,
    doc: 'Which built-in generator fills the stream (default: the stream name).',
  },
  {
    name: 'rows_per_second',
    kind: 'number',
    min: 0,
    max: 1e9,
    defaultValue: 10000,
    doc: 'Wall-clock rate; 0 = as fast as possible.',
  },
  {
    name: 'total',
    kind: 'integer',
    min: 0,
    max: 1e12,
    doc: 'Stop after this many rows (a bounded stream); absent = unbounded.',
  },
  {
    name: 'keys',
    kind: 'integer',
    min: 1,
    max: 10_000_000,
    defaultValue: 20,
    doc: 'Distinct values of the key column.',
  },
  {
    name: 'skew',
    kind: 'number',
    min: 0,
    max: 10,
    defaultValue: 0,
    doc: 'Zipf exponent over keys; 0 = uniform.',
  },
  {
    name: 'event_step',
    kind: 'interval',
    min: 0,
    max: 86_400_000,
    defaultValue: 1,
    doc: 'Event-time milliseconds between consecutive rows.',
  },
  {
    name: 'start_time',
    kind: 'timestamp',
    defaultValue: 0,
    doc: "Event time of the first row (ms or '2024-01-01T00:00:00Z').",
  },
  {
    name: 'out_of_order',
    kind: 'fraction',
    defaultValue: 0,
    doc: 'Fraction of rows whose ts is moved back, up to max_out_of_order.',
  },
  {
    name: 'max_out_of_order',
    kind: 'interval',
    min: 0,
    max: 86_400_000 * 365,
    defaultValue: 0,
    doc: 'Bound for that move (interval or ms).',
  },
  {
    name: 'late',
    kind: 'fraction',
    defaultValue: 0,
    doc: 'Fraction of rows moved back beyond the watermark (they will be late).',
  },
  {
    name: 'null_rate',
    kind: 'fraction',
    defaultValue: 0,
    doc: 'Fraction of nullable non-key, non-time values that are NULL.',
  },
  {
    name: 'seed',
    kind: 'integer',
    min: 0,
    max: 2 ** 32 - 1,
    defaultValue: 1,
    doc: 'PRNG seed: the same seed and options give the same rows, in every variant.',
  },
  {
    name: 'idle_timeout',
    kind: 'interval',
    min: 1,
    max: 86_400_000 * 365,
    doc: "With several input streams: after this long (of arrival time) without a row, the stream no longer holds the combined watermark back (Flink's table.exec.source.idle-timeout, per stream). Absent = never idle.",
  },
];

export function findStreamOption(name: string): StreamOption | undefined {
  const lower = name.toLowerCase();
  return STREAM_OPTIONS.find((o) => o.name === lower);
}

/** Normalised options as they appear in a plan's SourceSpec. */
export interface GeneratorOptions {
  readonly generator: string;
  readonly rows_per_second: number;
  /** null = unbounded */
  readonly total: number | null;
  readonly keys: number;
  readonly skew: number;
  readonly event_step: number;
  readonly start_time: number;
  readonly out_of_order: number;
  readonly max_out_of_order: number;
  readonly late: number;
  readonly null_rate: number;
  readonly seed: number;
}

/** Fills defaults into normalised options (`generator` defaults to the stream name). */
export function resolveGeneratorOptions(
  stream: string,
  options: Readonly<Record<string, number | string>>,
): GeneratorOptions {
  const num = (k: string, d: number): number => {
    const v = options[k];
    return typeof v === 'number' ? v : d;
  };
  const gen = options['generator'];
  return {
    generator: typeof gen === 'string' ? gen : stream,
    rows_per_second: num('rows_per_second', 10000),
    total: typeof options['total'] === 'number' ? options['total'] : null,
    keys: num('keys', 20),
    skew: num('skew', 0),
    event_step: num('event_step', 1),
    start_time: num('start_time', 0),
    out_of_order: num('out_of_order', 0),
    max_out_of_order: num('max_out_of_order', 0),
    late: num('late', 0),
    null_rate: num('null_rate', 0),
    seed: num('seed', 1),
  };
}
