/**
 * Logical → physical: choose the source columns to read, lay out the pipeline
 * (filter → OVER or window Top-N → aggregate → HAVING → project → DISTINCT → LIMIT), rebind
 * column indices per stage, and decide partitioning, emit mode and output key.
 */
import type { Field, Schema } from '../core/types';
import { columnsOf, mapColumns } from './expr-rewrite';
import type { LogicalBlock, LogicalPlan, LogicalSource } from './logical-plan';
import { composePlan } from './compose-plan';
import { timeAfter } from './time-attribute';
import { nullableOf } from './nullability';
import { choosePartitioning } from './partitioning';
import type { AggCall, Expr, OverFunction, PhysicalOperator, PhysicalPlan, PlanNode } from './physical-plan';
import { uniqueNames } from './query-context';
import { isFirstRowDedup } from './analyzer-top-n';

export function toPhysical(l: LogicalPlan): PhysicalPlan {
  const root = l.root;
  if (root.kind === 'block' && root.input.kind === 'source') return singleStream(root, root.input);
  return composePlan(root);
}

/** One SELECT over one stream: read only the columns it uses. */
function singleStream(l: LogicalBlock, src: LogicalSource): PhysicalPlan {
  const width = src.schema.length;
  const used = new Set<number>();
  for (const e of blockRowExprs(l)) columnsOf(e, used);
  if (src.timeColumn !== null) used.add(src.timeColumn);
  const read = [...used].filter((i) => i < width).sort((a, b) => a - b);
  const position = new Map(read.map((i, k) => [i, k]));
  const remap = (e: Expr): Expr =>
    mapColumns(e, (i, c) => ({ ...c, index: i < width ? position.get(i)! : read.length + (i - width) }));
  const columns: Schema = read.map((i) => src.schema[i]!);
  const timeColumn = src.timeColumn === null ? null : position.get(src.timeColumn)!;
  const keyColumn = src.keyColumn === null ? null : (position.get(src.keyColumn) ?? null);
  const { pipeline, output, exprs } = blockOps(l, columns, timeColumn, remap);
  const partitioning = choosePartitioning(l, pipeline, columns.length);
  return {
    kind: 'physical',
    sources: [
      {
        stream: src.stream,
        streamSchema: src.schema,
        columns,
        timeColumn,
        watermarkDelay: src.watermarkDelay,
        generator: src.generator,
        ...(src.generatorMismatch !== undefined ? { generatorMismatch: src.generatorMismatch } : {}),
        options: src.options,
        keyColumn,
      },
    ],
    nodes: chainNodes(pipeline, columns, timeColumn),
    output,
    partitioning,
    emit: blockEmit(l),
    outputKey: outputKey(l, pipeline, exprs),
  };
}

/** Every row-space expression of a block (what it reads of its input). */
export function blockRowExprs(l: LogicalBlock): Expr[] {
  const rowExprs: Expr[] = [];
  if (l.where) rowExprs.push(l.where);
  for (const g of l.overs) {
    rowExprs.push(...g.partitionBy);
    for (const f of g.functions) rowExprs.push(...overExprs(f));
  }
  if (l.topN) {
    const t = l.topN;
    rowExprs.push(...t.partitionBy);
    const win = t.kind === 'windowTopN' ? [t.windowStart, t.windowEnd] : [];
    for (const c of [...win, ...t.orderBy.map((o) => o.column)])
      rowExprs.push({ kind: 'column', index: c, name: '', type: 'TIMESTAMP' });
  }
  if (l.aggregate) {
    rowExprs.push(...l.aggregate.groupKeys);
    for (const a of l.aggregate.aggregates) if (a.arg) rowExprs.push(a.arg);
  } else rowExprs.push(...l.project.exprs);
  return rowExprs;
}

function blockEmit(l: LogicalBlock): PhysicalPlan['emit'] {
  const a = l.aggregate;
  return a && (a.emit === 'changes' || a.grace > 0) ? 'changes' : 'append';
}

export interface BlockOps {
  readonly pipeline: PhysicalOperator[];
  readonly output: Schema;
  /** The final projection's expressions (over the last stage's schema). */
  readonly exprs: readonly Expr[];
}

/**
 * A block as operators in order (filter → OVER / Top-N → aggregate → HAVING → project → DISTINCT →
 * LIMIT) over an input of schema `columns` with its event-time attribute at `time`; `remap` maps
 * the block's row-space indices onto `columns` (identity when nothing was pruned).
 */
export function blockOps(
  l: LogicalBlock,
  columns: Schema,
  timeColumn: number | null,
  remap: (e: Expr) => Expr = (e) => e,
): BlockOps {
  const width = l.input.kind === 'source' ? l.input.schema.length : columns.length;
  const pipeline: PhysicalOperator[] = [];
  let schema: Schema = columns;
  if (l.where) pipeline.push({ kind: 'filter', predicate: remap(l.where) });
  // An OVER output selected as is takes its select-list name (so EXPLAIN reads `moving_avg`).
  const selectedAs = new Map<number, string>();
  if (!l.aggregate)
    l.project.exprs.forEach(
      (e, j) => e.kind === 'column' && e.index >= width && selectedAs.set(e.index, l.project.names[j]!),
    );
  let overAt = width;
  l.overs.forEach((g, gi) => {
    const functions = g.functions.map((f) => remapOver(f, remap));
    const added: Field[] = functions.map((f, fi) => ({
      name: selectedAs.get(overAt + fi) ?? overName(f, gi, fi),
      type: f.kind === 'aggregate' ? f.call.type : f.type,
      nullable: overNullable(f),
    }));
    overAt += functions.length;
    const all = uniqueNames([...schema, ...added].map((f) => f.name));
    schema = [...schema, ...added].map((f, i) => ({ ...f, name: all[i]! }));
    pipeline.push({
      kind: 'overWindow',
      partitionBy: g.partitionBy.map(remap),
      timeColumn: timeColumn!,
      delay: l.delay,
      functions,
      schema,
    });
  });
  if (l.topN) {
    const t = l.topN;
    if (t.limit === null) throw new Error('a Top-N reached the planner without its rownum filter');
    const col = (i: number): number => {
      const e = remap({ kind: 'column', index: i, name: '', type: 'TIMESTAMP' });
      return e.kind === 'column' ? e.index : i;
    };
    const all = uniqueNames([...schema.map((f) => f.name), selectedAs.get(width) ?? 'rownum']);
    schema = [...schema, { name: '', type: 'BIGINT' as const, nullable: false }].map((f, i) => ({
      ...f,
      name: all[i]!,
    }));
    const orderBy = t.orderBy.map((o) => ({ column: col(o.column), desc: o.desc }));
    // Deduplication keeping the last row: the latest of equal times wins (Flink's keep-last-row).
    const latestFirst = t.limit === 1 && t.byTime && t.orderBy[0]!.desc;
    const partitionBy = t.partitionBy.map(remap);
    const dedupFirst = isFirstRowDedup(t) && t.kind === 'topN';
    pipeline.push(
      dedupFirst
        ? { kind: 'deduplicate', partitionBy, timeColumn: orderBy[0]!.column, schema }
        : t.kind === 'windowTopN'
          ? {
              kind: 'windowTopN',
              windowStart: col(t.windowStart),
              windowEnd: col(t.windowEnd),
              partitionBy,
              orderBy,
              limit: t.limit,
              lateRows: t.lateRows,
              latestFirst,
              schema,
            }
          : { kind: 'topN', partitionBy, orderBy, limit: t.limit, latestFirst, schema },
    );
  }
  const a = l.aggregate;
  if (a) {
    const groupKeys = a.groupKeys.map(remap);
    const aggregates: AggCall[] = a.aggregates.map((c) => ({ ...c, arg: c.arg && remap(c.arg) }));
    const fields: Field[] = groupKeys.map((k, i) => ({
      name: a.keyNames[i]!,
      type: k.type,
      nullable: nullableOf(k, schema),
    }));
    if (a.window)
      fields.push(
        { name: 'window_start', type: 'TIMESTAMP', nullable: false },
        { name: 'window_end', type: 'TIMESTAMP', nullable: false },
      );
    aggregates.forEach((c, i) =>
      fields.push({
        name: a.aggNames[i]!,
        type: c.type,
        nullable: c.fn !== 'COUNT' && c.fn !== 'COUNT_STAR',
      }),
    );
    const names = uniqueNames(fields.map((f) => f.name));
    const aggSchema: Schema = fields.map((f, i) => ({ ...f, name: names[i]! }));
    if (a.window) {
      pipeline.push({
        kind: 'windowAggregate',
        window: a.window,
        timeColumn: timeColumn!,
        grace: a.grace,
        groupKeys,
        aggregates,
        emit: a.emit,
        schema: aggSchema,
      });
    } else pipeline.push({ kind: 'groupAggregate', groupKeys, aggregates, emit: a.emit, schema: aggSchema });
    schema = aggSchema;
    if (l.having) pipeline.push({ kind: 'filter', predicate: named(l.having, schema) });
  }
  const inSchema = schema;
  const exprs = (a ? l.project.exprs : l.project.exprs.map(remap)).map((e) => named(e, inSchema));
  const output: Schema = exprs.map((e, i) => ({
    name: l.project.names[i]!,
    type: e.type,
    nullable: nullableOf(e, inSchema),
  }));
  pipeline.push({ kind: 'project', exprs, schema: output });
  if (l.distinct) pipeline.push({ kind: 'distinct' });
  if (l.limit !== null) pipeline.push({ kind: 'limit', count: l.limit });
  return { pipeline, output, exprs };
}

/** A linear pipeline over source 0 as plan nodes, each carrying its output schema and time attribute. */
function chainNodes(pipeline: readonly PhysicalOperator[], columns: Schema, time: number | null): PlanNode[] {
  let schema = columns;
  return pipeline.map((op, k) => {
    time = timeAfter(op, time);
    schema = 'schema' in op ? op.schema : schema;
    return {
      op,
      inputs: [k === 0 ? { kind: 'source', index: 0 } : { kind: 'node', index: k - 1 }],
      schema,
      time,
    };
  });
}

/** Column references carry the name of the input column they read. */
function named(e: Expr, schema: Schema): Expr {
  return mapColumns(e, (i, c) => ({ ...c, name: schema[i]?.name ?? c.name }));
}

export function overExprs(f: OverFunction): Expr[] {
  if (f.kind === 'aggregate') return f.call.arg ? [f.call.arg] : [];
  if (f.kind === 'lag') return f.defaultValue ? [f.arg, f.defaultValue] : [f.arg];
  return [];
}

export function remapOver(f: OverFunction, remap: (e: Expr) => Expr): OverFunction {
  if (f.kind === 'aggregate') return { ...f, call: { ...f.call, arg: f.call.arg && remap(f.call.arg) } };
  if (f.kind === 'lag')
    return { ...f, arg: remap(f.arg), defaultValue: f.defaultValue && remap(f.defaultValue) };
  return f;
}

function overName(f: OverFunction, g: number, i: number): string {
  const fn = f.kind === 'aggregate' ? f.call.fn.toLowerCase() : f.kind === 'lag' ? 'lag' : 'row_number';
  return `${fn}_over_${g}_${i}`;
}

function overNullable(f: OverFunction): boolean {
  if (f.kind === 'rowNumber') return false;
  if (f.kind === 'aggregate') return f.call.fn !== 'COUNT' && f.call.fn !== 'COUNT_STAR';
  return true;
}

/** Output columns that identify a result row's group (dialect: for per-group sequences and the latest-value view). */
export function outputKey(
  l: LogicalBlock,
  pipeline: readonly PhysicalOperator[],
  exprs: readonly Expr[],
  rankColumn: number | null = null,
): number[] {
  const keyOf = (pred: (e: Expr) => boolean): number[] => exprs.flatMap((e, j) => (pred(e) ? [j] : []));
  if (l.aggregate) {
    const n = l.aggregate.groupKeys.length;
    const win = l.aggregate.window;
    // CUMULATE's windows share a start, so its end is part of the key too.
    const last = win === null ? n - 1 : win.kind === 'cumulate' ? n + 1 : n;
    return keyOf((e) => e.kind === 'column' && e.index <= last);
  }
  const parts = pipeline.flatMap((op) => (op.kind === 'overWindow' ? op.partitionBy : []));
  const cols = new Set(parts.flatMap((p) => (p.kind === 'column' ? [p.index] : [])));
  // Reading a regular Top-N: its changelog is ordered per partition key, and with its row number
  // selected a (key, rownum) names one place of the top (the latest row there is its occupant).
  const ranked = l.input.kind === 'block' && l.input.topN?.kind === 'topN' ? l.input : null;
  if (ranked) {
    const keys = new Set(ranked.topN!.partitionBy.flatMap((p) => (p.kind === 'column' ? [p.index] : [])));
    if (rankColumn !== null) keys.add(rankColumn);
    ranked.project.exprs.forEach((e, j) => e.kind === 'column' && keys.has(e.index) && cols.add(j));
  }
  return keyOf((e) => e.kind === 'column' && cols.has(e.index));
}
