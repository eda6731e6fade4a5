/**
 * How a plan may be split across workers. Each stateful operator states a
 * requirement (hash on some source columns, or a single partition with a
 * reason); the plan's partitioning satisfies all of them.
 */
import { columnsOf } from './expr-rewrite';
import type { LogicalBlock } from './logical-plan';
import type { Expr, Partitioning, PhysicalOperator } from './physical-plan';

type Need = { kind: 'hash'; columns: Set<number> } | { kind: 'single'; reason: string };

/** Source columns (indices < width) that expressions read; other indices are operator outputs. */
function sourceColumns(exprs: readonly Expr[], width: number): Set<number> {
  const s = new Set<number>();
  for (const e of exprs) columnsOf(e, s);
  return new Set([...s].filter((i) => i < width));
}

export function choosePartitioning(
  l: LogicalBlock,
  pipeline: readonly PhysicalOperator[],
  width: number,
): Partitioning {
  const needs: Need[] = [];
  const hashOrSingle = (cols: Set<number>, reason: string): Need =>
    cols.size > 0 ? { kind: 'hash', columns: cols } : { kind: 'single', reason };
  let aggregated = false;
  for (const op of pipeline) {
    switch (op.kind) {
      case 'overWindow':
        needs.push(
          op.partitionBy.length === 0
            ? { kind: 'single', reason: 'OVER without PARTITION BY orders all rows together' }
            : hashOrSingle(
                sourceColumns(op.partitionBy, width),
                'OVER partitions by a constant, so all rows are one partition',
              ),
        );
        break;
      case 'windowTopN':
        needs.push(
          hashOrSingle(
            sourceColumns(op.partitionBy, width),
            'a window Top-N partitioned by window_start, window_end only ranks all rows of a window together',
          ),
        );
        break;
      case 'topN':
      case 'deduplicate':
        needs.push(
          hashOrSingle(
            sourceColumns(op.partitionBy, width),
            'a Top-N without PARTITION BY ranks all rows together',
          ),
        );
        break;
      case 'windowAggregate':
      case 'groupAggregate':
        aggregated = true;
        if (op.groupKeys.length === 0) {
          needs.push({
            kind: 'single',
            reason:
              op.kind === 'groupAggregate'
                ? 'a global aggregate (no GROUP BY) keeps one state for all rows'
                : 'a window without GROUP BY keys aggregates all rows together',
          });
        } else
          needs.push(
            hashOrSingle(
              sourceColumns(op.groupKeys, width),
              'GROUP BY has no column, so all rows are one group',
            ),
          );
        break;
      case 'distinct': {
        const plain = !aggregated && l.project.exprs.every((e) => e.kind === 'column');
        const project = pipeline.find((p) => p.kind === 'project');
        const cols =
          plain && project?.kind === 'project' ? sourceColumns(project.exprs, width) : new Set<number>();
        const allSource =
          plain &&
          project?.kind === 'project' &&
          project.exprs.every((e) => e.kind === 'column' && e.index < width);
        needs.push(
          allSource
            ? hashOrSingle(cols, 'DISTINCT must see every row')
            : { kind: 'single', reason: 'DISTINCT over computed or aggregated values must see every row' },
        );
        break;
      }
      case 'limit':
        needs.push({ kind: 'single', reason: 'LIMIT counts rows across the whole stream' });
        break;
      default:
        break;
    }
  }
  const single = needs.find((n) => n.kind === 'single');
  if (single?.kind === 'single') return { kind: 'single', reason: single.reason };
  const hashes = needs.flatMap((n) => (n.kind === 'hash' ? [n.columns] : []));
  if (hashes.length === 0) return { kind: 'any' };
  const common = [...hashes[0]!].filter((c) => hashes.every((h) => h.has(c))).sort((a, b) => a - b);
  if (common.length === 0) return { kind: 'single', reason: 'the operators need different partition keys' };
  return { kind: 'hash', columns: [common] };
}
