/**
 * Geometry of the timeline: which event-time span is on screen (following the
 * watermark, or where the user zoomed and panned), and the lanes — one per key,
 * tall enough for overlapping hopping windows and CUMULATE's nested ones. Pure functions, so the drawing
 * code only maps numbers to pixels.
 */
import type { TimelineShape } from './timeline-shape';
import type { TimelineSnapshot } from './timeline-store';

export const MAX_LANES = 8;
/** Band rows for CUMULATE's nested windows: one per step up to this many. */
const MAX_CUMULATE_ROWS = 6;
export const LABEL_WIDTH = 118;
export const AXIS_HEIGHT = 22;
const BAND_ROW = 13;
const DOT_AREA = 26;

export interface ViewSpan {
  /** Event time at the left and right edge, ms. */
  readonly from: number;
  readonly to: number;
}

/** A sensible first zoom: a few windows, sessions or a short stretch of rows. */
export function defaultSpan(shape: TimelineShape | null): number {
  const w = shape?.window;
  if (!w) return 10_000;
  switch (w.kind) {
    case 'tumbling':
      return 4 * w.size + (shape.grace || 0);
    case 'hopping':
      return 3 * w.size;
    case 'cumulate':
      return 2.5 * w.size;
    case 'session':
      return 8 * w.gap;
    default:
      return Math.max(10_000, 4 * (shape.delay || 0));
  }
}

/**
 * How much event time the newest sampled rows cover. At full speed the workers send a
 * sample every 100 ms while event time races ahead, so the default zoom would show an
 * empty stretch: following then widens to take in the recent samples.
 */
export function recentExtent(snap: TimelineSnapshot, rows = 400): number {
  const r = snap.rows;
  if (r.length < 2) return 0;
  let lo = Infinity;
  for (let i = Math.max(0, r.length - rows); i < r.length; i++) lo = Math.min(lo, r[i]!.ts);
  return Math.max(0, snap.maxTs - lo) * 1.05;
}

/** Following: the newest event (or the watermark, if ahead) sits near the right edge. */
export function followSpan(snap: TimelineSnapshot, span: number): ViewSpan {
  const head = Math.max(snap.maxTs, Number.isFinite(snap.watermark) ? snap.watermark : -Infinity);
  if (!Number.isFinite(head)) return { from: 0, to: span };
  const to = head + span * 0.12;
  return { from: to - span, to };
}

/** Zoom by `factor` (< 1 zooms in) around event time `at`. */
export function zoomSpan(v: ViewSpan, factor: number, at = (v.from + v.to) / 2): ViewSpan {
  const span = Math.min(Math.max((v.to - v.from) * factor, 10), 1e10);
  const share = (at - v.from) / (v.to - v.from || 1);
  return { from: at - span * share, to: at - span * share + span };
}

export function panSpan(v: ViewSpan, byMs: number): ViewSpan {
  return { from: v.from + byMs, to: v.to + byMs };
}

export interface Lane {
  /** Keys drawn in this lane (the last lane gathers the keys beyond MAX_LANES). */
  readonly keys: readonly string[];
  readonly label: string;
  readonly top: number;
  readonly height: number;
  /** Rows of overlapping window bands (hopping windows overlap size/advance times). */
  readonly bandRows: number;
  /** Centre line for the row dots. */
  readonly dotY: number;
  readonly colour: string;
}

export const KEY_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
];

export function bandRowsFor(shape: TimelineShape | null): number {
  const w = shape?.window;
  if (w?.kind === 'hopping') return Math.min(4, Math.max(1, Math.ceil(w.size / w.advance)));
  if (w?.kind === 'cumulate') return Math.min(MAX_CUMULATE_ROWS, Math.max(1, w.size / w.step));
  return w && w.kind !== 'none' ? 1 : 0;
}

export function layoutLanes(keys: readonly string[], shape: TimelineShape | null, keyLabel: string): Lane[] {
  const bandRows = bandRowsFor(shape);
  const height = bandRows * BAND_ROW + DOT_AREA + 6;
  const shown = keys.length ? keys : [''];
  const lanes: Lane[] = [];
  for (let i = 0; i < Math.min(shown.length, MAX_LANES); i++) {
    const overflow = i === MAX_LANES - 1 && shown.length > MAX_LANES;
    const laneKeys = overflow ? shown.slice(i) : [shown[i]!];
    const top = i * height;
    lanes.push({
      keys: laneKeys,
      label: overflow ? `${laneKeys.length} more keys` : laneKeys[0] || (keyLabel ? '(no key)' : 'all rows'),
      top,
      height,
      bandRows,
      dotY: top + 4 + bandRows * BAND_ROW + DOT_AREA / 2,
      colour: KEY_COLOURS[i % KEY_COLOURS.length]!,
    });
  }
  return lanes;
}

/**
 * Which band row a window occupies: hopping windows cycle through the rows so overlaps stay
 * visible; CUMULATE's windows of one start go one row down per step, a staircase that grows
 * as each step fires (past the rows there are, it starts again at the top).
 */
export function bandRowOf(start: number, end: number, shape: TimelineShape | null, rows: number): number {
  const w = shape?.window;
  if (rows <= 1) return 0;
  if (w?.kind === 'cumulate') return (Math.round((end - start) / w.step) - 1) % rows;
  if (w?.kind !== 'hopping') return 0;
  return ((Math.round(start / w.advance) % rows) + rows) % rows;
}

export const BAND_HEIGHT = BAND_ROW - 2;
export const bandY = (lane: Lane, row: number): number => lane.top + 4 + row * BAND_ROW;
