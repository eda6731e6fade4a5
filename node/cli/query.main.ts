/**
 * `npm run --silent query -- --sql FILE …`: runs the last query of a script
 * and prints one JSON object per output row on stdout. Errors are
 * `line:column: message` lines on stderr with exit code 1, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { USAGE, parseArgs, type CliArgs } from './cli-args';
import { runQuery } from './run-query';

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 1;
  }
  let sql: string;
  try {
    sql = readFileSync(args.sql, 'utf8');
  } catch {
    process.stderr.write(`cannot read the SQL file ${args.sql}\n`);
    return 1;
  }
  return runQuery(args, sql);
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
