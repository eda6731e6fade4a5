import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { CanvasChart } from './CanvasChart';
import type { ChartColors, ChartSpec } from './draw-chart';
import { type ChartSample, formatRate, smoothRates } from './metrics-history';

/** Axis labels: K/M for big values, enough decimals to tell small ticks apart (0.25, 0.5 …). */
const tick = (v: number, step: number): string =>
  step >= 1 ? formatRate(v) : String(Number(v.toFixed(Math.min(6, Math.ceil(-Math.log10(step)) + 1))));
const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

const THROUGHPUT: ChartSpec = {
  kind: 'line',
  series: [
    { key: 'inRate', name: 'in', color: 0 },
    { key: 'outRate', name: 'out', color: 1 },
  ],
  formatTick: tick,
  formatValue: (v) => `${formatRate(v)} rows/s`,
};
const LATENCY: ChartSpec = {
  kind: 'line',
  series: [
    { key: 'p50', name: 'p50', color: 2 },
    { key: 'p99', name: 'p99', color: 3 },
  ],
  formatTick: tick,
  formatValue: (v) => `${ms(v)} ms`,
};
const WATERMARK_LAG: ChartSpec = {
  kind: 'area',
  series: [{ key: 'watermarkLag', name: 'lag', color: 4 }],
  formatTick: tick,
  formatValue: (v) => `${ms(v)} ms`,
};
const BREAKDOWN: ChartSpec = {
  kind: 'stacked-bars',
  series: [
    { key: 'compute', name: 'engine compute', color: 0 },
    { key: 'check', name: 'checksum', color: 3 },
    { key: 'source', name: 'source', color: 2 },
    { key: 'messaging', name: 'messaging', color: 1 },
    { key: 'waiting', name: 'waiting', color: 5 },
  ],
  yMax: 100,
  lastN: 40,
  formatTick: (v) => `${v}%`,
  formatValue: (v) => `${v.toFixed(0)} %`,
};

/** The theme's chart colours (CSS custom properties), read again when the app's theme class changes. */
function useChartColors(host: React.RefObject<HTMLElement | null>): ChartColors | null {
  const [colors, setColors] = useState<ChartColors | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const themed = el.closest('.app') ?? document.documentElement;
    const read = (): void => {
      const css = getComputedStyle(el);
      const v = (name: string): string => css.getPropertyValue(name).trim();
      setColors({
        text: v('--muted') || '#5b6675',
        grid: v('--border') || '#d8dee6',
        cursor: v('--fg') || '#1b2330',
        series: [1, 2, 3, 4, 5, 6].map((k) => v(`--chart-${k}`) || '#888888'),
      });
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(themed, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, [host]);
  return colors;
}

/** Live charts, redrawn at every metrics sample (≥ 4 a second), painted on canvases. */
export const LiveCharts = memo(function LiveCharts({ samples }: { samples: readonly ChartSample[] }) {
  const host = useRef<HTMLDivElement>(null);
  const colors = useChartColors(host);
  const rates = useMemo(() => smoothRates(samples), [samples]);
  return (
    <div className="charts" ref={host}>
      <CanvasChart
        label="Throughput"
        title="Throughput (rows/s, over the last second)"
        spec={THROUGHPUT}
        samples={rates}
        colors={colors}
      />
      <CanvasChart
        label="Latency"
        title="End-to-end latency (ms)"
        spec={LATENCY}
        samples={samples}
        colors={colors}
      />
      <CanvasChart
        label="Watermark lag"
        title="Watermark lag (ms behind the newest event)"
        spec={WATERMARK_LAG}
        samples={samples}
        colors={colors}
      />
      <CanvasChart
        label="Time breakdown"
        title="Where the time goes (% of worker time)"
        spec={BREAKDOWN}
        samples={samples}
        colors={colors}
      />
    </div>
  );
});
