import { inputSpec } from '../cli/cli-args';
/** Command line of `npm run flink`: the same --sql / --input / --changelog as `npm run query`, plus --parallelism. */
export interface FlinkArgs {
  sql: string;
  inputs: { name: string; path: string }[];
  changelog: boolean;
  parallelism: number;
  /** Print the Flink script instead of running it. */
  printScript: boolean;
}

export const FLINK_USAGE =
  'usage: npm run --silent flink -- --sql FILE [--input NAME=PATH]… [--changelog] [--parallelism N] [--print-script]';

export function parseFlinkArgs(argv: readonly string[]): FlinkArgs {
  const a: FlinkArgs = { sql: '', inputs: [], changelog: false, parallelism: 1, printScript: false };
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
    switch (flag) {
      case '--sql':
        a.sql = next();
        break;
      case '--input':
        a.inputs.push(inputSpec(next()));
        break;
      case '--changelog':
        a.changelog = true;
        break;
      case '--print-script':
        a.printScript = true;
        break;
      case '--parallelism': {
        const v = next();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1)
          throw new Error(`--parallelism must be a positive integer, got ${JSON.stringify(v)}`);
        a.parallelism = n;
        break;
      }
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (!a.sql) throw new Error('--sql FILE is required');
  return a;
}
