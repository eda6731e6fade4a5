/** How operators carry the event-time attribute (Flink's rowtime) from input to output. */
import type { PhysicalOperator } from './physical-plan';

/**
 * Where the event-time attribute is after `op` (null once it is lost), as in Flink: filters,
 * DISTINCT, LIMIT and OVER keep it; a projection keeps it where it selects the column as is;
 * an aggregate's output has none, nor a regular Top-N's (an updating changelog).
 */
export function timeAfter(op: PhysicalOperator, time: number | null): number | null {
  switch (op.kind) {
    case 'filter':
    case 'distinct':
    case 'limit':
    case 'overWindow':
    case 'windowTopN':
    case 'deduplicate':
      return time;
    case 'project': {
      const at = op.exprs.findIndex((e) => e.kind === 'column' && e.index === time);
      return at < 0 ? null : at;
    }
    case 'windowAggregate':
    case 'groupAggregate':
    case 'topN':
      return null;
    case 'windowAssign':
    case 'union':
      return time;
    case 'join':
      return null;
  }
}
