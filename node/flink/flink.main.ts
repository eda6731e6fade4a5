/**
 * `npm run --silent flink -- --sql FILE …`: runs the last query of a script on
 * Apache Flink (embedded) over the rows Windtunnel would read, printing rows
 * as `npm run query` does. Errors are one-line messages, never stack traces.
 */
import { readFileSync } from 'node:fs';
import { FLINK_USAGE, parseFlinkArgs, type FlinkArgs } from './flink-args';
import { runFlink } from './run-flink';

async function main(): Promise<number> {
  let args: FlinkArgs;
  try {
    args = parseFlinkArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${FLINK_USAGE}\n`);
    return 1;
  }
  let sql: string;
  try {
    sql = readFileSync(args.sql, 'utf8');
  } catch {
    process.stderr.write(`cannot read the SQL file ${args.sql}\n`);
    return 1;
  }
  return runFlink(args, sql);
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
