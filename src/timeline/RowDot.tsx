/** One input row on the timeline: a dot at its event time in its key's lane (a square for a join's second stream), a red cross if late. */
import type { Lane } from './timeline-layout';
import { clockText, type TlRow } from './timeline-store';

export function RowDot({
  r,
  stream,
  lane,
  x,
  label,
}: {
  r: TlRow;
  /** Set when the plan reads several streams: the row's, and its mark is a circle (first) or a square. */
  stream: string | null;
  lane: Lane;
  x: number;
  label: boolean;
}) {
  // A little vertical jitter by arrival keeps rows with equal times apart.
  const y = lane.dotY + ((r.arrival % 3) - 1) * 5;
  const title =
    `Row #${r.arrival + 1} (${stream ? `${stream}, ` : ''}seq ${r.seq})${r.key ? `, key ${r.key}` : ''}, event time ${clockText(r.ts)}` +
    (r.outOfOrder ? ' — arrived out of order (after a later row)' : '') +
    (r.late ? ` — LATE: ${r.late}` : '');
  const cls = r.late ? 'tl-row late' : r.outOfOrder ? 'tl-row out-of-order' : 'tl-row';
  const paint = { fill: r.outOfOrder ? 'none' : lane.colour, stroke: lane.colour, strokeWidth: 1.5 };
  return (
    <g className={cls} data-late={r.late ? 'true' : undefined}>
      {r.late ? (
        <path
          d={`M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}`}
          className="tl-late-mark"
        />
      ) : stream !== null && r.source > 0 ? (
        <rect x={x - 3.5} y={y - 3.5} width={7} height={7} {...paint} />
      ) : (
        <circle cx={x} cy={y} r={3.5} {...paint} />
      )}
      {label && (
        <text x={x} y={y - 6} textAnchor="middle" className="tl-arrival">
          {r.arrival + 1}
        </text>
      )}
      <title>{title}</title>
    </g>
  );
}
