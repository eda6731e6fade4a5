/**
 * The EXPLAIN tree drawn as a data-flow graph, source on the left, output on
 * the right, with live rows in and out of every operator while a query runs
 * (the engine counts them where batches cross between stages).
 */
import { useMemo } from 'react';
import { explainPlan, sourcesUnder, type ExplainNode, type PhysicalPlan } from '../../engine/index';
import type { PlanFlow } from '../run/use-run-controller';
import './plan.css';

export interface PlanGraphProps {
  /** The current script's plan, shown when nothing has run yet. */
  readonly plan: PhysicalPlan | null;
  readonly flow: PlanFlow | null;
}

/**
 * Source first, Output last: the order rows flow in. A node with several
 * inputs (a join, a union) is preceded by its inputs' chains, stacked.
 */
type Step =
  | { readonly kind: 'node'; readonly node: ExplainNode }
  | { readonly kind: 'branches'; readonly chains: Step[][] };

function flowOrder(root: ExplainNode): Step[] {
  const steps: Step[] = [];
  if (root.children.length === 1) steps.push(...flowOrder(root.children[0]!));
  else if (root.children.length > 1) steps.push({ kind: 'branches', chains: root.children.map(flowOrder) });
  steps.push({ kind: 'node', node: root });
  return steps;
}

const count = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US'));

export function PlanGraph({ plan, flow }: PlanGraphProps) {
  const shown = flow?.plan ?? plan;
  const steps = useMemo(() => (shown ? flowOrder(explainPlan(shown).tree) : []), [shown]);
  if (!shown) {
    return (
      <section className="plan-panel" aria-label="Plan">
        <h2>Plan</h2>
        <p className="note">Fix the script to see its plan.</p>
      </section>
    );
  }
  const live = flow?.plan === shown ? flow : null;
  // A node's rows in are what its inputs put out (a source's rows, or an earlier node's).
  const rowsInto = (node: number): number | null => {
    if (live === null) return null;
    let sum = 0;
    for (const i of shown.nodes[node]?.inputs ?? [])
      sum += (i.kind === 'source' ? live.sourceRowsIn[i.index] : live.nodeRowsOut[i.index]) ?? 0;
    return sum;
  };
  const rowsOutOf = (node: number): number | null =>
    live === null ? null : (live.nodeRowsOut[node] ?? null);
  const last = shown.nodes.length;
  const outputRows = last === 0 ? (live?.rowsIn ?? null) : rowsOutOf(last - 1);
  const counts = (n: ExplainNode): NodeCounts => {
    if (n.source !== undefined)
      // The input rate is the run's, over all streams: shown where there is one stream.
      return {
        rowsIn: null,
        rowsOut: live ? (live.sourceRowsIn[n.source] ?? 0) : null,
        live: shown.sources.length === 1 ? live : null,
        state: null,
        held: null,
      };
    if (n.stage === undefined) return { rowsIn: outputRows, rowsOut: null, live, state: null, held: null };
    const node = shown.nodes[n.stage];
    const state = live ? (live.nodeState[n.stage] ?? 0) : null;
    // A join's promise is bounded state per input: the most of each stream it has held at once.
    const held =
      live && node && node.inputs.length > 1
        ? node.inputs
            .map((i) => {
              const s = sourcesUnder(shown, i)[0]!;
              return `${shown.sources[s]!.stream} ${count(live.sourcePeakState[s] ?? 0)}`;
            })
            .join(' · ')
        : null;
    return { rowsIn: rowsInto(n.stage), rowsOut: rowsOutOf(n.stage), live, state, held };
  };

  return (
    <section className="plan-panel" aria-label="Plan">
      <h2>
        Plan{' '}
        <span className="note">
          {live
            ? live.running
              ? 'live: rows in and out of each operator'
              : 'rows through each operator in the last run'
            : 'press Run to see rows flow through it'}
        </span>
      </h2>
      <Chain steps={steps} counts={counts} />
    </section>
  );
}

interface NodeCounts {
  readonly rowsIn: number | null;
  readonly rowsOut: number | null;
  /** Set where the node shows the run's input rate. */
  readonly live: PlanFlow | null;
  /** Rows the operator holds now (null before a run). */
  readonly state: number | null;
  /** A join: the most rows it held per input, "orders 3,102 · payments 250". */
  readonly held: string | null;
}

function Chain({ steps, counts }: { steps: readonly Step[]; counts: (n: ExplainNode) => NodeCounts }) {
  return (
    <ol className="plan-graph">
      {steps.map((step, i) =>
        step.kind === 'branches' ? (
          <li key={i} className="plan-branches" aria-label={`${step.chains.length} inputs`}>
            {step.chains.map((chain, k) => (
              <Chain key={k} steps={chain} counts={counts} />
            ))}
          </li>
        ) : (
          <NodeCard key={i} n={step.node} c={counts(step.node)} />
        ),
      )}
    </ol>
  );
}

function NodeCard({ n, c }: { n: ExplainNode; c: NodeCounts }) {
  const isSource = n.source !== undefined;
  const isOutput = !isSource && n.stage === undefined;
  const { rowsIn, rowsOut, live, state, held } = c;
  const ratio = rowsIn !== null && rowsOut !== null && rowsIn > 0 ? rowsOut / rowsIn : null;
  return (
    <li className={`plan-node${isSource ? ' source' : isOutput ? ' output' : ''}`} aria-label={n.label}>
      <div className="plan-label">{n.label}</div>
      <ul className="plan-detail">
        {n.detail.slice(0, isOutput ? 2 : 4).map((d, k) => (
          <li key={k} title={d}>
            {d}
          </li>
        ))}
      </ul>
      <dl className="plan-counts">
        {!isSource && (
          <>
            <dt>in</dt>
            <dd data-testid="rows-in">{count(rowsIn)}</dd>
          </>
        )}
        {!isOutput && (
          <>
            <dt>out</dt>
            <dd data-testid="rows-out">{count(rowsOut)}</dd>
          </>
        )}
        {ratio !== null && (
          <>
            <dt>out/in</dt>
            <dd>{ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}</dd>
          </>
        )}
        {state !== null && state > 0 && (
          <>
            <dt>state</dt>
            <dd data-testid="state">{count(state)}</dd>
          </>
        )}
        {held !== null && (
          <>
            <dt>peak held</dt>
            <dd data-testid="peak-held" title="The most rows of each input the join held at once">
              {held}
            </dd>
          </>
        )}
        {isSource && live && (
          <>
            <dt>rate</dt>
            <dd>{live.running ? `${Math.round(live.inputRowsPerSec).toLocaleString('en-US')}/s` : 'done'}</dd>
          </>
        )}
      </dl>
    </li>
  );
}
