/**
 * `npm run --silent flink -- --sql FILE …`: runs the last query of a script on
 * Apache Flink (embedded) over the rows Windtunnel would read, printing rows
 * as `npm run query` does. Errors are one-line messages, never stack traces.
 */
import { runSqlCommand } from '../cli/cli-main';
import { FLINK_USAGE, parseFlinkArgs } from './flink-args';
import { runFlink } from './run-flink';

runSqlCommand(parseFlinkArgs, FLINK_USAGE, (args, sql) => runFlink(args, sql));
