/**
 * Column pruning over a whole plan graph (Calcite's project pushdown): a source reads only the
 * columns some operator above it uses, and every operator that passes its input's columns on
 * (filters, joins, window TVFs, OVER) carries only those. A column nobody reads is then never
 * generated or parsed, never held in a join's state and never gathered into a joined row.
 *
 * Two passes over the nodes (they are in topological order): backwards, what each node's
 * consumers read of its output and so what it reads of its inputs; forwards, each input's kept
 * columns renumbered in order and every index of the operator rewritten to them.
 *
 * Conservative where row identity matters: a Top-N, deduplication and DISTINCT tell rows apart
 * by all their values, and a UNION's inputs must line up column for column, so those read all
 * their input. Every input's event-time attribute is kept, so no operator loses its time.
 */
import type { Field, Schema } from '../core/types';
import { columnsOf, mapColumns } from './expr-rewrite';
import type {
  Expr,
  JoinStrategy,
  PhysicalOperator,
  PhysicalPlan,
  PlanInput,
  PlanNode,
} from './physical-plan';
import { overExprs, remapOver } from './physical-planner';

/** For each old column, its new index, or −1 where it is pruned (increasing where kept). */
type ColumnMap = readonly number[];

export function pruneColumns(plan: PhysicalPlan): PhysicalPlan {
  const need = readColumns(plan);
  const sourceMaps: ColumnMap[] = [];
  const sources = plan.sources.map((s, i) => {
    const map = keptMap(s.columns.length, need.sources[i]!);
    sourceMaps.push(map);
    const at = (c: number | null): number | null => (c === null || map[c]! < 0 ? null : map[c]!);
    return { ...s, columns: kept(s.columns, map), timeColumn: at(s.timeColumn), keyColumn: at(s.keyColumn) };
  });
  const nodeMaps: ColumnMap[] = [];
  const mapOf = (i: PlanInput): ColumnMap => (i.kind === 'source' ? sourceMaps : nodeMaps)[i.index]!;
  const nodes: PlanNode[] = [];
  const schemaOf = (i: PlanInput): Schema =>
    i.kind === 'source' ? sources[i.index]!.columns : nodes[i.index]!.schema;
  plan.nodes.forEach((n, k) => {
    const maps = n.inputs.map(mapOf);
    const { op, map } = rewrite(n.op, maps, n.inputs.map(schemaOf), n.schema, need.nodes[k]!);
    nodeMaps.push(map);
    const schema = kept(n.schema, map);
    nodes.push({ ...n, op, schema, time: n.time === null ? null : to(map, n.time) });
  });
  return { ...plan, sources, nodes, output: nodes[nodes.length - 1]!.schema };
}

interface Needs {
  readonly sources: Set<number>[];
  readonly nodes: Set<number>[];
}

/** Backwards: the columns of each source and node some consumer reads (the root's: all). */
function readColumns(plan: PhysicalPlan): Needs {
  const needs: Needs = {
    sources: plan.sources.map(() => new Set()),
    nodes: plan.nodes.map(() => new Set()),
  };
  const last = plan.nodes.length - 1;
  plan.nodes[last]!.schema.forEach((_, c) => needs.nodes[last]!.add(c));
  const width = (i: PlanInput): number =>
    i.kind === 'source' ? plan.sources[i.index]!.columns.length : plan.nodes[i.index]!.schema.length;
  const time = (i: PlanInput): number | null =>
    i.kind === 'source' ? plan.sources[i.index]!.timeColumn : plan.nodes[i.index]!.time;
  for (let k = last; k >= 0; k--) {
    const n = plan.nodes[k]!;
    atLeastOne(needs.nodes[k]!, n.schema.length);
    const widths = n.inputs.map(width);
    const read = inputColumns(n.op, needs.nodes[k]!, widths);
    n.inputs.forEach((input, j) => {
      const into = (input.kind === 'source' ? needs.sources : needs.nodes)[input.index]!;
      for (const c of read[j]!) into.add(c);
      const t = time(input);
      if (t !== null) into.add(t);
    });
  }
  needs.sources.forEach((s, i) => atLeastOne(s, plan.sources[i]!.columns.length));
  return needs;
}

/** A relation read only for its row count (COUNT(*)) still carries one column to count. */
function atLeastOne(need: Set<number>, width: number): void {
  if (need.size === 0 && width > 0) need.add(0);
}

/** What `op` reads of each input when `used` of its output columns are read above it. */
function inputColumns(
  op: PhysicalOperator,
  used: ReadonlySet<number>,
  widths: readonly number[],
): Set<number>[] {
  const w = widths[0]!;
  const all = (width: number): Set<number> => new Set(Array.from({ length: width }, (_, c) => c));
  const passed = (): Set<number> => new Set([...used].filter((c) => c < w));
  const plus = (
    s: Set<number>,
    exprs: readonly (Expr | null)[],
    cols: readonly number[] = [],
  ): Set<number>[] => {
    for (const e of exprs) if (e) columnsOf(e, s);
    for (const c of cols) s.add(c);
    return [s];
  };
  switch (op.kind) {
    case 'filter':
      return plus(passed(), [op.predicate]);
    case 'limit':
      return [passed()];
    case 'project':
      return plus(
        new Set(),
        op.exprs.filter((_, j) => used.has(j)),
      );
    case 'windowAggregate':
      return plus(new Set(), [...op.groupKeys, ...op.aggregates.map((a) => a.arg)], [op.timeColumn]);
    case 'groupAggregate':
      return plus(new Set(), [...op.groupKeys, ...op.aggregates.map((a) => a.arg)]);
    case 'overWindow':
      return plus(passed(), [...op.partitionBy, ...op.functions.flatMap(overExprs)], [op.timeColumn]);
    case 'windowAssign':
      return plus(passed(), [], [op.timeColumn]);
    case 'windowTopN':
    case 'topN':
    case 'deduplicate':
    case 'distinct':
      return [all(w)];
    case 'union':
      return widths.map(all);
    case 'join':
      return joinColumns(op, used, w, widths[1]!);
  }
}

function joinColumns(
  op: Extract<PhysicalOperator, { kind: 'join' }>,
  used: ReadonlySet<number>,
  lw: number,
  rw: number,
): Set<number>[] {
  const left = new Set<number>();
  const right = new Set<number>();
  const leftOnly = op.type === 'semi' || op.type === 'anti';
  for (const c of used)
    if (c < lw) left.add(c);
    else if (!leftOnly && c < lw + rw) right.add(c - lw);
  for (const e of op.leftKeys) columnsOf(e, left);
  for (const e of op.rightKeys) columnsOf(e, right);
  if (op.condition)
    for (const c of columnsOf(op.condition))
      if (c < lw) left.add(c);
      else right.add(c - lw);
  const [l, r] = strategyColumns(op.strategy);
  for (const c of l) left.add(c);
  for (const c of r) right.add(c);
  return [left, right];
}

function strategyColumns(s: JoinStrategy): [number[], number[]] {
  switch (s.kind) {
    case 'regular':
      return [[], []];
    case 'interval':
    case 'temporal':
      return [[s.leftTime], [s.rightTime]];
    case 'window':
      return [
        [s.leftStart, s.leftEnd],
        [s.rightStart, s.rightEnd],
      ];
  }
}

/** Old → new indices keeping `need`. */
function keptMap(width: number, need: ReadonlySet<number>): ColumnMap {
  let next = 0;
  return Array.from({ length: width }, (_, c) => (need.has(c) ? next++ : -1));
}

/** A kept column's new index (reading a pruned one is a planner bug, not a user's error). */
function to(map: ColumnMap, c: number): number {
  const at = map[c];
  if (at === undefined || at < 0) throw new Error(`column ${c} was pruned but is read`);
  return at;
}

const over =
  (map: ColumnMap) =>
  (e: Expr): Expr =>
    mapColumns(e, (i, c) => ({ ...c, index: to(map, i) }));

function kept(schema: Schema, map: ColumnMap): Field[] {
  return schema.filter((_, c) => map[c]! >= 0);
}

/** A node's operator over its inputs' kept columns, and which of its output columns it keeps. */
function rewrite(
  op: PhysicalOperator,
  maps: readonly ColumnMap[],
  inputs: readonly Schema[],
  schema: Schema,
  used: ReadonlySet<number>,
): { op: PhysicalOperator; map: ColumnMap } {
  const m = maps[0]!;
  const col = (c: number): number => to(m, c);
  const ex = over(m);
  const identity = Array.from({ length: schema.length }, (_, c) => c);
  // Input columns first, then the ones the operator appends (kept, renumbered after them).
  const appended = (): ColumnMap => {
    const w = m.length;
    const at = inputs[0]!.length;
    return Array.from({ length: schema.length }, (_, c) => (c < w ? m[c]! : at + c - w));
  };
  const withSchema = <T extends { readonly schema: Schema }>(o: T, map: ColumnMap): T => ({
    ...o,
    schema: kept(o.schema, map),
  });
  switch (op.kind) {
    case 'filter':
      return { op: { ...op, predicate: ex(op.predicate) }, map: m };
    case 'limit':
    case 'distinct':
      return { op, map: m };
    case 'project': {
      // A step's SELECT * keeps only what is read of it (the root's: everything).
      const map = keptMap(schema.length, used);
      const exprs = op.exprs.filter((_, j) => map[j]! >= 0).map(ex);
      return { op: { ...op, exprs, schema: kept(op.schema, map) }, map };
    }
    case 'windowAggregate':
    case 'groupAggregate': {
      const aggregates = op.aggregates.map((a) => ({ ...a, arg: a.arg && ex(a.arg) }));
      const keys = op.groupKeys.map(ex);
      const out =
        op.kind === 'windowAggregate'
          ? { ...op, groupKeys: keys, aggregates, timeColumn: col(op.timeColumn) }
          : { ...op, groupKeys: keys, aggregates };
      return { op: out, map: identity };
    }
    case 'overWindow': {
      const map = appended();
      const functions = op.functions.map((f) => remapOver(f, ex));
      return {
        op: withSchema(
          { ...op, partitionBy: op.partitionBy.map(ex), timeColumn: col(op.timeColumn), functions },
          map,
        ),
        map,
      };
    }
    case 'windowAssign': {
      const map = appended();
      return { op: withSchema({ ...op, timeColumn: col(op.timeColumn) }, map), map };
    }
    case 'windowTopN': {
      const map = appended();
      const orderBy = op.orderBy.map((o) => ({ ...o, column: col(o.column) }));
      const out = { ...op, windowStart: col(op.windowStart), windowEnd: col(op.windowEnd), orderBy };
      return { op: withSchema({ ...out, partitionBy: op.partitionBy.map(ex) }, map), map };
    }
    case 'topN': {
      const map = appended();
      const orderBy = op.orderBy.map((o) => ({ ...o, column: col(o.column) }));
      return { op: withSchema({ ...op, partitionBy: op.partitionBy.map(ex), orderBy }, map), map };
    }
    case 'deduplicate': {
      const map = appended();
      const out = { ...op, partitionBy: op.partitionBy.map(ex), timeColumn: col(op.timeColumn) };
      return { op: withSchema(out, map), map };
    }
    case 'union':
      return { op: withSchema(op, m), map: m };
    case 'join':
      return rewriteJoin(op, maps, inputs);
  }
}

function rewriteJoin(
  op: Extract<PhysicalOperator, { kind: 'join' }>,
  [lm, rm]: readonly ColumnMap[],
  inputs: readonly Schema[],
): { op: PhysicalOperator; map: ColumnMap } {
  const at = inputs[0]!.length;
  const leftOnly = op.type === 'semi' || op.type === 'anti';
  // The joined row: left's kept columns, then right's after them.
  const joined: ColumnMap = [...lm!, ...rm!.map((c) => (c < 0 ? -1 : at + c))];
  const s = op.strategy;
  const l = (c: number): number => to(lm!, c);
  const r = (c: number): number => to(rm!, c);
  const strategy: JoinStrategy =
    s.kind === 'interval'
      ? { ...s, leftTime: l(s.leftTime), rightTime: r(s.rightTime) }
      : s.kind === 'temporal'
        ? { ...s, leftTime: l(s.leftTime), rightTime: r(s.rightTime) }
        : s.kind === 'window'
          ? {
              ...s,
              leftStart: l(s.leftStart),
              leftEnd: l(s.leftEnd),
              rightStart: r(s.rightStart),
              rightEnd: r(s.rightEnd),
            }
          : s;
  const map = leftOnly ? lm! : joined;
  const out = {
    ...op,
    strategy,
    leftKeys: op.leftKeys.map(over(lm!)),
    rightKeys: op.rightKeys.map(over(rm!)),
    condition: op.condition && over(joined)(op.condition),
    schema: kept(op.schema, map),
  };
  return { op: out, map };
}
