import { memo } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type ChartSample, formatRate } from './metrics-history';

const HEIGHT = 150;
const axisProps = { fontSize: 11, stroke: 'var(--muted)' } as const;
const tickSeconds = (t: number): string => `${t.toFixed(1)}s`;

/** Live charts, redrawn at every metrics sample (≥ 4 a second). Animations are off: at full speed they only cost. */
export const LiveCharts = memo(function LiveCharts({ samples }: { samples: readonly ChartSample[] }) {
  const data = samples as ChartSample[];
  return (
    <div className="charts">
      <section aria-label="Throughput" className="chart">
        <h3>Throughput (rows/s)</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="t" tickFormatter={tickSeconds} {...axisProps} />
            <YAxis tickFormatter={formatRate} width={52} {...axisProps} />
            <Tooltip formatter={(v) => formatRate(Number(v))} labelFormatter={(t) => `${Number(t).toFixed(1)} s`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Line dataKey="inRate" name="in" stroke="#4e79a7" dot={false} isAnimationActive={false} />
            <Line dataKey="outRate" name="out" stroke="#f28e2b" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </section>
      <section aria-label="Latency" className="chart">
        <h3>End-to-end latency (ms)</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="t" tickFormatter={tickSeconds} {...axisProps} />
            <YAxis width={52} {...axisProps} />
            <Tooltip formatter={(v) => `${Number(v).toFixed(2)} ms`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Line dataKey="p50" name="p50" stroke="#59a14f" dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey="p99" name="p99" stroke="#e15759" dot={false} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </section>
      <section aria-label="Watermark lag" className="chart">
        <h3>Watermark lag (ms behind the newest event)</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <AreaChart data={data} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="t" tickFormatter={tickSeconds} {...axisProps} />
            <YAxis width={52} {...axisProps} />
            <Tooltip />
            <Area dataKey="watermarkLag" name="lag" stroke="#76b7b2" fill="#76b7b2" isAnimationActive={false} connectNulls />
          </AreaChart>
        </ResponsiveContainer>
      </section>
      <section aria-label="Time breakdown" className="chart">
        <h3>Where the time goes (% of worker time)</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={data.slice(-40)} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="t" tickFormatter={tickSeconds} {...axisProps} />
            <YAxis domain={[0, 100]} width={52} {...axisProps} />
            <Tooltip formatter={(v) => `${Number(v).toFixed(0)} %`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar dataKey="compute" name="engine compute" stackId="t" fill="#4e79a7" isAnimationActive={false} />
            <Bar dataKey="source" name="source" stackId="t" fill="#59a14f" isAnimationActive={false} />
            <Bar dataKey="messaging" name="messaging" stackId="t" fill="#f28e2b" isAnimationActive={false} />
            <Bar dataKey="waiting" name="waiting" stackId="t" fill="#bab0ac" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </section>
    </div>
  );
});
