import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatRate } from '../charts/metrics-history';
import type { SweepKind } from './compare-plan';
import type { Measurement } from './measure';
import type { JobState } from './run-sequence';

export interface SweepPoint {
  /** Workers or batch size. */
  readonly x: number;
  readonly rows: number;
  readonly m: Measurement | null;
  /** Same answer as direct on the same rows (null until measured). */
  readonly ok: boolean | null;
  readonly why: string | null;
  readonly status: JobState['status'];
}

const axis = { fontSize: 11, stroke: 'var(--muted)' } as const;
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--fg)' };

/** Rows/s against the knob: workers on a linear axis with the core count marked, batch sizes on a log-like category axis. */
export function SweepChart({
  points,
  kind,
  cores,
}: {
  points: readonly SweepPoint[];
  kind: SweepKind;
  cores: number;
}) {
  const data = points.map((p) => ({ x: p.x, label: String(p.x), rate: p.m ? p.m.rowsPerSec : null }));
  const maxX = Math.max(8, cores);
  return (
    <figure className="compare-chart sweep-chart" aria-label="Sweep throughput curve">
      <figcaption>
        Rows per second by {kind === 'batch' ? 'batch size (rows per message)' : 'number of workers'}
        {kind === 'partitions' && ` — the dashed line marks this machine’s ${cores} cores`}
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 16, right: 24, left: 8, bottom: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          {kind === 'partitions' ? (
            <XAxis
              type="number"
              dataKey="x"
              domain={[1, maxX]}
              ticks={Array.from({ length: maxX }, (_, i) => i + 1)}
              allowDecimals={false}
              label={{
                value: 'workers',
                position: 'insideBottom',
                offset: -8,
                fontSize: 11,
                fill: 'var(--muted)',
              }}
              {...axis}
            />
          ) : (
            <XAxis
              type="category"
              dataKey="label"
              label={{
                value: 'batch size',
                position: 'insideBottom',
                offset: -8,
                fontSize: 11,
                fill: 'var(--muted)',
              }}
              {...axis}
            />
          )}
          <YAxis tickFormatter={formatRate} width={56} {...axis} />
          <Tooltip
            formatter={(v) => [`${formatRate(Number(v))} rows/s`, 'throughput']}
            labelFormatter={(l) => (kind === 'batch' ? `batch size ${String(l)}` : `${String(l)} workers`)}
            contentStyle={tooltipStyle}
          />
          {kind === 'partitions' && (
            <ReferenceLine
              x={cores}
              stroke="var(--muted)"
              strokeDasharray="6 4"
              label={{ value: `${cores} cores`, position: 'top', fontSize: 11, fill: 'var(--muted)' }}
            />
          )}
          <Line
            dataKey="rate"
            stroke="var(--accent)"
            strokeWidth={2}
            dot={{ r: 4, fill: 'var(--accent)' }}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
