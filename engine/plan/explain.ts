/**
 * EXPLAIN: a physical plan as a readable tree. The pipeline is linear, so the
 * tree is a chain from the output (sink) down to the source.
 */
import type { Schema } from '../core/types';
import { aggSql, durationText, exprSql, overFnSql, windowSql } from './explain-expr';
import type { Partitioning, PhysicalOperator, PhysicalPlan } from './physical-plan';

export interface ExplainNode {
  readonly label: string;
  readonly detail: string[];
  readonly children: ExplainNode[];
  /** Index into `plan.pipeline` for operator nodes (absent for Source and Output): joins live per-stage counts. */
  readonly stage?: number;
}

const schemaText = (s: Schema): string =>
  s.map((f) => `${f.name} ${f.type}${f.nullable ? '' : ' NOT NULL'}`).join(', ');

function partitioningText(p: Partitioning, source: Schema): string {
  if (p.kind === 'any') return 'any (stateless: rows may be split freely)';
  if (p.kind === 'single') return `single partition: ${p.reason}`;
  return `hash(${p.columns.map((c) => source[c]?.name ?? `#${c}`).join(', ')})`;
}

function sourceNode(plan: PhysicalPlan): ExplainNode {
  const s = plan.source;
  const time = s.timeColumn === null ? null : s.columns[s.timeColumn]!.name;
  const detail = [
    s.generator ? `generator: ${s.generator}` : 'generator: none (needs a file to run)',
    time
      ? `event time: ${time}, watermark = max(${time}) - ${durationText(s.watermarkDelay)}`
      : 'event time: none',
    `reads: ${s.columns.map((c) => c.name).join(', ') || '(no columns)'}`,
  ];
  if (s.keyColumn !== null) detail.push(`key column: ${s.columns[s.keyColumn]!.name}`);
  const opts = Object.entries(s.options);
  if (opts.length) detail.push(`options: ${opts.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return { label: `Source ${s.stream}`, detail, children: [] };
}

function opNode(
  op: PhysicalOperator,
  input: Schema,
  plan: PhysicalPlan,
  afterAggregate: boolean,
): { label: string; detail: string[] } {
  const time = (i: number): string => input[i]?.name ?? `#${i}`;
  switch (op.kind) {
    case 'filter':
      return {
        label: 'Filter',
        detail: [`${afterAggregate ? 'HAVING' : 'WHERE'} ${exprSql(op.predicate, input)}`],
      };
    case 'project':
      return {
        label: 'Project',
        detail: op.exprs.map((e, i) => {
          const text = exprSql(e, input);
          const name = op.schema[i]!.name;
          return text === name ? text : `${text} AS ${name}`;
        }),
      };
    case 'windowAggregate':
      return {
        label: 'WindowAggregate',
        detail: [
          `window: ${windowSql(op.window, time(op.timeColumn))}${op.grace > 0 ? ` GRACE PERIOD ${durationText(op.grace)}` : ''}`,
          `group by: ${op.groupKeys.map((k) => exprSql(k, input)).join(', ') || '(none)'}`,
          `aggregates: ${op.aggregates.map((a) => aggSql(a, input)).join(', ') || '(none)'}`,
          `emit: ${op.emit.toUpperCase()}`,
        ],
      };
    case 'groupAggregate':
      return {
        label: 'GroupAggregate',
        detail: [
          `group by: ${op.groupKeys.map((k) => exprSql(k, input)).join(', ') || '(none: one global group)'}`,
          `aggregates: ${op.aggregates.map((a) => aggSql(a, input)).join(', ') || '(none)'}`,
          `emit: ${op.emit.toUpperCase()}`,
        ],
      };
    case 'overWindow':
      return {
        label: 'OverWindow',
        detail: [
          `partition by: ${op.partitionBy.map((k) => exprSql(k, input)).join(', ') || '(none)'}`,
          `order by: ${time(op.timeColumn)} (per-key watermark, delay ${durationText(op.delay)})`,
          ...op.functions.map((f) => `function: ${overFnSql(f, input)}`),
        ],
      };
    case 'distinct':
      return { label: 'Distinct', detail: ['each distinct row once, when first seen'] };
    case 'limit':
      return { label: `Limit ${op.count}`, detail: [] };
  }
  return { label: String(plan.kind), detail: [] };
}

function outputSchema(op: PhysicalOperator, input: Schema): Schema {
  return 'schema' in op ? op.schema : input;
}

export function explainPlan(plan: PhysicalPlan): { text: string; tree: ExplainNode } {
  let node: ExplainNode = sourceNode(plan);
  let schema: Schema = plan.source.columns;
  let afterAggregate = false;
  plan.pipeline.forEach((op, stage) => {
    const { label, detail } = opNode(op, schema, plan, afterAggregate);
    node = { label, detail, children: [node], stage };
    schema = outputSchema(op, schema);
    if (op.kind === 'windowAggregate' || op.kind === 'groupAggregate') afterAggregate = true;
  });
  const keyNames = plan.outputKey.map((i) => plan.output[i]?.name ?? `#${i}`);
  const root: ExplainNode = {
    label: 'Output',
    detail: [
      `columns: ${schemaText(plan.output)}`,
      `emit: ${plan.emit === 'changes' ? 'changes (+I/+U/-D)' : 'append (+I only)'}`,
      ...(keyNames.length ? [`key: ${keyNames.join(', ')}`] : []),
      `partitioning: ${partitioningText(plan.partitioning, plan.source.columns)}`,
    ],
    children: [node],
  };
  return { text: render(root), tree: root };
}

function render(root: ExplainNode): string {
  const lines: string[] = [];
  let n: ExplainNode | undefined = root;
  let depth = 0;
  while (n) {
    const pad = '   '.repeat(depth);
    lines.push(`${depth === 0 ? '' : pad.slice(3) + '└─ '}${n.label}`);
    for (const d of n.detail) lines.push(`${pad}     ${d}`);
    n = n.children[0];
    depth++;
  }
  return lines.join('\n');
}
