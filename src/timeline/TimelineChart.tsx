/**
 * The timeline's drawing: one lane per key, window bands above the row dots,
 * the watermark as a vertical line. SVG, so every mark has a tooltip and tests
 * can find it; the number of marks is bounded (only what is on screen, newest
 * first), so a redraw stays cheap at full speed.
 */
import { useLayoutEffect, useRef } from 'react';
import {
  AXIS_HEIGHT,
  BAND_HEIGHT,
  bandRowOf,
  bandY,
  LABEL_WIDTH,
  type Lane,
  type ViewSpan,
} from './timeline-layout';
import { JoinMarks } from './JoinMarks';
import { RowDot } from './RowDot';
import { clockText, type TimelineSnapshot, type TlRow, type TlWindow } from './timeline-store';

const MAX_DOTS = 1500;
const MAX_BANDS = 200;
/** Below this many rows on screen each dot is labelled with its arrival number. */
const LABEL_ROWS = 60;
/** Above this many rows on screen, ordinary rows are drawn as one path per lane (no element, no tooltip each). */
const DETAILED_ROWS = 150;
/** Above this many windows on screen, bands are painted on the canvas (no flash, no tooltip each). */
const DETAILED_WINDOWS = 60;
/** Fired windows flash for this many store versions (a few redraws). */
const FLASH_VERSIONS = 6;

export interface TimelineChartProps {
  readonly snap: TimelineSnapshot;
  readonly view: ViewSpan;
  readonly lanes: readonly Lane[];
  readonly laneOf: (key: string) => number;
  readonly width: number;
}

// Not memoised: the view span and lane lookup are new on every panel render, and the panel only
// renders when the store has news (or the user zooms), so there is nothing to skip.
export function TimelineChart({ snap, view, lanes, laneOf, width }: TimelineChartProps) {
  const plotW = Math.max(50, width - LABEL_WIDTH - 8);
  const lanesH = lanes.reduce((h, l) => h + l.height, 0);
  const height = lanesH + AXIS_HEIGHT;
  const span = view.to - view.from || 1;
  const x = (t: number): number => LABEL_WIDTH + ((t - view.from) / span) * plotW;
  const visible = (a: number, b: number): boolean => b >= view.from && a <= view.to;
  const shape = snap.shape;
  const grace = shape?.grace ?? 0;
  const streams = shape?.streams ?? [];

  const rows = pickNewest(snap.rows, (r) => visible(r.ts, r.ts), MAX_DOTS);
  const windows = pickNewest(snap.windows, (w) => visible(w.start, w.end + grace), MAX_BANDS);
  const labelled = rows.length <= LABEL_ROWS;
  // At full speed there are too many marks for the DOM to churn through several times a second:
  // ordinary rows and all bands then go on one canvas; late and out-of-order rows stay elements.
  const denseRows = rows.length > DETAILED_ROWS;
  const denseWindows = windows.length > DETAILED_WINDOWS;
  const latestByLane = new Map<number, TlRow>();
  for (const r of rows) latestByLane.set(laneOf(r.key), r);

  return (
    <svg
      className="timeline-svg"
      width={width}
      height={height}
      role="img"
      aria-label={`Event-time axis from ${clockText(view.from)} to ${clockText(view.to)}: ${rows.length} rows and ${windows.length} windows on screen`}
    >
      <defs>
        <pattern
          id="tl-grace"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" className="tl-grace-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="tl-grace-line" />
        </pattern>
        {/* Marks stay right of the lane labels: a window or frame that began off screen is cut at the edge. */}
        <clipPath id="tl-plot">
          <rect x={LABEL_WIDTH} y={0} width={plotW + 8} height={lanesH} />
        </clipPath>
      </defs>
      {lanes.map((lane, i) => (
        <g key={i} className="tl-lane">
          <rect
            x={0}
            y={lane.top}
            width={width}
            height={lane.height}
            className={i % 2 ? 'tl-lane-bg odd' : 'tl-lane-bg'}
          />
          <circle cx={10} cy={lane.dotY} r={5} fill={lane.colour} />
          <text x={20} y={lane.dotY + 4} className="tl-lane-label">
            {truncate(lane.label, 15)}
            <title>{lane.keys.length > 1 ? lane.keys.join(', ') : lane.label}</title>
          </text>
        </g>
      ))}
      <Axis view={view} x={x} top={lanesH} width={plotW} />
      <g clipPath="url(#tl-plot)">
        {(denseRows || denseWindows) && (
          <DenseLayer
            rows={denseRows ? rows : []}
            windows={denseWindows ? windows : []}
            shape={shape}
            lanes={lanes}
            laneOf={laneOf}
            x={x}
            width={width}
            height={lanesH}
          />
        )}
        {!denseWindows &&
          windows.map((w) => <WindowBand key={w.id} w={w} lane={lanes[laneOf(w.key)]!} x={x} snap={snap} />)}
        {/* Grace periods over the bands: a tumbling window's grace lies on top of the next window. */}
        {grace > 0 &&
          !denseWindows &&
          windows.map((w) => {
            const lane = lanes[laneOf(w.key)]!;
            const x1 = x(w.end);
            return (
              <rect
                key={w.id}
                x={x1}
                y={bandY(lane, bandRowOf(w.start, w.end, shape, lane.bandRows))}
                width={Math.max(1, x(w.end + grace) - x1)}
                height={BAND_HEIGHT}
                fill="url(#tl-grace)"
                className="tl-grace"
              >
                <title>{`Grace period of [${clockText(w.start)}, ${clockText(w.end)}): rows up to ${clockText(w.end + grace)} are still accepted`}</title>
              </rect>
            );
          })}
        {shape?.window.kind === 'rows' &&
          [...latestByLane].map(([laneIdx, r]) => (
            <RowFrame
              key={laneIdx}
              row={r}
              rows={snap.rows}
              preceding={shape.window.kind === 'rows' ? shape.window.preceding : 0}
              lane={lanes[laneIdx]!}
              x={x}
            />
          ))}
        {(denseRows ? rows.filter((r) => r.late || r.outOfOrder).slice(-DETAILED_ROWS) : rows).map((r) => (
          <RowDot
            key={r.id}
            r={r}
            stream={streams.length > 1 ? (streams[r.source] ?? null) : null}
            lane={lanes[laneOf(r.key)]!}
            x={x(r.ts)}
            label={labelled}
          />
        ))}
      </g>
      <JoinMarks
        snap={snap}
        x={x}
        from={view.from}
        to={view.to}
        plotRight={LABEL_WIDTH + plotW}
        height={lanesH}
      />
      {Number.isFinite(snap.watermark) && visible(snap.watermark, snap.watermark) && (
        <g className="tl-watermark" data-testid="watermark">
          <line x1={x(snap.watermark)} x2={x(snap.watermark)} y1={0} y2={lanesH} />
          <text x={x(snap.watermark) + 3} y={10}>
            {streams.length > 1 ? 'combined watermark' : 'watermark'} {clockText(snap.watermark)}
          </text>
          {streams.length > 1 && (
            <title>The operator runs at the slowest input: the lowest of the inputs&apos; watermarks</title>
          )}
        </g>
      )}
    </svg>
  );
}

function WindowBand({
  w,
  lane,
  x,
  snap,
}: {
  w: TlWindow;
  lane: Lane;
  x: (t: number) => number;
  snap: TimelineSnapshot;
}) {
  const y = bandY(lane, bandRowOf(w.start, w.end, snap.shape, lane.bandRows));
  const x0 = x(w.start);
  const x1 = Math.max(x(w.end), x0 + 2);
  const flash = w.status === 'fired' && snap.version - w.firedAt < FLASH_VERSIONS;
  const what = snap.shape?.window.kind === 'session' ? 'Session' : 'Window';
  const title =
    `${what} ${w.key ? `for ${w.key} ` : ''}[${clockText(w.start)}, ${clockText(w.end)}) — ` +
    (w.status === 'fired'
      ? 'fired: the watermark passed its end, its result was emitted'
      : 'open: collecting rows') +
    (w.merged ? `; ${w.merged} session${w.merged > 1 ? 's' : ''} merged into it` : '') +
    (w.updates.length
      ? `; ${w.updates.length} EMIT CHANGES update${w.updates.length > 1 ? 's' : ''} shown`
      : '');
  return (
    <g className={`tl-window ${w.status}${flash ? ' flash' : ''}`} data-status={w.status}>
      <rect x={x0} y={y} width={x1 - x0} height={BAND_HEIGHT} rx={2} stroke={lane.colour} fill={lane.colour}>
        <title>{title}</title>
      </rect>
      {w.updates.map((t, i) => (
        <line key={i} className="tl-update" x1={x(t)} x2={x(t)} y1={y - 1} y2={y + BAND_HEIGHT + 1} />
      ))}
      {w.status === 'fired' && x1 - x0 > 14 && (
        <text x={x1 - 3} y={y + BAND_HEIGHT - 2} className="tl-fired-mark" textAnchor="end">
          ✓
        </text>
      )}
    </g>
  );
}

/** Full speed: ordinary rows and window bands painted on one canvas under the SVG marks, so a redraw costs no DOM. */
function DenseLayer(p: {
  rows: readonly TlRow[];
  windows: readonly TlWindow[];
  shape: TimelineSnapshot['shape'];
  lanes: readonly Lane[];
  laneOf: (key: string) => number;
  x: (t: number) => number;
  width: number;
  height: number;
}) {
  const { rows, windows, shape, lanes, laneOf, x, width, height } = p;
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    for (const w of windows) {
      const lane = lanes[laneOf(w.key)]!;
      const x0 = x(w.start);
      const y = bandY(lane, bandRowOf(w.start, w.end, shape, lane.bandRows));
      ctx.globalAlpha = w.status === 'fired' ? 0.45 : 0.12;
      ctx.fillStyle = lane.colour;
      ctx.fillRect(x0, y, Math.max(x(w.end) - x0, 1), BAND_HEIGHT);
      if (shape && shape.grace > 0) {
        ctx.globalAlpha = 0.18;
        ctx.fillRect(
          x(w.end),
          y + BAND_HEIGHT / 2,
          Math.max(x(w.end + shape.grace) - x(w.end), 1),
          BAND_HEIGHT / 2,
        );
      }
    }
    ctx.globalAlpha = 1;
    lanes.forEach((lane, i) => {
      ctx.fillStyle = lane.colour;
      ctx.beginPath();
      for (const r of rows) {
        if (r.late || r.outOfOrder || laneOf(r.key) !== i) continue;
        const px = x(r.ts);
        const py = lane.dotY + ((r.arrival % 3) - 1) * 5;
        ctx.moveTo(px + 3, py);
        ctx.arc(px, py, 3, 0, 2 * Math.PI);
      }
      ctx.fill();
    });
  });
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return (
    <foreignObject x={0} y={0} width={width} height={height} className="tl-dense">
      <canvas
        ref={canvas}
        width={Math.round(width * ratio)}
        height={Math.round(height * ratio)}
        style={{ width, height }}
      />
    </foreignObject>
  );
}

/** Row windows: the frame the newest row of the key was computed over (its `preceding` rows of the key before it). */
function RowFrame({
  row,
  rows,
  preceding,
  lane,
  x,
}: {
  row: TlRow;
  rows: readonly TlRow[];
  preceding: number | null;
  lane: Lane;
  x: (t: number) => number;
}) {
  let from = row.ts;
  let n = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.key !== row.key || r.late || r.ts > row.ts) continue;
    if (r !== row && preceding !== null && n >= preceding) break;
    if (r !== row) n++;
    from = Math.min(from, r.ts);
  }
  const y = lane.top + 3;
  return (
    <g className="tl-frame">
      <path d={`M${x(from)},${y + 8}V${y}H${x(row.ts)}V${y + 8}`} stroke={lane.colour} />
      <title>{`Frame of row #${row.arrival + 1}: ${preceding === null ? 'every earlier row' : `up to ${preceding} earlier rows`} of its key`}</title>
    </g>
  );
}

function Axis({
  view,
  x,
  top,
  width,
}: {
  view: ViewSpan;
  x: (t: number) => number;
  top: number;
  width: number;
}) {
  const step = niceStep((view.to - view.from) / Math.max(2, Math.floor(width / 110)));
  const ticks: number[] = [];
  for (let t = Math.ceil(view.from / step) * step; t <= view.to && ticks.length < 40; t += step)
    ticks.push(t);
  return (
    <g className="tl-axis">
      <line x1={LABEL_WIDTH} x2={LABEL_WIDTH + width} y1={top} y2={top} />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={top + 4} className="tl-grid" />
          <text x={x(t)} y={top + 16} textAnchor="middle">
            {step >= 1000 ? clockText(t).slice(0, 8) : clockText(t).slice(3)}
          </text>
        </g>
      ))}
    </g>
  );
}

const NICE = [
  1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
  600_000, 1_800_000, 3_600_000,
];
function niceStep(raw: number): number {
  return NICE.find((s) => s >= raw) ?? Math.ceil(raw / 3_600_000) * 3_600_000;
}

/** The newest `max` items that pass `keep`, in their original order. */
function pickNewest<T>(items: readonly T[], keep: (t: T) => boolean, max: number): T[] {
  const out: T[] = [];
  for (let i = items.length - 1; i >= 0 && out.length < max; i--) if (keep(items[i]!)) out.push(items[i]!);
  return out.reverse();
}

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
