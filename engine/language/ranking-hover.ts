/**
 * Hover on ROW_NUMBER(): which of Flink's ranking patterns the query around it is, read off the
 * plan it compiles to — a window Top-N or deduplication (one emission per window), a regular
 * Top-N or last-row deduplication (updating), first-row deduplication (append-only), or a row
 * window numbering rows by time — or, when it does not compile, why.
 */
import type { PhysicalOperator } from '../plan/physical-plan';
import { compileScript } from '../plan/compile';

function pattern(op: PhysicalOperator, partitioning: string): string | null {
  switch (op.kind) {
    case 'windowTopN': {
      const dedup = op.limit === 1 ? (op.latestFirst ? 'keeps the last row' : 'keeps the first row') : null;
      return [
        dedup && op.orderBy.length === 1
          ? `**Window deduplication** (top 1 per window): ${dedup} of each window and key.`
          : `**Window Top-N**: the first ${op.limit} rows of each window and key, in ORDER BY order.`,
        "Append-only: each window's rows are emitted once, numbered, when the watermark completes it; its state is freed then.",
      ].join('\n\n');
    }
    case 'topN':
      return [
        op.latestFirst
          ? '**Deduplication keeping the last row** (`rn = 1`, ORDER BY the time column DESC): a later row replaces the one kept for its key; of equal times the later arrival wins.'
          : `**Top-N**: the first ${op.limit} rows per key in ORDER BY order, kept as rows arrive.`,
        'Updating: a row that enters the top retracts (-D) each row it moves and re-inserts it (+I) at its new row number; the row pushed past N is retracted. State: N rows per key, kept for ever.',
        partitioning,
      ].join('\n\n');
    case 'deduplicate':
      return [
        '**Deduplication keeping the first row** (`rn = 1`, ORDER BY the time column): per key, the first row by time (then arrival).',
        "Append-only: a key's row goes out once the watermark reaches its time, and later rows of the key are dropped (one that would have come first is late). State: a mark per key, for ever.",
        partitioning,
      ].join('\n\n');
    case 'overWindow':
      if (!op.functions.some((f) => f.kind === 'rowNumber')) return null;
      return [
        '**Row number by event time** (a row window): rows are numbered per key in time order, each once the key’s watermark has passed it.',
        'With `rn = 1` around it this is the **deduplication keeping the first row**: append-only, one row per key.',
      ].join('\n\n');
    default:
      return null;
  }
}

/** The pattern the ROW_NUMBER() at `offset` belongs to, or the problem that stops it compiling. */
export function rankingHover(sql: string, offset: number): string | null {
  const r = compileScript(sql, { offset });
  if (!r.plan) {
    const e = r.diagnostics.find((d) => d.severity === 'error');
    return e ? `Not planned: ${e.message}` : null;
  }
  const p = r.plan.partitioning;
  const where =
    p.kind === 'single' ? `Runs on one partition: ${p.reason}.` : 'Partitioned by its PARTITION BY keys.';
  for (const n of r.plan.nodes) {
    const text = pattern(n.op, where);
    if (text) return text;
  }
  return null;
}
