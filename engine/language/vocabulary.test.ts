import { describe, expect, it } from 'vitest';
import { VOCABULARY } from './vocabulary';

describe('VOCABULARY', () => {
  it('sorts the dialect’s words into keywords, types and functions, each once', () => {
    expect(VOCABULARY.keywords).toEqual(
      expect.arrayContaining(['select', 'tumbling', 'seconds', 'millisecond']),
    );
    expect(VOCABULARY.keywords).not.toContain('bigint');
    expect(VOCABULARY.types).toEqual(expect.arrayContaining(['BIGINT', 'VARCHAR', 'TIMESTAMP']));
    expect(VOCABULARY.functions).toEqual(expect.arrayContaining(['COUNT', 'LAG', 'ROW_NUMBER', 'COALESCE']));
    expect(new Set(VOCABULARY.keywords).size).toBe(VOCABULARY.keywords.length);
  });
});
