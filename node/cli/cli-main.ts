/**
 * The shell of a Node command that runs a SQL file: parse flags (usage on a
 * bad one), read the file, run, exit with its code — one-line errors, never
 * a stack trace. Shared by `npm run query` and `npm run flink`.
 */
import { readFileSync } from 'node:fs';

export function runSqlCommand<A extends { readonly sql: string }>(
  parse: (argv: readonly string[]) => A,
  usage: string,
  run: (args: A, sql: string) => Promise<number>,
): void {
  // `… | head` closes stdout early: that ends the run quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const main = async (): Promise<number> => {
    let args: A;
    try {
      args = parse(process.argv.slice(2));
    } catch (e) {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage}\n`);
      return 1;
    }
    let sql: string;
    try {
      sql = readFileSync(args.sql, 'utf8');
    } catch {
      process.stderr.write(`cannot read the SQL file ${args.sql}\n`);
      return 1;
    }
    return run(args, sql);
  };
  exitWith(main);
}

/** Runs a command's main and exits with its code; what it throws is one `error:` line, never a stack trace. */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
