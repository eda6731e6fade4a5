/**
 * `npm run --silent query -- --sql FILE …`: runs the last query of a script
 * and prints one JSON object per output row on stdout. Errors are
 * `line:column: message` lines on stderr with exit code 1, never a stack trace.
 */
import { USAGE, parseArgs } from './cli-args';
import { runSqlCommand } from './cli-main';
import { runQuery } from './run-query';

runSqlCommand(parseArgs, USAGE, (args, sql) => runQuery(args, sql));
