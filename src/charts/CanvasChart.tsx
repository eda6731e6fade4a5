import { memo, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatSeconds } from './chart-scale';
import {
  type ChartColors,
  type ChartSpec,
  drawChart,
  nearestIndex,
  plotArea,
  visibleSamples,
  xOf,
} from './draw-chart';
import type { ChartSample } from './metrics-history';

export const PLOT_HEIGHT = 128;

export interface CanvasChartProps {
  /** The region's accessible name ("Throughput"). */
  readonly label: string;
  readonly title: string;
  readonly spec: ChartSpec;
  readonly samples: readonly ChartSample[];
  readonly colors: ChartColors | null;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

function describe(spec: ChartSpec, s: ChartSample | undefined, prefix: string): string {
  if (!s) return `${prefix}: no data yet`;
  const parts = spec.series.map((se) => {
    const v = s[se.key];
    return `${se.name} ${v === null ? '–' : spec.formatValue(v)}`;
  });
  return `${prefix} at ${formatSeconds(s.t)}: ${parts.join(', ')}`;
}

/**
 * One live chart: the plot is a canvas sized once by a ResizeObserver (not re-measured at each
 * redraw) and painted imperatively after React commits. The region carries `data-redraws`, the
 * number of paints that showed a new sample, so tests can count updates.
 */
export const CanvasChart = memo(function CanvasChart({
  label,
  title,
  spec,
  samples,
  colors,
}: CanvasChartProps) {
  const section = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painted = useRef({ count: 0, lastT: Number.NaN });
  const [size, setSize] = useState<Size | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const data = visibleSamples(spec, samples);
  const hovered = hover === null ? undefined : data[Math.min(hover, data.length - 1)];

  useEffect(() => {
    const host = canvas.current?.parentElement;
    if (!host) return;
    const observer = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      if (width > 0) setSize((s) => (s?.width === width ? s : { width, height: PLOT_HEIGHT }));
    });
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !size || !colors) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawChart(ctx, size, spec, samples, colors, hover === null ? null : Math.min(hover, data.length - 1));
    const lastT = samples[samples.length - 1]?.t;
    if (lastT !== undefined && lastT !== painted.current.lastT) {
      painted.current = { count: painted.current.count + 1, lastT };
      section.current?.setAttribute('data-redraws', String(painted.current.count));
    }
  }, [size, spec, samples, colors, hover, data.length]);

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (!size) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    setHover(nearestIndex(spec, data, x, plotArea(size.width, size.height)));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const last = data.length - 1;
    const at = hover === null ? last : Math.min(hover, last);
    const next =
      e.key === 'ArrowLeft'
        ? Math.max(0, at - 1)
        : e.key === 'ArrowRight'
          ? Math.min(last, at + 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : undefined;
    if (e.key === 'Escape') setHover(null);
    if (next === undefined || last < 0) return;
    e.preventDefault();
    setHover(next);
  };

  const tipX =
    hovered && size ? xOf(spec, data, data.indexOf(hovered), plotArea(size.width, size.height)) : 0;
  return (
    <section aria-label={label} className="chart" ref={section}>
      <h3>{title}</h3>
      <ul className="legend" aria-hidden="true">
        {spec.series.map((se) => (
          <li key={se.key}>
            <span className="swatch" style={{ background: colors?.series[se.color] }} />
            {se.name}
          </li>
        ))}
      </ul>
      <div
        className="chart-plot"
        style={{ height: PLOT_HEIGHT }}
        tabIndex={0}
        role="img"
        aria-label={describe(spec, hovered ?? samples[samples.length - 1], title)}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
        onKeyDown={onKeyDown}
      >
        <canvas ref={canvas} style={{ width: '100%', height: PLOT_HEIGHT }} />
        {hovered && (
          <div
            className="chart-tooltip"
            style={size && tipX > size.width / 2 ? { right: size.width - tipX + 10 } : { left: tipX + 10 }}
          >
            <strong>{formatSeconds(hovered.t)}</strong>
            {spec.series.map((se) => {
              const v = hovered[se.key];
              return (
                <span key={se.key}>
                  <span className="swatch" style={{ background: colors?.series[se.color] }} />
                  {se.name}: {v === null ? '–' : spec.formatValue(v)}
                </span>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});
