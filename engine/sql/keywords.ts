/** Words the parser treats specially. Reserved words cannot be bare identifiers or implicit aliases. */

export const RESERVED = new Set([
  'select', 'from', 'where', 'group', 'by', 'having', 'window', 'emit', 'limit', 'as', 'and', 'or',
  'not', 'in', 'is', 'null', 'like', 'between', 'case', 'when', 'then', 'else', 'end', 'over',
  'partition', 'order', 'rows', 'distinct', 'create', 'with', 'watermark', 'for', 'explain',
  'table', 'interval', 'true', 'false', 'cast', 'union', 'join', 'on', 'grace', 'all',
]);

/** Keywords that start a clause of SELECT, in order; the parser resynchronises on them after an error. */
export const CLAUSE_KEYWORDS = ['from', 'where', 'group', 'window', 'having', 'emit', 'limit'] as const;

/** Every keyword, for "did you mean" on misspelt keywords and for completions. */
export const ALL_KEYWORDS: readonly string[] = [
  ...RESERVED,
  'changes', 'final', 'tumbling', 'hopping', 'sliding', 'session', 'period', 'preceding', 'current',
  'row', 'unbounded', 'buffer', 'stream', 'descriptor', 'tumble', 'hop', 'asc', 'desc',
  'bigint', 'int', 'integer', 'double', 'float', 'real', 'varchar', 'string', 'text', 'boolean', 'timestamp',
  ...['millisecond', 'second', 'minute', 'hour', 'day'],
];
