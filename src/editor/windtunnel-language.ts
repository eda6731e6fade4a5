/**
 * The Windtunnel SQL language for Monaco: tokens (Monarch), brackets and
 * comments. Completions, hovers and markers come from the engine's language
 * services (see editor-services.ts); this file only colours text.
 */
import type { monaco as Monaco } from './monaco-environment';

export const LANGUAGE_ID = 'windtunnel-sql';

const KEYWORDS = [
  'SELECT', 'DISTINCT', 'FROM', 'WHERE', 'GROUP', 'BY', 'WINDOW', 'HAVING', 'EMIT', 'CHANGES', 'FINAL',
  'LIMIT', 'AS', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'CAST', 'CREATE', 'STREAM', 'WATERMARK', 'FOR', 'WITH', 'INTERVAL', 'TUMBLING', 'HOPPING', 'SLIDING',
  'SESSION', 'GRACE', 'PERIOD', 'OVER', 'PARTITION', 'ORDER', 'ROWS', 'PRECEDING', 'CURRENT', 'ROW',
  'BUFFER', 'TABLE', 'TUMBLE', 'HOP', 'DESCRIPTOR', 'EXPLAIN', 'TRUE', 'FALSE', 'ASC', 'DESC',
  'MILLISECOND', 'MILLISECONDS', 'SECOND', 'SECONDS', 'MINUTE', 'MINUTES', 'HOUR', 'HOURS', 'DAY', 'DAYS',
];
const TYPES = ['BIGINT', 'INT', 'INTEGER', 'DOUBLE', 'FLOAT', 'REAL', 'VARCHAR', 'STRING', 'TEXT', 'BOOLEAN', 'TIMESTAMP'];
const FUNCTIONS = [
  'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'STDDEV', 'STDDEV_SAMP', 'STDDEV_POP', 'VARIANCE', 'VAR_SAMP', 'VAR_POP',
  'FIRST_VALUE', 'LAST_VALUE', 'LAG', 'ROW_NUMBER', 'COALESCE', 'ABS', 'ROUND', 'FLOOR', 'CEIL', 'SQRT', 'POWER',
  'LN', 'EXP', 'UPPER', 'LOWER', 'LENGTH', 'SUBSTRING', 'TRIM', 'CONCAT',
];

export function registerWindtunnelLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === LANGUAGE_ID)) return;
  monaco.languages.register({ id: LANGUAGE_ID, aliases: ['Windtunnel SQL'] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '--', blockComment: ['/*', '*/'] },
    brackets: [['(', ')']],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: "'", close: "'", notIn: ['string', 'comment'] },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [
      { open: '(', close: ')' },
      { open: "'", close: "'" },
    ],
    wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
  });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    ignoreCase: true,
    keywords: KEYWORDS,
    typeKeywords: TYPES,
    builtinFunctions: FUNCTIONS,
    tokenizer: {
      root: [
        [/--.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/'/, 'string', '@string'],
        [/"/, 'identifier.quote', '@quoted'],
        [/\d+(\.\d+)?(ms|s|m|h|d)\b/, 'number.interval'],
        [/\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
        [
          /[A-Za-z_][\w]*/,
          {
            cases: {
              '@keywords': 'keyword',
              '@typeKeywords': 'type',
              '@builtinFunctions': 'predefined',
              '@default': 'identifier',
            },
          },
        ],
        [/[()]/, '@brackets'],
        [/[<>=!|+\-*/%,;.]+/, 'operator'],
        [/\s+/, 'white'],
      ],
      comment: [
        [/[^/*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[/*]/, 'comment'],
      ],
      string: [
        [/[^']+/, 'string'],
        [/''/, 'string.escape'],
        [/'/, 'string', '@pop'],
      ],
      quoted: [
        [/[^"]+/, 'identifier.quote'],
        [/""/, 'identifier.quote'],
        [/"/, 'identifier.quote', '@pop'],
      ],
    },
  });
}
