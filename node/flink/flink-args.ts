import { parseSqlFlags, positiveFlag } from '../cli/cli-args';

/** Command line of `npm run flink`: the same --sql / --input / --changelog as `npm run query`, plus --parallelism. */
export interface FlinkArgs {
  sql: string;
  inputs: { name: string; path: string }[];
  changelog: boolean;
  parallelism: number;
  /** Print the Flink script instead of running it. */
  printScript: boolean;
  /** A running session cluster's REST address (HOST:PORT), or null for the embedded MiniCluster. */
  cluster: string | null;
}

export const FLINK_USAGE =
  'usage: npm run --silent flink -- --sql FILE [--input NAME=PATH]… [--changelog] [--parallelism N] [--cluster HOST:PORT] [--print-script]';

/** `HOST:PORT` of a REST endpoint, checked here so a typo is a message, not a Java stack trace. */
function hostPort(s: string): string {
  const m = /^(.+):(\d{1,5})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535)
    throw new Error(
      `--cluster takes HOST:PORT (the cluster's REST address, e.g. 127.0.0.1:8081), got ${JSON.stringify(s)}`,
    );
  return s;
}

export function parseFlinkArgs(argv: readonly string[]): FlinkArgs {
  const a: FlinkArgs = {
    sql: '',
    inputs: [],
    changelog: false,
    parallelism: 1,
    printScript: false,
    cluster: null,
  };
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
      case '--cluster':
        a.cluster = hostPort(next());
        return true;
      default:
        return false;
    }
  });
}
