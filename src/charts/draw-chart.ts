/**
 * Draws one live chart on a 2D canvas. At full speed the charts redraw 6–7 times a second;
 * as SVG (recharts) that cost 10–20 ms of main-thread work per chart and redraw, in tasks
 * React could not split. A canvas repaint of 80 points is well under a millisecond.
 */
import { formatSeconds, niceTicks, timeTicks } from './chart-scale';
import type { ChartSample } from './metrics-history';

export type NumericKey = Exclude<keyof ChartSample, 't'>;

export interface SeriesSpec {
  readonly key: NumericKey;
  readonly name: string;
  /** Index into the theme's series colours. */
  readonly color: number;
}

export interface ChartSpec {
  readonly kind: 'line' | 'area' | 'stacked-bars';
  readonly series: readonly SeriesSpec[];
  /** A fixed top of the value axis (percentages); otherwise it follows the data. */
  readonly yMax?: number;
  /** Value-axis labels; `step` is the distance between ticks (to pick the decimals). */
  readonly formatTick: (v: number, step: number) => string;
  readonly formatValue: (v: number) => string;
  /** Only the newest samples (bars need room). */
  readonly lastN?: number;
}

export interface ChartColors {
  readonly text: string;
  readonly grid: string;
  readonly cursor: string;
  readonly series: readonly string[];
}

export interface Plot {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const MARGIN = { left: 46, right: 8, top: 6, bottom: 18 };
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function plotArea(width: number, height: number): Plot {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
  };
}

export function visibleSamples(spec: ChartSpec, samples: readonly ChartSample[]): readonly ChartSample[] {
  return spec.lastN !== undefined && samples.length > spec.lastN ? samples.slice(-spec.lastN) : samples;
}

/** The x position of sample i: bars sit in equal slots, lines are placed by time. */
export function xOf(spec: ChartSpec, data: readonly ChartSample[], i: number, plot: Plot): number {
  if (spec.kind === 'stacked-bars') return plot.left + ((i + 0.5) * plot.width) / Math.max(1, data.length);
  const t0 = data[0]?.t ?? 0;
  const t1 = Math.max(data[data.length - 1]?.t ?? 1, t0 + 1);
  return plot.left + (((data[i]?.t ?? t0) - t0) / (t1 - t0)) * plot.width;
}

/** The sample nearest to x (for the tooltip), or null when there is none. */
export function nearestIndex(
  spec: ChartSpec,
  data: readonly ChartSample[],
  x: number,
  plot: Plot,
): number | null {
  let best: number | null = null;
  let bestD = Infinity;
  for (let i = 0; i < data.length; i++) {
    const d = Math.abs(xOf(spec, data, i, plot) - x);
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

function dataMax(spec: ChartSpec, data: readonly ChartSample[]): number {
  let max = 0;
  for (const s of data) {
    let stack = 0;
    for (const se of spec.series) {
      const v = s[se.key];
      if (v === null || !Number.isFinite(v)) continue;
      stack = spec.kind === 'stacked-bars' ? stack + v : Math.max(stack, v);
    }
    max = Math.max(max, stack);
  }
  return max;
}

export function drawChart(
  ctx: CanvasRenderingContext2D,
  size: { readonly width: number; readonly height: number },
  spec: ChartSpec,
  samples: readonly ChartSample[],
  colors: ChartColors,
  hover: number | null,
): void {
  const data = visibleSamples(spec, samples);
  const plot = plotArea(size.width, size.height);
  ctx.clearRect(0, 0, size.width, size.height);
  ctx.font = FONT;
  ctx.lineWidth = 1;
  if (data.length === 0) {
    // No axes without data: empty numbered axes read as "0 rows/s", which nobody measured.
    ctx.fillStyle = colors.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('No samples yet — press Run', size.width / 2, size.height / 2);
    return;
  }

  const ticks = niceTicks(spec.yMax ?? dataMax(spec, data));
  const yOf = (v: number): number => plot.top + plot.height - (v / ticks.max) * plot.height;

  // Grid and value axis.
  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (const v of ticks.values) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.moveTo(plot.left, y);
    ctx.lineTo(plot.left + plot.width, y);
    ctx.fillText(spec.formatTick(v, ticks.step), plot.left - 5, y);
  }
  ctx.stroke();
  ctx.setLineDash([]);

  // Time axis.
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const labelY = plot.top + plot.height + 4;
  if (spec.kind === 'stacked-bars') {
    const every = Math.max(1, Math.ceil(data.length / 5));
    for (let i = data.length - 1; i >= 0; i -= every)
      ctx.fillText(formatSeconds(data[i]!.t), xOf(spec, data, i, plot), labelY);
  } else if (data.length > 0) {
    const t0 = data[0]!.t;
    const t1 = Math.max(data[data.length - 1]!.t, t0 + 1);
    for (const t of timeTicks(t0, t1)) {
      const x = plot.left + ((t - t0) / (t1 - t0)) * plot.width;
      ctx.fillText(formatSeconds(t), Math.min(x, plot.left + plot.width - 12), labelY);
    }
  }

  if (spec.kind === 'stacked-bars') drawBars(ctx, spec, data, plot, colors, yOf);
  else drawLines(ctx, spec, data, plot, colors, yOf);

  if (hover !== null && data[hover]) {
    const x = Math.round(xOf(spec, data, hover, plot)) + 0.5;
    ctx.strokeStyle = colors.cursor;
    ctx.beginPath();
    ctx.moveTo(x, plot.top);
    ctx.lineTo(x, plot.top + plot.height);
    ctx.stroke();
  }
}

function drawLines(
  ctx: CanvasRenderingContext2D,
  spec: ChartSpec,
  data: readonly ChartSample[],
  plot: Plot,
  colors: ChartColors,
  yOf: (v: number) => number,
): void {
  ctx.lineJoin = 'round';
  spec.series.forEach((se, k) => {
    // The first series is drawn wider, so a second one on top of it (in = out) leaves it visible.
    ctx.lineWidth = k === 0 && spec.series.length > 1 ? 3 : 1.5;
    const color = colors.series[se.color] ?? colors.text;
    // Nulls (no latency yet, no watermark yet) are skipped and the line joins across them.
    const pts: [number, number][] = [];
    data.forEach((s, i) => {
      const v = s[se.key];
      if (v !== null && Number.isFinite(v)) pts.push([xOf(spec, data, i, plot), yOf(v)]);
    });
    if (pts.length === 0) return;
    ctx.beginPath();
    pts.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    if (spec.kind === 'area') {
      ctx.lineTo(pts[pts.length - 1]![0], plot.top + plot.height);
      ctx.lineTo(pts[0]![0], plot.top + plot.height);
      ctx.closePath();
      ctx.globalAlpha = 0.35;
      ctx.fillStyle = color;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.beginPath();
      pts.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    }
    ctx.strokeStyle = color;
    ctx.stroke();
  });
  ctx.lineWidth = 1;
}

function drawBars(
  ctx: CanvasRenderingContext2D,
  spec: ChartSpec,
  data: readonly ChartSample[],
  plot: Plot,
  colors: ChartColors,
  yOf: (v: number) => number,
): void {
  const slot = plot.width / Math.max(1, data.length);
  const w = Math.max(1, slot * 0.8);
  data.forEach((s, i) => {
    const x = xOf(spec, data, i, plot) - w / 2;
    let base = 0;
    for (const se of spec.series) {
      const v = s[se.key];
      if (v === null || !Number.isFinite(v) || v <= 0) continue;
      ctx.fillStyle = colors.series[se.color] ?? colors.text;
      const top = yOf(base + v);
      ctx.fillRect(x, top, w, yOf(base) - top);
      base += v;
    }
  });
}
