/**
 * EXPLAIN: a physical plan as a readable tree, from the output (sink) down to
 * the sources. A node that several others read (a WITH step used twice) is
 * drawn under each of them and marked as shared.
 */
import type { Schema } from '../core/types';
import { aggSql, durationText, exprSql, overFnSql, windowSql } from './explain-expr';
import type {
  JoinOp,
  Partitioning,
  PhysicalOperator,
  PhysicalPlan,
  PlanInput,
  WindowAggregateOp,
} from './physical-plan';
import { inputSchema, readersOf } from './plan-chains';
import { expiryStep } from './expiry-step';
import { outputHoldBack } from './output-hold-back';
import { preselectOfNode, type PreselectSpec } from './preselect-spec';

export interface ExplainNode {
  readonly label: string;
  readonly detail: string[];
  readonly children: ExplainNode[];
  /** Index into `plan.nodes` for operator nodes (absent for Source and Output): joins live per-node counts. */
  readonly stage?: number;
  /** Index into `plan.sources` for Source nodes. */
  readonly source?: number;
}

const schemaText = (s: Schema): string =>
  s.map((f) => `${f.name} ${f.type}${f.nullable ? '' : ' NOT NULL'}`).join(', ');

function partitioningText(p: Partitioning, plan: PhysicalPlan): string {
  if (p.kind === 'any') return 'any (stateless: rows may be split freely)';
  if (p.kind === 'single') return `single partition: ${p.reason}`;
  const one = (cols: readonly number[], s: number): string => {
    const src = plan.sources[s]!;
    const names = cols.map((c) => src.columns[c]?.name ?? `#${c}`).join(', ');
    return plan.sources.length > 1 ? `${src.stream}(${names})` : names;
  };
  return `hash(${p.columns.map(one).join(', ')})`;
}

function sourceNode(plan: PhysicalPlan, index: number): ExplainNode {
  const s = plan.sources[index]!;
  const time = s.timeColumn === null ? null : s.columns[s.timeColumn]!.name;
  const path = s.options['path'];
  const detail = [
    s.generator
      ? `generator: ${s.generator}`
      : typeof path === 'string'
        ? `generator: none, reads a file (upload '${path}' to run)`
        : s.generatorMismatch !== undefined
          ? `generator: none, the built-in \`${s.stream}\` has other columns (needs a file to run)`
          : 'generator: none (needs a file to run)',
    time
      ? `event time: ${time}, watermark = max(${time}) - ${durationText(s.watermarkDelay)}`
      : 'event time: none',
    `reads: ${s.columns.map((c) => (c.proctime ? `${c.name} (PROCTIME(): each row's arrival on the replay clock)` : c.name)).join(', ') || '(no columns)'}`,
  ];
  if (s.keyColumn !== null) detail.push(`key column: ${s.columns[s.keyColumn]!.name}`);
  const opts = Object.entries(s.options);
  if (opts.length) detail.push(`options: ${opts.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return { label: `Source ${s.stream}`, detail, children: [], source: index };
}

function opNode(
  op: PhysicalOperator,
  inputs: readonly Schema[],
  afterAggregate: boolean,
  sides: readonly [string, string] = ['left', 'right'],
): { label: string; detail: string[] } {
  const input = inputs[0]!;
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
    case 'windowTopN':
      return {
        label: 'WindowTopN',
        detail: [
          `top ${op.limit} per window (${time(op.windowStart)}, ${time(op.windowEnd)}) by ${op.orderBy.map((o) => `${time(o.column)}${o.desc ? ' DESC' : ''}`).join(', ')}`,
          `partition by: ${[time(op.windowStart), time(op.windowEnd), ...op.partitionBy.map((k) => exprSql(k, input))].join(', ')}`,
          `emits each window's rows once, in rank order, when it completes${op.lateRows ? '; rows of a completed window are late' : ''}`,
          ...(op.latestFirst
            ? ['deduplication keeping the last row: of equal times the later row wins']
            : []),
        ],
      };
    case 'topN': {
      const keys = op.partitionBy.map((k) => exprSql(k, input)).join(', ');
      const order = op.orderBy.map((o) => `${time(o.column)}${o.desc ? ' DESC' : ''}`).join(', ');
      const dedup = op.limit === 1 && op.latestFirst;
      return {
        label: dedup ? 'Deduplicate (keep last row)' : 'TopN',
        detail: [
          `top ${op.limit} ${keys ? `per ${keys}` : 'of all rows (one partition)'} by ${order}`,
          'updating: a row entering the top retracts (-D) the rows it moves and re-inserts them (+I) at their new row number; the row pushed past N is retracted',
          ...(dedup ? ['of equal times the later row wins'] : []),
        ],
      };
    }
    case 'deduplicate': {
      const keys = op.partitionBy.map((k) => exprSql(k, input)).join(', ');
      return {
        label: 'Deduplicate (keep first row)',
        detail: [
          `the first row ${keys ? `per ${keys}` : 'of all rows (one partition)'} by ${time(op.timeColumn)}, then arrival`,
          "append-only: a key's row goes out once the watermark reaches its time; a later row that would have come first is late",
        ],
      };
    }
    case 'distinct':
      return { label: 'Distinct', detail: ['each distinct row once, when first seen'] };
    case 'limit':
      return { label: `Limit ${op.count}`, detail: [] };
    case 'windowAssign':
      return {
        label: 'WindowTVF',
        detail: [
          `window: ${windowSql(op.window, time(op.timeColumn))}`,
          'each row once per window it falls in, with window_start, window_end, window_time',
        ],
      };
    case 'union':
      return { label: 'UnionAll', detail: ['every row of every input, in arrival order'] };
    case 'join':
      return joinNode(op, inputs[0]!, inputs[1]!, sides);
  }
}

const JOIN_LABEL = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', full: 'FULL', semi: 'SEMI', anti: 'ANTI' };

/** A join: its kind and why (what bounds its state), keys and the rest of its condition. */
function joinNode(
  op: JoinOp,
  left: Schema,
  right: Schema,
  [ln, rn]: readonly [string, string],
): { label: string; detail: string[] } {
  const both = [...left, ...right];
  const l = (i: number): string => `${ln}.${left[i]?.name ?? `#${i}`}`;
  const r = (i: number): string => `${rn}.${right[i]?.name ?? `#${i}`}`;
  const keys = op.leftKeys.map((k, i) => `${exprSql(k, left)} = ${exprSql(op.rightKeys[i]!, right)}`);
  const s = op.strategy;
  let kind: string;
  let why: string[];
  switch (s.kind) {
    case 'interval': {
      const d = `${l(s.leftTime)} − ${r(s.rightTime)}`;
      why = [
        `interval join: rows meet when ${durationText(s.lower)} ≤ ${d} ≤ ${durationText(s.upper)} (time bounds on both time attributes)`,
        `state kept ${durationText(s.upper - s.lower)} behind the watermark: ${ln} rows wait ${durationText(Math.max(0, -s.lower))} for ${rn} rows and ${rn} rows ${durationText(Math.max(0, s.upper))} for ${ln} rows, then leave state${expiryStep(op) > 0 ? ` (in steps of ${durationText(expiryStep(op))})` : ''}`,
        `its output watermark is held ${durationText(outputHoldBack(op))} behind its inputs' (as in Flink), so a window or join reading its rows does not find them late`,
      ];
      kind = 'IntervalJoin';
      break;
    }
    case 'window':
      kind = 'WindowJoin';
      why = [
        `window join: both sides carry the same window (${l(s.leftStart)} = ${r(s.rightStart)}, ${l(s.leftEnd)} = ${r(s.rightEnd)}); its rows meet once, when the watermark passes the window's end`,
        'state kept: the rows of windows still open',
      ];
      break;
    case 'temporal':
      kind = 'TemporalJoin';
      why = [
        `temporal join: FOR SYSTEM_TIME AS OF ${l(s.leftTime)} — each left row meets the right version (by key) valid at its time, once the watermark reaches that time`,
        `state kept: the latest versions per key up to the watermark, and left rows not yet reached by it (right versions ordered by ${r(s.rightTime)})`,
      ];
      break;
    case 'regular':
      kind = 'RegularJoin';
      why = [
        'regular join: no time bound, so both sides are kept (the state cap applies)' +
          (op.type === 'inner'
            ? ''
            : '; a NULL-padded row is retracted (-D) when its partner arrives (a changelog)'),
      ];
      break;
  }
  return {
    label: `${kind} (${JOIN_LABEL[op.type]})`,
    detail: [
      ...why,
      `keys: ${keys.join(', ') || '(none: runs on one partition)'}`,
      ...(op.condition ? [`condition: ${exprSql(op.condition, both)}`] : []),
      ...(op.nullAware
        ? [
            'NOT IN is three-valued: a left row is kept only if its window has no right row with its key or with a NULL key (a NULL left key: only if the window has no right rows)',
          ]
        : []),
    ],
  };
}

/** What a window aggregate's preselection for the Top-N after it does (see WindowPreselect). */
function preselectText(pre: PreselectSpec, op: WindowAggregateOp, input: Schema): string {
  const by = `${aggSql(op.aggregates[pre.aggregate]!, input)}${pre.desc ? ' DESC' : ''}`;
  const parts = pre.keyParts.map((k) => exprSql(op.groupKeys[k]!, input));
  const of = `its window${parts.length ? ` and ${parts.join(', ')}` : ''}`;
  return `builds only rows that can make the Top-N: none that ${pre.limit} rows of ${of} outrank by ${by}`;
}

export function explainPlan(plan: PhysicalPlan): { text: string; tree: ExplainNode } {
  const readers = readersOf(plan);
  const built = new Map<number, ExplainNode>();
  const nodeOf = (input: PlanInput): ExplainNode => {
    if (input.kind === 'source') return sourceNode(plan, input.index);
    const done = built.get(input.index);
    if (done) return done;
    const n = plan.nodes[input.index]!;
    const { label, detail } = opNode(
      n.op,
      n.inputs.map((i) => inputSchema(plan, i)),
      afterAggregate(plan, input),
      [sideName(plan, n.inputs[0], 'left'), sideName(plan, n.inputs[1], 'right')],
    );
    const pre = preselectOfNode(plan, input.index);
    if (pre !== null && n.op.kind === 'windowAggregate')
      detail.push(preselectText(pre, n.op, inputSchema(plan, n.inputs[0]!)));
    const node: ExplainNode = {
      label,
      detail: readers[input.index]! > 1 ? [...detail, `read by ${readers[input.index]} steps`] : detail,
      children: n.inputs.map(nodeOf),
      stage: input.index,
    };
    built.set(input.index, node);
    return node;
  };
  const last = plan.nodes.length - 1;
  const top: ExplainNode =
    last >= 0 ? nodeOf({ kind: 'node', index: last }) : nodeOf({ kind: 'source', index: 0 });
  const keyNames = plan.outputKey.map((i) => plan.output[i]?.name ?? `#${i}`);
  const root: ExplainNode = {
    label: 'Output',
    detail: [
      `columns: ${schemaText(plan.output)}`,
      `emit: ${plan.emit === 'changes' ? 'changes (+I/+U/-D)' : 'append (+I only)'}`,
      ...(keyNames.length ? [`key: ${keyNames.join(', ')}`] : []),
      `partitioning: ${partitioningText(plan.partitioning, plan)}`,
    ],
    children: [top],
  };
  return { text: render(root), tree: root };
}

/** Whether a filter at `input` reads an aggregate's output (so it is a HAVING), looking down its first inputs. */
function afterAggregate(plan: PhysicalPlan, input: PlanInput): boolean {
  for (let i = input; i.kind === 'node';) {
    const n = plan.nodes[i.index]!;
    if (i !== input && (n.op.kind === 'windowAggregate' || n.op.kind === 'groupAggregate')) return true;
    if (n.inputs.length !== 1) return false;
    i = n.inputs[0]!;
  }
  return false;
}

/** A join side by the one stream it reads, else `left` / `right`. */
function sideName(plan: PhysicalPlan, input: PlanInput | undefined, fallback: string): string {
  const streams = new Set<string>();
  const walk = (i: PlanInput): void => {
    if (i.kind === 'source') streams.add(plan.sources[i.index]!.stream);
    else plan.nodes[i.index]!.inputs.forEach(walk);
  };
  if (input) walk(input);
  return streams.size === 1 ? [...streams][0]! : fallback;
}

function render(root: ExplainNode): string {
  const lines: string[] = [];
  const walk = (n: ExplainNode, prefix: string, childPrefix: string): void => {
    lines.push(prefix + n.label);
    for (const d of n.detail) lines.push(`${childPrefix}     ${d}`);
    n.children.forEach((c, k) => {
      const lastChild = k === n.children.length - 1;
      walk(c, childPrefix + '└─ ', childPrefix + (lastChild ? '   ' : '│  '));
    });
  };
  walk(root, '', '');
  return lines.join('\n');
}
