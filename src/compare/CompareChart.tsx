import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatRate } from '../charts/metrics-history';
import type { TableRow } from './compare-table';
import { fmtInt } from './measure';

/** One colour per variant, the same in both themes (they read on light and dark panels). */
export const VARIANT_COLOURS: Record<string, string> = {
  direct: '#8c96a3',
  'per-record': '#e15759',
  batched: '#4e79a7',
  partitioned: '#59a14f',
  'shared-lock': '#f28e2b',
};

const axis = { fontSize: 11, stroke: 'var(--muted)' } as const;

/** Rows/s per finished run, as horizontal bars (a run whose answer differs from direct’s is drawn in the danger colour). */
export function CompareChart({ rows }: { rows: readonly TableRow[] }) {
  // Reference runs only check per-record's answer; their tiny row counts make their rates noise.
  const data = rows
    .filter((r) => r.m !== null && !r.reference)
    .map((r) => ({
      name: `${r.label} · ${r.cells.rows} rows`,
      rate: r.m!.rowsPerSec,
      fill: r.verdict?.ok === false ? 'var(--danger)' : (VARIANT_COLOURS[r.m!.point.variant] ?? '#4e79a7'),
    }));
  if (data.length === 0) return null;
  return (
    <figure className="compare-chart" aria-label="Rows per second by variant">
      <figcaption>Rows per second (longer is faster)</figcaption>
      <ResponsiveContainer width="100%" height={34 * data.length + 40}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 72, left: 8, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
          <XAxis type="number" tickFormatter={formatRate} {...axis} />
          <YAxis type="category" dataKey="name" width={210} {...axis} />
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.35 }}
            formatter={(v) => [`${fmtInt(Number(v))} rows/s`, 'throughput']}
            contentStyle={{
              background: 'var(--panel)',
              border: '1px solid var(--border)',
              color: 'var(--fg)',
            }}
          />
          <Bar dataKey="rate" isAnimationActive={false} barSize={18}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.fill} />
            ))}
            <LabelList
              dataKey="rate"
              position="right"
              formatter={(v: unknown) => formatRate(Number(v))}
              fill="var(--fg)"
              fontSize={11}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
