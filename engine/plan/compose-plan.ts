/**
 * Logical → physical for queries over several relations (joins, unions, WITH
 * steps, subqueries): every relation becomes plan nodes once — a relation
 * read twice is one node read by two — over one source per stream. Blocks
 * are laid out as for a single stream (`blockOps`); the columns each source
 * reads (`pruneColumns`) and partitioning are decided over the whole graph afterwards.
 */
import type { Field, Schema } from '../core/types';
import type { LogicalBlock, LogicalRel, LogicalSource } from './logical-plan';
import type { PhysicalOperator, PhysicalPlan, PlanInput, PlanNode, SourceSpec } from './physical-plan';
import { blockOps, outputKey } from './physical-planner';
import { graphPartitioning } from './graph-partitioning';
import { pruneColumns } from './prune-columns';
import { timeAfter } from './time-attribute';
import { isFirstRowDedup } from './analyzer-top-n';

class PlanBuilder {
  readonly sources: SourceSpec[] = [];
  readonly nodes: PlanNode[] = [];
  private readonly memo = new Map<LogicalRel, PlanInput>();
  private readonly sourceOf = new Map<string, number>();

  schemaOf(input: PlanInput): Schema {
    return input.kind === 'source' ? this.sources[input.index]!.columns : this.nodes[input.index]!.schema;
  }

  timeOf(input: PlanInput): number | null {
    return input.kind === 'source' ? this.sources[input.index]!.timeColumn : this.nodes[input.index]!.time;
  }

  add(op: PhysicalOperator, inputs: PlanInput[], schema: Schema, time: number | null): PlanInput {
    this.nodes.push({ op, inputs, schema, time });
    return { kind: 'node', index: this.nodes.length - 1 };
  }

  /** The plan input that delivers a relation's rows (built once per relation). */
  input(rel: LogicalRel): PlanInput {
    const done = this.memo.get(rel);
    if (done) return done;
    const made = this.build(rel);
    this.memo.set(rel, made);
    return made;
  }

  private build(rel: LogicalRel): PlanInput {
    switch (rel.kind) {
      case 'source':
        return this.source(rel);
      case 'block':
        return this.block(rel);
      case 'windowTvf': {
        const input = this.input(rel.input);
        const schema: Field[] = [
          ...this.schemaOf(input),
          { name: 'window_start', type: 'TIMESTAMP', nullable: false },
          { name: 'window_end', type: 'TIMESTAMP', nullable: false },
          { name: 'window_time', type: 'TIMESTAMP', nullable: false },
        ];
        return this.add(
          { kind: 'windowAssign', window: rel.window, timeColumn: rel.timeColumn, schema },
          [input],
          schema,
          this.timeOf(input),
        );
      }
      case 'join': {
        const left = this.input(rel.left);
        const right = this.input(rel.right);
        const ls = this.schemaOf(left);
        const rs = this.schemaOf(right);
        const leftOnly = rel.type === 'semi' || rel.type === 'anti';
        const padRight = rel.type === 'left' || rel.type === 'full';
        const padLeft = rel.type === 'right' || rel.type === 'full';
        const schema: Field[] = leftOnly
          ? [...ls]
          : [
              ...ls.map((f) => (padLeft ? { ...f, nullable: true } : f)),
              ...rs.map((f) => (padRight ? { ...f, nullable: true } : f)),
            ];
        return this.add(
          {
            kind: 'join',
            type: rel.type,
            strategy: rel.strategy,
            leftKeys: rel.leftKeys,
            rightKeys: rel.rightKeys,
            condition: rel.condition,
            ...(rel.nullAware ? { nullAware: true } : {}),
            schema,
          },
          [left, right],
          schema,
          joinTime(rel),
        );
      }
      case 'union': {
        const inputs = rel.inputs.map((r) => this.input(r));
        const first = this.schemaOf(inputs[0]!);
        const schema = first.map((f, c) => ({
          ...f,
          nullable: inputs.some((i) => this.schemaOf(i)[c]!.nullable),
        }));
        const times = inputs.map((i) => this.timeOf(i));
        const time = times.every((t) => t !== null && t === times[0]) ? times[0]! : null;
        return this.add({ kind: 'union', schema }, inputs, schema, time);
      }
    }
  }

  private source(rel: LogicalSource): PlanInput {
    const known = this.sourceOf.get(rel.stream);
    if (known !== undefined) return { kind: 'source', index: known };
    this.sources.push({
      stream: rel.stream,
      streamSchema: rel.schema,
      columns: rel.schema,
      timeColumn: rel.timeColumn,
      watermarkDelay: rel.watermarkDelay,
      generator: rel.generator,
      ...(rel.generatorMismatch !== undefined ? { generatorMismatch: rel.generatorMismatch } : {}),
      options: rel.options,
      keyColumn: rel.keyColumn,
    });
    this.sourceOf.set(rel.stream, this.sources.length - 1);
    return { kind: 'source', index: this.sources.length - 1 };
  }

  private block(b: LogicalBlock): PlanInput {
    let at = this.input(b.input);
    const { pipeline } = blockOps(b, this.schemaOf(at), b.time);
    for (const op of pipeline) {
      const prev = this.schemaOf(at);
      at = this.add(op, [at], 'schema' in op ? op.schema : prev, timeAfter(op, this.timeOf(at)));
    }
    return at;
  }
}

/**
 * The event-time attribute after a join, as Flink keeps it: an interval join keeps both sides'
 * (the left's here), a window join the left's window time, a temporal join the left's time; a
 * regular join's output has none.
 */
function joinTime(rel: Extract<LogicalRel, { kind: 'join' }>): number | null {
  const s = rel.strategy;
  if (s.kind === 'interval' || s.kind === 'temporal') return s.leftTime;
  if (s.kind === 'window') return s.leftEnd;
  return null;
}

/** `prune = false` keeps every source column (only to compare against, in tests). */
export function composePlan(root: LogicalRel, prune = true): PhysicalPlan {
  const b = new PlanBuilder();
  const out = b.input(root);
  if (out.kind === 'source') throw new Error('a query reads its stream through at least one step');
  const graph: PhysicalPlan = {
    kind: 'physical',
    sources: b.sources,
    nodes: b.nodes,
    output: b.nodes[b.nodes.length - 1]!.schema,
    partitioning: { kind: 'any' },
    emit: rootEmit(root),
    outputKey: root.kind === 'block' ? rootKey(root, b) : [],
  };
  const draft = prune ? pruneColumns(graph) : graph;
  return { ...draft, partitioning: graphPartitioning(draft) };
}

function rootEmit(root: LogicalRel): PhysicalPlan['emit'] {
  if (root.kind === 'join')
    return root.strategy.kind === 'regular' && root.type !== 'inner' ? 'changes' : 'append';
  if (root.kind === 'block' && root.aggregate) {
    const a = root.aggregate;
    return a.emit === 'changes' || a.grace > 0 ? 'changes' : 'append';
  }
  if (root.kind === 'block' && root.topN?.kind === 'topN' && !isFirstRowDedup(root.topN)) return 'changes';
  if (root.kind === 'block') return rootEmit(root.input) === 'changes' ? 'changes' : 'append';
  return 'append';
}

function rootKey(root: LogicalBlock, b: PlanBuilder): number[] {
  const input = b.input(root.input);
  const { pipeline, exprs } = blockOps(root, b.schemaOf(input), root.time);
  // A regular Top-N's row number is the column after its block's input (row space W).
  const ranked = root.input.kind === 'block' && root.input.topN?.kind === 'topN' ? root.input : null;
  const rank = ranked ? b.schemaOf(b.input(ranked.input)).length : null;
  return outputKey(root, pipeline, exprs, rank);
}
