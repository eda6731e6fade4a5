import type { SourceSpec } from './physical-plan';

/**
 * What to tell someone who runs a stream that no file and no generator can
 * fill (dialect §2: decided at run time, names the stream). `giveFile` is how
 * this surface takes a file ("upload a CSV or JSON-lines file for it",
 * "pass --input orders=PATH").
 */
export function unfedSourceMessage(spec: SourceSpec, giveFile: string): string {
  const path = spec.options['path'];
  if (typeof path === 'string')
    return (
      `stream '${spec.stream}' reads the file '${path}' ('connector' = 'filesystem'), which the playground ` +
      `cannot open by its path: ${giveFile}`
    );
  if (spec.generatorMismatch === undefined) return `stream '${spec.stream}' has no generator: ${giveFile}`;
  return (
    `stream '${spec.stream}' has no file, and the built-in generator '${spec.stream}' cannot fill it ` +
    `(${spec.generatorMismatch}): ${giveFile}, or name a generator whose columns fit with ` +
    `WITH (generator = '…')`
  );
}
