/**
 * What the timeline should draw for a plan: which kind of window (from the
 * plan's first windowed operator), its grace period and emit mode, or the
 * frame of a row window. Read once per run from the compiled plan, never guessed
 * from the events.
 */
import type { PhysicalPlan } from '../../engine/index';

export type TimelineWindowKind =
  | { readonly kind: 'tumbling'; readonly size: number }
  | { readonly kind: 'hopping'; readonly size: number; readonly advance: number }
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
}

export function timelineShape(plan: PhysicalPlan): TimelineShape {
  const hasTime = plan.sources[0]!.timeColumn !== null;
  const delay = plan.sources[0]!.watermarkDelay;
  const keyLabel = keyColumnsLabel(plan);
  const streams = plan.sources.map((s) => s.stream);
  for (const { op } of plan.nodes) {
    if (op.kind === 'windowAggregate')
      return { window: op.window, grace: op.grace, emit: op.emit, hasTime, delay, keyLabel, streams };
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
      };
    }
  }
  return { window: { kind: 'none' }, grace: 0, emit: 'final', hasTime, delay, keyLabel, streams };
}

function keyColumnsLabel(plan: PhysicalPlan): string {
  if (plan.partitioning.kind === 'hash') {
    return plan.partitioning.columns[0]!.map((c) => plan.sources[0]!.columns[c]?.name ?? `#${c}`).join(', ');
  }
  const s = plan.sources[0]!;
  return s.keyColumn !== null ? (s.columns[s.keyColumn]?.name ?? '') : '';
}
