import { describe, expect, it } from 'vitest';
import { scenarioPlan } from '../scenarios/scenario-plan';
import { SEED_SCENARIOS } from '../scenarios/seed-scenarios';
import { balancedBlock, createStreamSources } from './stream-source';

describe('balancedBlock', () => {
  it('splits a bounded stream into whole rounds of at most `most` rows a block', () => {
    expect(balancedBlock(100_000, 2, 65536)).toBe(50_000);
    expect(balancedBlock(200_000, 2, 65536)).toBe(50_000);
    expect(balancedBlock(1_000_000, 2, 65536)).toBe(62_500);
    expect(balancedBlock(200_000, 4, 65536)).toBe(50_000);
    expect(balancedBlock(7, 2, 65536)).toBe(4);
  });

  it('keeps `most` for unbounded streams', () => {
    expect(balancedBlock(null, 2, 65536)).toBe(65536);
  });
});

describe('partition-local sources of a stateless plan', () => {
  const s0 = SEED_SCENARIOS.find((s) => s.id === 'S0')!;

  /** The seqs partition p of n reads. */
  function seqsOf(total: number, p: number, n: number): number[] {
    const plan = scenarioPlan(s0, { total });
    const [src] = createStreamSources(plan, {
      partition: p,
      partitions: n,
      partitionColumns: null,
      inputs: {},
      blockRows: 65536,
    }).sources;
    const seqs: number[] = [];
    for (let b = src!.source.next(16384); b !== null; b = src!.source.next(16384)) seqs.push(...b.seq);
    return seqs;
  }

  it.each([
    [100_000, 2],
    [200_000, 4],
    [100_001, 3],
    [1_000_001, 2],
  ])('gives each of the partitions of %i rows (%i partitions) the same share, every row once', (total, n) => {
    const parts = Array.from({ length: n }, (_, p) => seqsOf(total, p, n));
    const sizes = parts.map((s) => s.length);
    const rounds = Math.ceil(total / (n * 65536));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(rounds * n);
    expect(
      parts
        .flat()
        .sort((a, b) => a - b)
        .every((seq, i) => seq === i),
    ).toBe(true);
    expect(parts.flat()).toHaveLength(total);
  });
});
