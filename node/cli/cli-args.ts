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
export function inputSpec(spec: string): { name: string; path: string } {
  const at = spec.indexOf('=');
  if (at <= 0) throw new Error(`--input takes NAME=PATH, got ${JSON.stringify(spec)}`);
  return { name: spec.slice(0, at), path: spec.slice(at + 1) };
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
  const value = (k: number, flag: string): string => {
    const v = argv[k + 1];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    return v;
  };
  const positive = (s: string, flag: string): number => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(s)}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    const eq = arg.indexOf('=');
    const [flag, inline] =
      arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const next = (): string => {
      if (inline !== undefined) return inline;
      return value(k++, flag);
    };
    switch (flag) {
      case '--sql':
        a.sql = next();
        break;
      case '--input':
        a.inputs.push(inputSpec(next()));
        break;
      case '--variant': {
        const v = next();
        if (!VARIANTS.includes(v)) throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
        a.variant = v as VariantName;
        break;
      }
      case '--batch-size':
        a.batchSize = positive(next(), flag);
        break;
      case '--partitions':
        a.partitions = positive(next(), flag);
        break;
      case '--changelog':
        a.changelog = true;
        break;
      case '--explain':
        a.explain = true;
        break;
      case '--stats':
        a.stats = true;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (!a.sql) throw new Error('--sql FILE is required');
  return a;
}
