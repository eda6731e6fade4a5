/**
 * Malformed and wrong scripts: each must produce a diagnostic containing the
 * message text at the exact line and column (1-based), and no plan.
 */
import { describe, expect, it } from 'vitest';
import { compileScript } from './compile';

type Case = readonly [name: string, sql: string, message: string, line: number, column: number];

const EV = "CREATE STREAM ev (ts TIMESTAMP, a INT, name VARCHAR, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n";

const CASES: readonly Case[] = [
  // --- lexer
  ['unterminated string', "SELECT symbol FROM trades WHERE side = 'BUY", 'unterminated string', 1, 40],
  ['unterminated comment', 'SELECT symbol FROM trades /* oops', 'unterminated comment', 1, 27],
  ['unterminated quoted identifier', 'SELECT "symbol FROM trades', 'unterminated quoted identifier', 1, 8],
  ['stray character', 'SELECT symbol @ FROM trades', 'unexpected character `@`', 1, 15],
  ['bad shorthand unit', 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (5x)', 'invalid number `5x`', 1, 46],
  // --- parser: keywords
  ['misspelt SELECT', 'SELCT symbol FROM trades', 'did you mean `SELECT`?', 1, 1],
  ['misspelt FROM', 'SELECT symbol FORM trades', 'did you mean `FROM`?', 1, 15],
  ['misspelt WHERE', 'SELECT symbol FROM trades WHER price > 1', 'did you mean `WHERE`?', 1, 27],
  ['misspelt GROUP', 'SELECT symbol FROM trades GRUOP BY symbol', 'did you mean `GROUP`?', 1, 27],
  ['misspelt EMIT mode', 'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol EMIT FINL', 'did you mean `FINAL`?', 1, 58],
  ['misspelt window kind', 'SELECT COUNT(*) FROM trades WINDOW TUMBLNG (5s)', 'did you mean `TUMBLING`?', 1, 36],
  ['missing FROM', 'SELECT symbol', 'expected `FROM`', 1, 14],
  ['missing BY', 'SELECT symbol FROM trades GROUP symbol', 'expected `BY`', 1, 33],
  ['clauses out of order', 'SELECT symbol FROM trades LIMIT 5 WHERE price > 1', 'expected `;` or end of script', 1, 35],
  ['empty select list', 'SELECT FROM trades', 'expected an expression, found `FROM`', 1, 8],
  ['dangling operator', 'SELECT price * FROM trades', 'expected an expression', 1, 16],
  ['unclosed paren', 'SELECT (price + 1 FROM trades', "expected `)` to close `(`", 1, 19],
  ['unclosed call', 'SELECT COUNT(* FROM trades', 'expected `)` to close COUNT(', 1, 16],
  ['missing THEN', 'SELECT CASE WHEN price > 1 1 END FROM trades', 'expected `THEN`', 1, 28],
  ['missing END', "SELECT CASE WHEN price > 1 THEN 'a' FROM trades", 'expected `END`', 1, 37],
  ['missing statement separator', 'SELECT symbol FROM trades SELECT price FROM trades', 'expected WHERE, GROUP BY', 1, 27],
  ['bad statement start', 'DROP STREAM trades', 'expected SELECT, EXPLAIN or CREATE STREAM', 1, 1],
  ['bad interval unit', "SELECT COUNT(*) FROM trades WINDOW TUMBLING (INTERVAL '5' SECONDZ)", 'unknown interval unit `SECONDZ` — did you mean `SECOND`?', 1, 59],
  ['interval without unit', "SELECT COUNT(*) FROM trades WINDOW TUMBLING (INTERVAL '5')", 'expected an interval unit', 1, 58],
  ['bad interval value', "SELECT COUNT(*) FROM trades WINDOW TUMBLING (INTERVAL 'five' SECOND)", "invalid interval value 'five'", 1, 55],
  ['OVER RANGE frame', 'SELECT AVG(price) OVER (ORDER BY ts RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM trades', 'RANGE frames are not supported', 1, 37],
  ['OVER frame not ending at current row', 'SELECT AVG(price) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM trades', 'only frames ending at CURRENT ROW', 1, 66],
  ['BUFFER of zero rows', 'SELECT AVG(price) OVER (ROWS WINDOW BUFFER 0 ROWS ORDER BY ts) FROM trades', 'BUFFER needs at least 1 row', 1, 44],
  ['DDL missing column type', 'CREATE STREAM s (ts TIMESTAMP, v);\nSELECT v FROM s', 'expected a type name', 1, 33],
  ['DDL missing WITH paren', "CREATE STREAM s (ts TIMESTAMP) WITH generator = 'trades';\nSELECT ts FROM s", 'expected `(` after WITH', 1, 37],
  ['TVF PARTITION BY outside SESSION', 'SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE trades PARTITION BY symbol, DESCRIPTOR(ts), 5s)) GROUP BY window_start', 'PARTITION BY is only allowed in SESSION', 1, 48],
  ['TVF missing DESCRIPTOR', 'SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE trades, ts, 5s)) GROUP BY window_start', 'expected `DESCRIPTOR`', 1, 49],
  // --- names
  ['unknown stream', 'SELECT * FROM trade', 'unknown stream `trade` — did you mean `trades`?', 1, 15],
  ['unknown column', 'SELECT prise FROM trades', 'unknown column `prise` — did you mean `price`?', 1, 8],
  ['unknown column on line 3', 'SELECT symbol,\n  price\nFROM trades WHERE quantitty > 3', 'did you mean `quantity`?', 3, 19],
  ['unknown column, no suggestion', 'SELECT zzz FROM trades', 'unknown column `zzz`', 1, 8],
  ['unknown function', 'SELECT AVERAGE(price) FROM trades', 'unknown function `AVERAGE`', 1, 8],
  ['misspelt function', 'SELECT UPPR(symbol) FROM trades', 'did you mean `UPPER`?', 1, 8],
  ['unknown qualifier', 'SELECT x.price FROM trades AS t', 'unknown table `x`', 1, 8],
  ['unknown type in CAST', 'SELECT CAST(price AS DOUBL) FROM trades', 'unknown type `DOUBL` — did you mean `DOUBLE`?', 1, 22],
  // --- aggregation rules
  ['missing GROUP BY column', 'SELECT symbol, trader_id, COUNT(*) FROM trades GROUP BY symbol', 'column `trader_id` must appear in GROUP BY', 1, 16],
  ['bare column with aggregate', 'SELECT price, COUNT(*) FROM trades', 'column `price` must appear in GROUP BY', 1, 8],
  ['aggregate in WHERE', 'SELECT symbol FROM trades WHERE COUNT(*) > 1', 'aggregate functions are not allowed in WHERE', 1, 33],
  ['aggregate in GROUP BY', 'SELECT COUNT(*) FROM trades GROUP BY SUM(price)', 'aggregate functions are not allowed in GROUP BY', 1, 38],
  ['nested aggregates', 'SELECT symbol, SUM(COUNT(*)) FROM trades GROUP BY symbol', 'aggregate function calls cannot be nested', 1, 20],
  ['HAVING without aggregation', 'SELECT symbol FROM trades HAVING price > 1', 'HAVING needs GROUP BY or an aggregate', 1, 34],
  ['HAVING on non-grouped column', 'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol HAVING price > 1', 'column `price` must appear in GROUP BY', 1, 60],
  ['SELECT * with GROUP BY', 'SELECT * FROM trades GROUP BY symbol', 'SELECT * cannot be used with GROUP BY', 1, 8],
  ['EMIT FINAL without aggregation', 'SELECT symbol FROM trades EMIT FINAL', 'EMIT FINAL needs GROUP BY or a WINDOW', 1, 27],
  ['COUNT with two arguments', 'SELECT COUNT(price, quantity) FROM trades', 'function COUNT expects * or 1 argument, got 2', 1, 8],
  ['SUM of a string', 'SELECT SUM(symbol) FROM trades', 'function SUM expects a number for argument 1, got VARCHAR', 1, 12],
  ['star in non-COUNT', 'SELECT SUM(*) FROM trades', 'only COUNT accepts `*`', 1, 8],
  // --- windows
  ['window column without window', 'SELECT window_start, COUNT(*) FROM trades GROUP BY symbol', 'only available in a windowed query', 1, 8],
  ['window column in WHERE', 'SELECT COUNT(*) FROM trades WHERE window_start > 0 WINDOW TUMBLING (5s)', 'cannot be used in WHERE', 1, 35],
  ['window size not an interval', 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (5000)', 'the window size must be an interval', 1, 46],
  ['window size zero', 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (0s)', 'must be greater than zero', 1, 46],
  ['hopping with one interval', 'SELECT COUNT(*) FROM trades WINDOW HOPPING (ts, 10s)', 'takes 2 intervals, got 1', 1, 36],
  ['advance larger than size', 'SELECT COUNT(*) FROM trades WINDOW HOPPING (5s, 10s)', 'must not exceed the window size', 1, 49],
  ['window on a non-time column', 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (price, 5s)', 'must be a TIMESTAMP, not DOUBLE', 1, 46],
  ['window on unknown time column', 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (tz, 5s)', 'unknown column `tz` — did you mean `ts`?', 1, 46],
  ['grace not an interval', 'SELECT COUNT(*) FROM trades WINDOW TUMBLING (5s) GRACE PERIOD 7', 'GRACE PERIOD must be an interval', 1, 63],
  ['stream without time column', 'CREATE STREAM s (v DOUBLE);\nSELECT COUNT(*) FROM s WINDOW TUMBLING (5s)', 'has no event-time column', 2, 31],
  ['TVF HOP arity', 'SELECT COUNT(*) FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), 5s)) GROUP BY window_start', 'takes 2 intervals, got 1', 1, 22],
  ['TVF and WINDOW together', 'SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), 5s)) WINDOW TUMBLING (5s)', 'cannot be combined', 1, 77],
  // --- OVER
  ['OVER ordered by a non-time column', 'SELECT AVG(price) OVER (PARTITION BY symbol ORDER BY price ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) FROM trades', 'OVER must be ordered by the event-time column `ts`', 1, 54],
  ['OVER without ORDER BY', 'SELECT AVG(price) OVER (PARTITION BY symbol) FROM trades', 'OVER needs ORDER BY `ts`', 1, 19],
  ['OVER descending', 'SELECT ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY ts DESC) FROM trades', 'ascending', 1, 56],
  ['LAG without OVER', 'SELECT LAG(price) FROM trades', 'LAG needs an OVER', 1, 8],
  ['OVER on a scalar function', 'SELECT UPPER(symbol) OVER (ORDER BY ts) FROM trades', 'OVER applies only to aggregate and window functions', 1, 22],
  ['OVER mixed with GROUP BY', 'SELECT symbol, COUNT(*) OVER (PARTITION BY symbol ORDER BY ts) FROM trades GROUP BY symbol', 'OVER windows cannot be combined with GROUP BY', 1, 16],
  ['OVER in WHERE', 'SELECT symbol FROM trades WHERE ROW_NUMBER() OVER (ORDER BY ts) > 1', 'OVER windows are not allowed in WHERE', 1, 33],
  ['LAG offset not a literal', 'SELECT LAG(price, quantity) OVER (ORDER BY ts) FROM trades', 'the LAG offset must be a whole number literal', 1, 19],
  // --- types
  ["string plus number", "SELECT 'a' + 1 FROM trades", 'operator `+` cannot be applied to VARCHAR and BIGINT', 1, 8],
  ['compare string with number', 'SELECT symbol FROM trades WHERE symbol > 5', 'cannot compare VARCHAR with BIGINT', 1, 33],
  ['WHERE not boolean', 'SELECT symbol FROM trades WHERE price', 'WHERE expects a BOOLEAN condition, got DOUBLE', 1, 33],
  ['AND on numbers', 'SELECT symbol FROM trades WHERE price AND quantity > 1', 'AND expects BOOLEAN operands, got DOUBLE', 1, 33],
  ['LIKE on a number', "SELECT symbol FROM trades WHERE price LIKE '1%'", 'LIKE expects a VARCHAR, got DOUBLE', 1, 33],
  ['CASE branch types', "SELECT CASE WHEN price > 1 THEN 'hi' ELSE 0 END FROM trades", 'CASE branches have incompatible types', 1, 8],
  ['UPPER of a number', 'SELECT UPPER(price) FROM trades', 'function UPPER expects a VARCHAR for argument 1, got DOUBLE', 1, 14],
  ['wrong arg count', 'SELECT ROUND(price, 1, 2) FROM trades', 'function ROUND expects 1 to 2 arguments, got 3', 1, 8],
  ['too few args', 'SELECT POWER(price) FROM trades', 'function POWER expects 2 arguments, got 1', 1, 8],
  ['negate a string', 'SELECT -symbol FROM trades', 'cannot negate a VARCHAR', 1, 8],
  ['IN list type', "SELECT symbol FROM trades WHERE quantity IN (1, 'two')", 'cannot compare BIGINT with VARCHAR in IN', 1, 49],
  ['LIMIT not an integer', 'SELECT symbol FROM trades LIMIT 2.5', 'LIMIT expects a non-negative whole number, got `2.5`', 1, 33],
  ['LIMIT an expression', 'SELECT symbol FROM trades LIMIT price', 'LIMIT expects a non-negative whole number', 1, 33],
  // --- DDL and options
  ['unknown WITH option lists known ones', "CREATE STREAM trades (ts TIMESTAMP) WITH (rowz = 5);\nSELECT ts FROM trades", 'unknown option `rowz` (known options: generator, rows_per_second, total, keys', 1, 43],
  ['misspelt WITH option', 'CREATE STREAM trades (ts TIMESTAMP) WITH (rows_per_secnd = 5);\nSELECT ts FROM trades', 'did you mean `rows_per_second`?', 1, 43],
  ['bad option value at the value', 'CREATE STREAM trades (ts TIMESTAMP) WITH (keys = 0.5);\nSELECT ts FROM trades', 'option `keys` expects a whole number between 1 and 10000000, got 0.5', 1, 50],
  ['fraction out of range', 'CREATE STREAM trades (ts TIMESTAMP) WITH (\n  late = 2\n);\nSELECT ts FROM trades', 'option `late` expects a fraction between 0 and 1, got 2', 2, 10],
  ['bad interval option', "CREATE STREAM trades (ts TIMESTAMP) WITH (max_out_of_order = 'soon');\nSELECT ts FROM trades", "option `max_out_of_order` expects an interval", 1, 62],
  ['unknown generator', "CREATE STREAM s (ts TIMESTAMP) WITH (generator = 'trade');\nSELECT ts FROM s", "did you mean `trades`?", 1, 50],
  ['bad start_time', "CREATE STREAM trades (ts TIMESTAMP) WITH (start_time = 'yesterday');\nSELECT ts FROM trades", 'option `start_time` expects epoch milliseconds or an ISO timestamp', 1, 56],
  ['option given twice', 'CREATE STREAM trades (ts TIMESTAMP) WITH (seed = 1, seed = 2);\nSELECT ts FROM trades', 'option `seed` is given twice', 1, 53],
  ['column not in generator', 'CREATE STREAM trades (ts TIMESTAMP, pric DOUBLE);\nSELECT ts FROM trades', 'generator `trades` has no column `pric` — did you mean `price`?', 1, 37],
  ['column type differs from generator', 'CREATE STREAM trades (ts TIMESTAMP, price BIGINT);\nSELECT ts FROM trades', 'column `price` is DOUBLE in generator `trades`, not BIGINT', 1, 43],
  ['unknown column type', 'CREATE STREAM s (ts TIMESTAMP, v DUBLE);\nSELECT v FROM s', 'unknown type `DUBLE` — did you mean `DOUBLE`?', 1, 34],
  ['duplicate column', 'CREATE STREAM s (ts TIMESTAMP, v INT, v INT);\nSELECT v FROM s', 'column `v` is declared twice', 1, 39],
  ['duplicate stream', 'CREATE STREAM s (ts TIMESTAMP);\nCREATE STREAM s (ts TIMESTAMP);\nSELECT ts FROM s', 'stream `s` is declared twice', 2, 15],
  ['watermark on unknown column', "CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR t AS t - INTERVAL '1' SECOND);\nSELECT ts FROM s", 'unknown column `t` in WATERMARK — did you mean `ts`?', 1, 46],
  ['watermark expression shape', "CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR ts AS ts + INTERVAL '1' SECOND);\nSELECT ts FROM s", 'the WATERMARK expression must be', 1, 52],
  ['watermark on a string column', "CREATE STREAM s (ts VARCHAR, WATERMARK FOR ts AS ts);\nSELECT ts FROM s", 'must be a TIMESTAMP, not VARCHAR', 1, 44],
  // --- script level
  ['conformance stream misspelt', EV + 'SELECT name, COUNT(*) FROM evv GROUP BY name', 'unknown stream `evv` — did you mean `ev`?', 2, 28],
  ['multiple errors: second one reported too', 'SELECT prise FROM trades WHERE quantitty > 1', 'did you mean `quantity`?', 1, 32],
  ['no query', "CREATE STREAM s (ts TIMESTAMP);", 'no SELECT query', 1, 32],
];

describe('diagnostics corpus', () => {
  it('has at least 60 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60));
  for (const [name, sql, message, line, column] of CASES) {
    it(name, () => {
      const r = compileScript(sql);
      expect(r.plan).toBeNull();
      const hit = r.diagnostics.find((d) => d.message.includes(message));
      expect(hit, JSON.stringify(r.diagnostics)).toBeDefined();
      expect([hit!.line, hit!.column], hit!.message).toEqual([line, column]);
      expect(hit!.length).toBeGreaterThanOrEqual(1);
      expect(hit!.severity).toBe('error');
    });
  }
});
