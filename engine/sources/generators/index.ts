/**
 * Seeded, counter-based generators for the built-in streams (dialect §2.1,
 * §2.2). Row i of a stream is a pure function of (options, i), so every
 * execution variant — any batch size, any partition count, any start row —
 * sees exactly the same rows with the same `seq` and watermark.
 */
import type { SourceSpec } from '../../plan/physical-plan';
import { datagenFields, datagenRowLimit } from '../../core/datagen-fields';
import { resolveGeneratorOptions, type GeneratorOptions } from '../../core/stream-options';
import { clicksGenerator } from './clicks';
import { datagenGenerator } from './datagen';
import type { GeneratorDef, GeneratorFactory } from './generator-def';
import { GeneratedStream, type GeneratorSource } from './generator-source';
import { reused, rowsKey } from './reused-parts';
import { impressionsGenerator } from './impressions';
import { ordersGenerator } from './orders';
import { paymentsGenerator } from './payments';
import { ratesGenerator } from './rates';
import { sensorsGenerator } from './sensors';
import { tradesGenerator } from './trades';
import { generatorClock } from './generator-clock';
import {
  dataIndex,
  dataIndexOrNull,
  isProctime,
  splitProctime,
  withProctime,
  type ProctimeSplit,
} from '../proctime-columns';
import { checkOptions, checkPartitionArgs, resolveColumns } from './validate';

export type { GeneratorSource } from './generator-source';
export { rowPartitionHash, partitionOfRow } from './partition-of';

export interface GeneratorSourceOptions {
  /** This source's partition, in [0, partitions). Default 0. */
  readonly partition?: number;
  /** Default 1. With more, only rows whose partition columns hash to `partition` are produced. */
  readonly partitions?: number;
  /** Indices into `spec.columns` to hash; empty with partitions > 1 = round-robin by seq. */
  readonly partitionColumns?: readonly number[];
  /** First global row to scan (resuming a stream). Default 0. */
  readonly startRow?: number;
}

const FACTORIES: Readonly<Record<string, GeneratorFactory | undefined>> = {
  trades: tradesGenerator,
  orders: ordersGenerator,
  sensors: sensorsGenerator,
  clicks: clicksGenerator,
  payments: paymentsGenerator,
  impressions: impressionsGenerator,
  rates: ratesGenerator,
};

/** The generator definition for normalised options (exposed for tests and tools). */
export function generatorDef(
  stream: string,
  options: Readonly<Record<string, number | string>>,
): GeneratorDef {
  const o = resolveGeneratorOptions(stream, options);
  checkOptions(o);
  const factory = FACTORIES[o.generator];
  if (!factory)
    throw new Error(`generator '${o.generator}' is made from a stream's columns: use createGeneratorSource`);
  return factory(o);
}

const defs = new Map<string, GeneratorDef>();

/** The definition for a source, and the options it runs with (a bounded datagen sequence caps `total`). */
function defOf(spec: SourceSpec, o: GeneratorOptions): { def: GeneratorDef; o: GeneratorOptions } {
  const factory = FACTORIES[o.generator];
  if (factory) return { def: reused(defs, rowsKey(o), () => factory(o)), o };
  // datagen: the rows depend on the declared columns and their fields.* options too.
  const time = spec.timeColumn === null ? null : spec.columns[spec.timeColumn]!.name;
  const limit = datagenRowLimit(datagenFields(spec.streamSchema, spec.options, time));
  const capped = limit === null || (o.total !== null && o.total <= limit) ? o : { ...o, total: limit };
  const key = `${rowsKey(o)}|${spec.stream}|${time}|${JSON.stringify(spec.streamSchema)}|${JSON.stringify(spec.options)}`;
  const def = reused(defs, key, () =>
    datagenGenerator(o, spec.stream, spec.streamSchema, spec.options, time),
  );
  return { def, o: capped };
}

export function createGeneratorSource(spec: SourceSpec, opts: GeneratorSourceOptions = {}): GeneratorSource {
  const split = splitProctime(spec.columns);
  return split === null ? createDataSource(spec, opts) : createWithProctime(spec, opts, split);
}

/** The generator fills the data columns; each row's PROCTIME() is its arrival, from the same clock. */
function createWithProctime(
  spec: SourceSpec,
  opts: GeneratorSourceOptions,
  split: ProctimeSplit,
): GeneratorSource {
  const dataSpec: SourceSpec = {
    ...spec,
    columns: split.data,
    streamSchema: spec.streamSchema.filter((f) => !isProctime(f)),
    timeColumn: dataIndexOrNull(split, spec.timeColumn, 'the event-time column'),
    keyColumn: dataIndexOrNull(split, spec.keyColumn, 'the key column'),
  };
  const inner = createDataSource(dataSpec, {
    ...opts,
    partitionColumns: opts.partitionColumns?.map((c) => dataIndex(split, c, 'a partitioning column')),
  });
  const clock = generatorClock(dataSpec);
  return {
    schema: spec.columns,
    rowsPerSecond: inner.rowsPerSecond,
    total: inner.total,
    get bounded() {
      return inner.bounded;
    },
    get position() {
      return inner.position;
    },
    next(maxRows) {
      const b = inner.next(maxRows);
      return b === null ? null : withProctime(split, b, clock.arrivalOfSeq);
    },
  };
}

function createDataSource(spec: SourceSpec, opts: GeneratorSourceOptions): GeneratorSource {
  const resolved = resolveGeneratorOptions(spec.generator ?? spec.stream, spec.options);
  checkOptions(resolved);
  const { def, o } = defOf(spec, resolved);
  const part = {
    partition: opts.partition ?? 0,
    partitions: opts.partitions ?? 1,
    partitionColumns: opts.partitionColumns ?? [],
    startRow: opts.startRow ?? 0,
  };
  checkPartitionArgs(spec, part, def.timeColumn);
  if (!(spec.watermarkDelay >= 0))
    throw new Error(`stream '${spec.stream}': watermark delay must be ≥ 0 ms, got ${spec.watermarkDelay}`);
  return new GeneratedStream(spec, o, def, resolveColumns(spec, def), part, spec.watermarkDelay);
}
