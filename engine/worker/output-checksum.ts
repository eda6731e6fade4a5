/**
 * The engine's order-insensitive checksum (engine/runtime/checksum.ts) is a
 * sum of per-row hashes in two 32-bit lanes, so each worker checksums its own
 * outputs where they are and the orchestrator adds the lanes: equal
 * multisets, equal checksums, and the same figure the CLI and bench:engine print.
 */
import type { ColumnBatch } from '../core/batch';
import type { PhysicalPlan } from '../plan/physical-plan';
import { OutputChecksum as EngineChecksum } from '../runtime/checksum';

export class OutputChecksum {
  private readonly inner = new EngineChecksum();
  private readonly withOp: boolean;

  constructor(plan: PhysicalPlan) {
    // Changelogs include the op, as bench:engine does.
    this.withOp = plan.emit === 'changes';
  }

  add(batch: ColumnBatch): void {
    this.inner.add(batch, this.withOp);
  }

  /** 16 hex digits. */
  get value(): string {
    return this.inner.hex;
  }
}

/** Adds per-worker parts lane by lane (a worker that reported nothing contributes 0). */
export function combineChecksums(parts: readonly string[]): string {
  let a = 0;
  let b = 0;
  for (const p of parts) {
    if (!/^[0-9a-f]{16}$/.test(p)) continue;
    a = (a + parseInt(p.slice(0, 8), 16)) >>> 0;
    b = (b + parseInt(p.slice(8), 16)) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
