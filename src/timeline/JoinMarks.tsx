/**
 * What the timeline adds for a query over several streams: each input's own
 * watermark (dotted; the join runs at the lowest, the solid line) and, for an
 * interval join, the stretch of event time whose rows it still holds per input.
 */
import { LABEL_WIDTH } from './timeline-layout';
import { clockText, type TimelineSnapshot } from './timeline-store';

export function JoinMarks({
  snap,
  x,
  from: viewFrom,
  to: viewTo,
  plotRight,
  height,
}: {
  snap: TimelineSnapshot;
  x: (t: number) => number;
  from: number;
  to: number;
  plotRight: number;
  height: number;
}) {
  const shape = snap.shape;
  const streams = shape?.streams ?? [];
  const held = shape?.held ?? [];
  const visible = (a: number, b: number): boolean => b >= viewFrom && a <= viewTo;
  return (
    <>
      {Number.isFinite(snap.watermark) &&
        held.map((h, k) => {
          // Rows of this input newer than W − behind still wait for partners, up to the newest row
          // (the watermark delay's rows are held too).
          const from = snap.watermark - h.behindMs;
          const to = Math.max(snap.watermark, snap.maxTs);
          if (!visible(from, to)) return null;
          const x1 = Math.max(LABEL_WIDTH, x(from));
          const x2 = Math.min(plotRight, x(to));
          if (x2 <= x1) return null;
          const band = height / held.length;
          return (
            <rect
              key={`held-${k}`}
              className={`tl-held input-${k % 4}`}
              data-testid={`held-${h.stream}`}
              x={x1}
              y={band * k}
              width={x2 - x1}
              height={band}
            />
          );
        })}
      {streams.length > 1 &&
        streams.map((name, s) => {
          const w = snap.inputWatermarks[s];
          if (w === undefined || !Number.isFinite(w) || !visible(w, w)) return null;
          return (
            <g key={s} className={`tl-watermark input input-${s % 4}`} data-testid={`watermark-${name}`}>
              <line x1={x(w)} x2={x(w)} y1={0} y2={height} />
              <text x={x(w) + 3} y={22 + 12 * s}>
                {name} {clockText(w)}
              </text>
              <title>{`The watermark of ${name} alone: no ${name} row earlier than ${clockText(w)} will come`}</title>
            </g>
          );
        })}
    </>
  );
}
