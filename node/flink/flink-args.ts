import { parseSqlFlags, positiveFlag } from '../cli/cli-args';

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
  return parseSqlFlags(argv, a, (flag, next) => {
    switch (flag) {
      case '--changelog':
        a.changelog = true;
        return true;
      case '--print-script':
        a.printScript = true;
        return true;
      case '--parallelism':
        a.parallelism = positiveFlag(next(), flag);
        return true;
      default:
        return false;
    }
  });
}
