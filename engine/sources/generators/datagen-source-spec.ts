/** Builds the SourceSpec of a datagen stream the way the planner would: for tests and tools. */
import type { Field } from '../../core/types';
import type { SourceSpec } from '../../plan/physical-plan';

export function datagenSourceSpec(
  stream: string,
  schema: readonly Field[],
  options: Readonly<Record<string, number | string>> = {},
  opts: { timeColumn?: string | null; watermarkDelay?: number } = {},
): SourceSpec {
  const timeName =
    opts.timeColumn === undefined
      ? (schema.find((f) => f.type === 'TIMESTAMP')?.name ?? null)
      : opts.timeColumn;
  const time = timeName === null ? -1 : schema.findIndex((f) => f.name === timeName);
  return {
    stream,
    streamSchema: schema,
    columns: schema,
    timeColumn: time < 0 ? null : time,
    watermarkDelay: opts.watermarkDelay ?? 0,
    generator: 'datagen',
    options,
    keyColumn: null,
  };
}
