/**
 * How a plan over several sources may be split across workers. Every stateful
 * operator needs the rows that meet in it (equal group keys, equal join keys)
 * in one partition; a key column that can be traced back to a source column
 * through the operators below lets that source be hashed by it. One hash per
 * source must satisfy every operator at once — a join's two sides hashed by
 * matching key columns, in the same order, so equal keys hash alike.
 */
import type { Expr, Partitioning, PhysicalPlan, PlanInput } from './physical-plan';
import { sourcesUnder } from './sources-under';

/** Where one column comes from: a column of each source below (null when it is computed). */
type Trace = Map<number, number> | null;

function traceColumn(plan: PhysicalPlan, input: PlanInput, col: number): Trace {
  if (input.kind === 'source') return new Map([[input.index, col]]);
  const n = plan.nodes[input.index]!;
  const op = n.op;
  const below = n.inputs[0]!;
  const width = (i: PlanInput): number =>
    i.kind === 'source' ? plan.sources[i.index]!.columns.length : plan.nodes[i.index]!.schema.length;
  const viaExpr = (e: Expr | undefined, from: PlanInput): Trace =>
    e?.kind === 'column' ? traceColumn(plan, from, e.index) : null;
  switch (op.kind) {
    case 'filter':
    case 'distinct':
    case 'limit':
      return traceColumn(plan, below, col);
    case 'overWindow':
    case 'windowTopN':
    case 'topN':
    case 'deduplicate':
    case 'windowAssign':
      return col < width(below) ? traceColumn(plan, below, col) : null;
    case 'project':
      return viaExpr(op.exprs[col], below);
    case 'groupAggregate':
    case 'windowAggregate':
      return col < op.groupKeys.length ? viaExpr(op.groupKeys[col], below) : null;
    case 'join': {
      const lw = width(n.inputs[0]!);
      return col < lw ? traceColumn(plan, n.inputs[0]!, col) : traceColumn(plan, n.inputs[1]!, col - lw);
    }
    case 'union': {
      const all = new Map<number, number>();
      for (const i of n.inputs) {
        const t = traceColumn(plan, i, col);
        if (t === null) return null;
        for (const [s, c] of t) {
          if (all.has(s) && all.get(s) !== c) return null;
          all.set(s, c);
        }
      }
      return all;
    }
  }
}

/** What one stateful operator needs: its key positions, each traced to every source below it. */
interface Need {
  readonly sources: ReadonlySet<number>;
  /** keys[i]: source → column for key position i (a computed key is left out). */
  readonly keys: readonly Map<number, number>[];
  readonly what: string;
}

type Found = { needs: Need[] } | { single: string };

function needsOf(plan: PhysicalPlan): Found {
  const needs: Need[] = [];
  for (const n of plan.nodes) {
    const op = n.op;
    const below = n.inputs[0]!;
    const unary = (exprs: readonly Expr[], what: string): Need => {
      const sources = new Set(sourcesUnder(plan, below));
      const keys = exprs
        .map((e) => (e.kind === 'column' ? traceColumn(plan, below, e.index) : null))
        .filter((t): t is Map<number, number> => t !== null && [...sources].every((s) => t.has(s)));
      return { sources, keys, what };
    };
    switch (op.kind) {
      case 'limit':
        return { single: 'LIMIT counts rows across the whole stream' };
      case 'groupAggregate':
      case 'windowAggregate':
        if (op.groupKeys.length === 0) return { single: 'a global aggregate keeps one state for all rows' };
        needs.push(unary(op.groupKeys, 'GROUP BY'));
        break;
      case 'overWindow':
        if (op.partitionBy.length === 0)
          return { single: 'OVER without PARTITION BY orders all rows together' };
        needs.push(unary(op.partitionBy, 'PARTITION BY'));
        break;
      case 'windowTopN':
        // The window is in every key; only the keys beside it can route rows.
        if (op.partitionBy.length === 0)
          return {
            single:
              'a window Top-N partitioned by window_start, window_end only ranks all rows of a window together',
          };
        needs.push(unary(op.partitionBy, 'the Top-N PARTITION BY'));
        break;
      case 'topN':
      case 'deduplicate':
        if (op.partitionBy.length === 0)
          return { single: 'a Top-N without PARTITION BY ranks all rows together' };
        needs.push(unary(op.partitionBy, 'the Top-N PARTITION BY'));
        break;
      case 'distinct':
        needs.push(
          unary(
            n.schema.map((f, c) => ({ kind: 'column', index: c, name: f.name, type: f.type })),
            'DISTINCT',
          ),
        );
        break;
      case 'join': {
        if (op.nullAware)
          return {
            single:
              'NOT IN over a key that may be NULL: a NULL key on the right empties its whole window, so every row of the window must meet in one place',
          };
        const [l, r] = [n.inputs[0]!, n.inputs[1]!];
        const sources = new Set([...sourcesUnder(plan, l), ...sourcesUnder(plan, r)]);
        const keys: Map<number, number>[] = [];
        op.leftKeys.forEach((lk, i) => {
          const rk = op.rightKeys[i]!;
          const lt = lk.kind === 'column' ? traceColumn(plan, l, lk.index) : null;
          const rt = rk.kind === 'column' ? traceColumn(plan, r, rk.index) : null;
          if (lt === null || rt === null) return;
          const both = new Map([...lt, ...rt]);
          if ([...sources].every((s) => both.has(s))) keys.push(both);
        });
        needs.push({ sources, keys, what: 'the join keys' });
        break;
      }
      default:
        break;
    }
  }
  return { needs };
}

/** Does hashing each source by h[s] keep together what `need` needs together? */
function satisfies(h: ReadonlyMap<number, readonly number[]>, need: Need): boolean {
  const width = h.get([...need.sources][0]!)?.length ?? 0;
  if (width === 0) return false;
  for (let j = 0; j < width; j++) {
    const ok = need.keys.some((k) => [...need.sources].every((s) => h.get(s)?.[j] === k.get(s)));
    if (!ok) return false;
  }
  return [...need.sources].every((s) => h.get(s)?.length === width);
}

export function graphPartitioning(plan: PhysicalPlan): Partitioning {
  const found = needsOf(plan);
  if ('single' in found) return { kind: 'single', reason: found.single };
  const { needs } = found;
  if (needs.length === 0) return { kind: 'any' };
  const unkeyed = needs.find((n) => n.keys.length === 0);
  if (unkeyed)
    return {
      kind: 'single',
      reason: `rows cannot be routed by ${unkeyed.what}: computed, or not a column of every stream below it`,
    };
  // Candidates: one need's whole key, then each of its key columns alone.
  const candidates: Map<number, number[]>[] = [];
  for (const need of needs) {
    const all = new Map<number, number[]>();
    for (const s of need.sources)
      all.set(
        s,
        need.keys.map((k) => k.get(s)!),
      );
    candidates.push(all);
    for (const k of need.keys) candidates.push(new Map([...need.sources].map((s) => [s, [k.get(s)!]])));
  }
  for (const h of candidates) {
    if (!needs.every((n) => satisfies(h, n))) continue;
    return { kind: 'hash', columns: plan.sources.map((_, s) => h.get(s) ?? []) };
  }
  return { kind: 'single', reason: 'the operators need different partition keys' };
}
