/**
 * The kernels' shared memory: live regions never overlap or touch the scratch at its start, come
 * zeroed, and a region larger than the arena gets a memory of its own.
 */
import { describe, expect, it } from 'vitest';
import { ARENA_SCRATCH, kernelRegion } from './wasm-arena';

describe('kernel regions', () => {
  it('are disjoint, aligned, zeroed and past the scratch while their owners live', () => {
    const owners = Array.from({ length: 40 }, () => ({}));
    const regions = owners.map((o, i) => ({ bytes: 1000 + 997 * i, r: kernelRegion(1000 + 997 * i, o)! }));
    const memory = regions[0]!.r.memory;
    for (const { bytes, r } of regions) {
      expect(r.memory).toBe(memory);
      expect(r.at).toBeGreaterThanOrEqual(ARENA_SCRATCH);
      expect(r.at % 16).toBe(0);
      const view = new Uint8Array(r.memory.buffer, r.at, bytes);
      expect(view.every((b) => b === 0)).toBe(true);
      view.fill(7);
    }
    const spans = regions.map(({ bytes, r }) => [r.at, r.at + bytes] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
  });

  it('gives a region larger than the arena a memory of its own', () => {
    const shared = kernelRegion(64, {})!.memory;
    const big = kernelRegion(20 << 20, {})!;
    expect(big.memory).not.toBe(shared);
    expect(big.memory.buffer.byteLength).toBeGreaterThanOrEqual(big.at + (20 << 20));
  });
});
