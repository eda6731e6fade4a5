import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { decodeSharedState, encodeSharedState } from './share-link';

describe('share links', () => {
  it('round-trips the script and every setting', () => {
    const state = {
      script: "SELECT symbol, COUNT(*) FROM trades GROUP BY symbol -- ünïcödé 'quotes'",
      settings: { ...DEFAULT_SETTINGS, variant: 'partitioned' as const, partitions: 4, batchSize: 100 },
    };
    const hash = encodeSharedState(state);
    expect(hash.startsWith('#s=')).toBe(true);
    expect(decodeSharedState(hash)).toEqual(state);
  });

  it('compresses: a long script makes a much shorter link', () => {
    const script = 'SELECT trader_id, symbol, COUNT(*) FROM trades GROUP BY trader_id, symbol;\n'.repeat(20);
    expect(encodeSharedState({ script, settings: DEFAULT_SETTINGS }).length).toBeLessThan(
      script.length * 0.6,
    );
  });

  it('returns null for damaged or foreign fragments instead of throwing', () => {
    expect(decodeSharedState('')).toBeNull();
    expect(decodeSharedState('#other=1')).toBeNull();
    expect(decodeSharedState('#s=%%%not-lz')).toBeNull();
    expect(decodeSharedState('#s=' + 'A'.repeat(50))).toBeNull();
  });

  it('clamps settings from a hand-edited link', () => {
    const hash = encodeSharedState({
      script: 'SELECT 1',
      settings: { ...DEFAULT_SETTINGS, partitions: 99, batchSize: -5 },
    });
    const decoded = decodeSharedState(hash);
    expect(decoded?.settings.partitions).toBe(8);
    expect(decoded?.settings.batchSize).toBe(1);
  });
});
