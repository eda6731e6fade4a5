/**
 * Checks what the analyzer cannot: combinations of options, the columns a
 * stream asks of its generator, and the partitioning arguments. Ranges of
 * single options are the analyzer's job (the STREAM_OPTIONS table), but they
 * are re-checked here cheaply because a plan may come from anywhere.
 */
import { GENERATOR_NAMES, type GeneratorOptions } from '../../core/stream-options';
import type { DataType } from '../../core/types';
import type { SourceSpec } from '../../plan/physical-plan';
import type { GeneratorDef } from './generator-def';

export interface PartitionArgs {
  readonly partition: number;
  readonly partitions: number;
  readonly partitionColumns: readonly number[];
  readonly startRow: number;
}

const numeric = (t: DataType): boolean => t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP';

export function checkOptions(o: GeneratorOptions): void {
  const fail = (msg: string): never => {
    throw new Error(`generator '${o.generator}': ${msg}`);
  };
  if (!(GENERATOR_NAMES as readonly string[]).includes(o.generator))
    fail(`unknown generator; known generators are ${GENERATOR_NAMES.join(', ')}`);
  for (const k of ['out_of_order', 'late', 'null_rate'] as const)
    if (!(o[k] >= 0 && o[k] <= 1)) fail(`${k} must be a fraction in [0, 1], got ${o[k]}`);
  if (!Number.isInteger(o.keys) || o.keys < 1) fail(`keys must be a whole number ≥ 1, got ${o.keys}`);
  if (!(o.skew >= 0 && Number.isFinite(o.skew))) fail(`skew must be ≥ 0, got ${o.skew}`);
  if (!(o.event_step >= 0 && Number.isFinite(o.event_step)))
    fail(`event_step must be ≥ 0 ms, got ${o.event_step}`);
  if (!Number.isFinite(o.start_time)) fail(`start_time must be a finite epoch-ms value, got ${o.start_time}`);
  if (!(o.max_out_of_order >= 0)) fail(`max_out_of_order must be ≥ 0 ms, got ${o.max_out_of_order}`);
  if (!(o.rows_per_second >= 0))
    fail(`rows_per_second must be ≥ 0 (0 = as fast as possible), got ${o.rows_per_second}`);
  if (o.total !== null && !(Number.isInteger(o.total) && o.total >= 0))
    fail(`total must be a whole number ≥ 0, got ${o.total}`);
  if (!Number.isInteger(o.seed) || o.seed < 0) fail(`seed must be a whole number ≥ 0, got ${o.seed}`);
  // Combinations.
  if (o.out_of_order + o.late > 1)
    fail(
      `out_of_order (${o.out_of_order}) + late (${o.late}) exceed 1: they are fractions of disjoint sets of rows`,
    );
  if (o.out_of_order > 0 && o.max_out_of_order < 1)
    fail(
      `out_of_order = ${o.out_of_order} moves rows back by up to max_out_of_order, which is ${o.max_out_of_order} ms; set max_out_of_order to at least 1ms (e.g. '500ms')`,
    );
  if (o.event_step === 0 && o.out_of_order + o.late >= 1)
    fail(
      'with event_step = 0 some rows must stay in order (out_of_order + late < 1), or the watermark never advances',
    );
}

/** Maps each requested column to the generator's column index, checking names and types. */
export function resolveColumns(spec: SourceSpec, def: GeneratorDef): number[] {
  const names = def.columns.map((c) => c.name);
  return spec.columns.map((f) => {
    const k = names.indexOf(f.name.toLowerCase());
    if (k < 0)
      throw new Error(
        `stream '${spec.stream}': column '${f.name}' is not produced by generator '${def.stream.name}' (it has ${names.join(', ')})`,
      );
    const have = def.columns[k]!.type;
    if (f.type !== have && !(numeric(f.type) && numeric(have)))
      throw new Error(
        `stream '${spec.stream}': column '${f.name}' is declared ${f.type} but generator '${def.stream.name}' produces ${have}`,
      );
    return k;
  });
}

export function checkPartitionArgs(spec: SourceSpec, p: PartitionArgs, timeColumn = 'ts'): void {
  const { partition, partitions, partitionColumns, startRow } = p;
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`partitions must be a whole number ≥ 1, got ${partitions}`);
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions)
    throw new Error(`partition must be in [0, ${partitions}), got ${partition}`);
  for (const c of partitionColumns)
    if (!Number.isInteger(c) || c < 0 || c >= spec.columns.length)
      throw new Error(`partition column index ${c} is outside the source's ${spec.columns.length} columns`);
  if (!Number.isInteger(startRow) || startRow < 0)
    throw new Error(`startRow must be a whole number ≥ 0, got ${startRow}`);
  if (
    spec.timeColumn !== null &&
    spec.columns[spec.timeColumn]?.name.toLowerCase() !== timeColumn.toLowerCase()
  )
    throw new Error(
      `stream '${spec.stream}': this generator keeps event time in '${timeColumn}', not '${spec.columns[spec.timeColumn]?.name}'`,
    );
}
