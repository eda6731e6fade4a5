/** Command line of `npm run query` (its contract is used by tests outside the project: keep it exact). */
import type { VariantName } from '../../engine/worker/run-types';

export interface CliArgs {
  sql: string;
  inputs: { name: string; path: string }[];
  variant: VariantName;
  batchSize: number | undefined;
  partitions: number | undefined;
  changelog: boolean;
  explain: boolean;
  stats: boolean;
}

export const USAGE =
  'usage: npm run --silent query -- --sql FILE [--input NAME=PATH]… [--variant direct|batched|per-record|partitioned] ' +
  '[--batch-size N] [--partitions N] [--changelog] [--explain] [--stats]';

const VARIANTS: readonly string[] = ['direct', 'batched', 'per-record', 'partitioned'];

/** `--input NAME=PATH`. */
function inputSpec(spec: string): { name: string; path: string } {
  const at = spec.indexOf('=');
  if (at <= 0) throw new Error(`--input takes NAME=PATH, got ${JSON.stringify(spec)}`);
  return { name: spec.slice(0, at), path: spec.slice(at + 1) };
}

/** A flag's value as a positive integer. */
export function positiveFlag(s: string, flag: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(s)}`);
  return n;
}

/**
 * The flags every SQL command shares (`--flag value` or `--flag=value`): `--sql FILE` (required)
 * and `--input NAME=PATH`…; `other` takes the rest (`next()` reads the flag's value) and says
 * whether it knew the flag.
 */
export function parseSqlFlags<A extends { sql: string; inputs: { name: string; path: string }[] }>(
  argv: readonly string[],
  a: A,
  other: (flag: string, next: () => string) => boolean,
): A {
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    const eq = arg.indexOf('=');
    const [flag, inline] =
      arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const next = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++k];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--sql') a.sql = next();
    else if (flag === '--input') a.inputs.push(inputSpec(next()));
    else if (!other(flag, next)) throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (!a.sql) throw new Error('--sql FILE is required');
  return a;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const a: CliArgs = {
    sql: '',
    inputs: [],
    variant: 'direct',
    batchSize: undefined,
    partitions: undefined,
    changelog: false,
    explain: false,
    stats: false,
  };
  return parseSqlFlags(argv, a, (flag, next) => {
    switch (flag) {
      case '--variant': {
        const v = next();
        if (!VARIANTS.includes(v)) throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
        a.variant = v as VariantName;
        return true;
      }
      case '--batch-size':
        a.batchSize = positiveFlag(next(), flag);
        return true;
      case '--partitions':
        a.partitions = positiveFlag(next(), flag);
        return true;
      case '--changelog':
        a.changelog = true;
        return true;
      case '--explain':
        a.explain = true;
        return true;
      case '--stats':
        a.stats = true;
        return true;
      default:
        return false;
    }
  });
}
