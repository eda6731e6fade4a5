/**
 * The checksum of Flink's result rows (JSON objects with "op", as the runner prints them),
 * computed exactly as a variant checksums its output batches: Flink's -U rows dropped
 * (Windtunnel's +U replaces the old row), the rest typed by the plan's output schema into
 * 16K-row batches for the engine's OutputChecksum (ops included for changelog plans).
 */
import { buildBatch } from '../../engine/core/batch-builder';
import type { Op, Row } from '../../engine/core/types';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { OutputChecksum } from '../../engine/worker/output-checksum';

export class FlinkRowsChecksum {
  private readonly sum: OutputChecksum;
  private rows: Row[] = [];
  private ops: Op[] = [];
  count = 0;

  constructor(private readonly plan: PhysicalPlan) {
    this.sum = new OutputChecksum(plan);
  }

  add(row: Row & { op?: unknown }): void {
    const op = row.op;
    if (op === '-U') return;
    this.rows.push(row);
    this.ops.push(op === '+U' ? '+U' : op === '-D' ? '-D' : '+I');
    this.count++;
    if (this.rows.length >= 16384) this.flush();
  }

  flush(): void {
    if (!this.rows.length) return;
    this.sum.add(buildBatch(this.rows, this.plan.output, { ops: this.ops }));
    this.rows = [];
    this.ops = [];
  }

  get value(): string {
    this.flush();
    return this.sum.value;
  }
}
