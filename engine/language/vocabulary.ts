/**
 * The dialect's words as an editor colours them: keywords, type names and
 * built-in functions, taken from the lexer's, analyzer's and function
 * catalog's own lists so highlighting cannot drift from what parses.
 */
import { TYPE_NAME_LIST } from '../plan/analyzer-types';
import { FUNCTIONS } from '../sql/functions';
import { UNIT_WORDS } from '../sql/interval';
import { ALL_KEYWORDS } from '../sql/keywords';

export interface Vocabulary {
  readonly keywords: readonly string[];
  readonly types: readonly string[];
  readonly functions: readonly string[];
}

const typeSet = new Set(TYPE_NAME_LIST.map((t) => t.toLowerCase()));

export const VOCABULARY: Vocabulary = {
  keywords: [...new Set([...ALL_KEYWORDS, ...UNIT_WORDS.map((u) => u.toLowerCase())])].filter(
    (k) => !typeSet.has(k),
  ),
  types: TYPE_NAME_LIST,
  functions: FUNCTIONS.map((f) => f.name),
};
