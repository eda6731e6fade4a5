/**
 * The Windtunnel SQL language for Monaco: tokens (Monarch), brackets and
 * comments. Completions, hovers and markers come from the engine's language
 * services (see editor-services.ts); this file only colours text.
 */
import { VOCABULARY } from '../../engine/index';
import type { monaco as Monaco } from './monaco-environment';

export const LANGUAGE_ID = 'windtunnel-sql';

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
      { open: '`', close: '`', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [
      { open: '(', close: ')' },
      { open: "'", close: "'" },
    ],
    wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
  });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    ignoreCase: true,
    // The engine's own word lists (Monarch matches them case-insensitively here).
    keywords: [...VOCABULARY.keywords],
    typeKeywords: [...VOCABULARY.types],
    builtinFunctions: [...VOCABULARY.functions],
    tokenizer: {
      root: [
        [/--.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/'/, 'string', '@string'],
        [/"/, 'identifier.quote', '@quoted'],
        [/`/, 'identifier.quote', '@backticked'],
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
      // Flink's (and Calcite's MySQL-flavoured) quoting; a doubled backtick stands for one.
      backticked: [
        [/[^`]+/, 'identifier.quote'],
        [/``/, 'identifier.quote'],
        [/`/, 'identifier.quote', '@pop'],
      ],
    },
  });
}
