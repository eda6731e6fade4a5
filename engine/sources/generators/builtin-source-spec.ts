/** Builds SourceSpecs for built-in streams the way the planner would: for tests, benchmarks and tools. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { SourceSpec } from '../../plan/physical-plan';

export function builtinSourceSpec(
  stream: string,
  options: Readonly<Record<string, number | string>> = {},
  opts: { columns?: readonly string[]; watermarkDelay?: number } = {},
): SourceSpec {
  const gen = typeof options['generator'] === 'string' ? options['generator'] : stream;
  const b = findBuiltinStream(gen);
  if (!b) throw new Error(`no built-in stream '${gen}'`);
  const columns = opts.columns ? opts.columns.map((n) => b.columns.find((f) => f.name === n)!) : b.columns;
  const time = columns.findIndex((f) => f.name === 'ts');
  const key = columns.findIndex((f) => f.name === b.keyColumn);
  return {
    stream,
    streamSchema: b.columns,
    columns,
    timeColumn: time < 0 ? null : time,
    watermarkDelay: opts.watermarkDelay ?? 0,
    generator: gen,
    options,
    keyColumn: key < 0 ? null : key,
  };
}
