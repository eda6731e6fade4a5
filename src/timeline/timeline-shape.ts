/**
 * What the timeline should draw for a plan: which kind of window (from the
 * plan's first windowed operator), its grace period and emit mode, or the
 * frame of a row window. Read once per run from the compiled plan, never guessed
 * from the events.
 */
import { sourcesUnder, type PhysicalPlan } from '../../engine/index';

export type TimelineWindowKind =
  | { readonly kind: 'tumbling'; readonly size: number }
  | { readonly kind: 'hopping'; readonly size: number; readonly advance: number }
  /** Nested windows of one start, growing by `step` up to `size`. */
  | { readonly kind: 'cumulate'; readonly size: number; readonly step: number }
  | { readonly kind: 'session'; readonly gap: number }
  /** Row windows: the frame is the last `preceding` rows of the key before the current one (null: unbounded). */
  | { readonly kind: 'rows'; readonly preceding: number | null }
  | { readonly kind: 'none' };

export interface TimelineShape {
  readonly window: TimelineWindowKind;
  /** Allowed lateness after a window's end, ms. */
  readonly grace: number;
  readonly emit: 'final' | 'changes';
  /** The stream has an event-time column: without one there is nothing to place on the axis. */
  readonly hasTime: boolean;
  /** Watermark delay d of the source, ms. */
  readonly delay: number;
  /** What the lanes are keyed by, for the legend. */
  readonly keyLabel: string;
  /** The streams the plan reads (a join's inputs each get a watermark line). */
  readonly streams: readonly string[];
  /**
   * An interval join's state, per input: its rows stay held while their time is at least
   * W − behindMs (W the join's watermark), waiting for partners; older ones have left.
   */
  readonly held: readonly { readonly stream: string; readonly behindMs: number }[];
}

export function timelineShape(plan: PhysicalPlan): TimelineShape {
  const hasTime = plan.sources[0]!.timeColumn !== null;
  const delay = plan.sources[0]!.watermarkDelay;
  const keyLabel = keyColumnsLabel(plan);
  const streams = plan.sources.map((s) => s.stream);
  const held = heldByJoin(plan);
  for (const { op } of plan.nodes) {
    if (op.kind === 'windowAggregate')
      return { window: op.window, grace: op.grace, emit: op.emit, hasTime, delay, keyLabel, streams, held };
    if (op.kind === 'overWindow') {
      // The widest frame of the operator's functions is what the row's result depends on.
      let preceding: number | null = 0;
      for (const f of op.functions) {
        if (f.kind === 'aggregate')
          preceding =
            !Number.isFinite(f.preceding) || preceding === null ? null : Math.max(preceding, f.preceding);
        else if (f.kind === 'lag' && preceding !== null) preceding = Math.max(preceding, f.offset);
      }
      return {
        window: { kind: 'rows', preceding },
        grace: 0,
        emit: 'final',
        hasTime,
        delay,
        keyLabel,
        streams,
        held,
      };
    }
  }
  return { window: { kind: 'none' }, grace: 0, emit: 'final', hasTime, delay, keyLabel, streams, held };
}

/** Per input of the first interval join: how far behind the watermark its rows are still held. */
function heldByJoin(plan: PhysicalPlan): TimelineShape['held'] {
  for (const node of plan.nodes) {
    const op = node.op;
    if (op.kind !== 'join' || op.strategy.kind !== 'interval') continue;
    // lower ≤ left.time − right.time ≤ upper: a left row waits for right rows up to t − lower, a right row for left ones up to t + upper.
    const behind = [-op.strategy.lower, op.strategy.upper];
    return node.inputs.map((input, k) => ({
      stream: sourcesUnder(plan, input)
        .map((s) => plan.sources[s]!.stream)
        .join(' ⋈ '),
      behindMs: behind[k]!,
    }));
  }
  return [];
}

function keyColumnsLabel(plan: PhysicalPlan): string {
  if (plan.partitioning.kind === 'hash') {
    return plan.partitioning.columns[0]!.map((c) => plan.sources[0]!.columns[c]?.name ?? `#${c}`).join(', ');
  }
  const s = plan.sources[0]!;
  return s.keyColumn !== null ? (s.columns[s.keyColumn]?.name ?? '') : '';
}
