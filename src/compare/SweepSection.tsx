import { useMemo, useState } from 'react';
import { blockedHint, contextFor, NO_PLAN, type SectionProps } from './CompareSection';
import {
  rowsForBatchSize,
  SWEEP_BATCH_SIZES,
  SWEEP_VARIANTS,
  sweepJobs,
  sweepKind,
  type SweepVariant,
} from './compare-plan';
import { fmtInt, fmtRows, fmtSeconds, referenceFor, verdict, type Measurement } from './measure';
import { SweepChart, type SweepPoint } from './SweepChart';
import { useRunSequence } from './use-run-sequence';

const SWEEP_LABEL: Record<SweepVariant, string> = {
  partitioned: 'partitioned: workers 1…8',
  'shared-lock': 'shared-lock: workers 1…8',
  batched: 'batched: batch size 1…65536',
};

export function SweepSection(p: SectionProps & { readonly initialVariant: SweepVariant }) {
  const { view, start, stop, fail } = useRunSequence(p.onRunning);
  const [variant, setVariant] = useState<SweepVariant>(p.initialVariant);
  const all = useMemo(() => view.states.map((s) => (s.status === 'done' ? s.m : undefined)), [view.states]);
  const measured = view.jobs.find((j) => j.role === 'measure');
  const kind = measured
    ? measured.point.variant === 'batched'
      ? 'batch'
      : 'partitions'
    : sweepKind(variant);
  const points: SweepPoint[] = view.jobs.flatMap((job, i) => {
    if (job.role !== 'measure') return [];
    const m = all[i];
    const v = m ? verdict(m, referenceFor(m, all)) : null;
    const x = kind === 'batch' ? job.point.batchSize : job.point.partitions;
    return [
      {
        x,
        rows: job.point.rows,
        m: m ?? null,
        ok: v ? v.ok : null,
        why: v?.text ?? null,
        status: view.states[i]!.status,
      },
    ];
  });
  const references = view.jobs.flatMap((job, i) =>
    job.role === 'reference' && all[i] ? [all[i]] : [],
  ) as Measurement[];
  const failed = view.states.find((s) => s.status === 'failed');
  const scaled = SWEEP_BATCH_SIZES.filter((b) => rowsForBatchSize(b, p.rows) < p.rows);

  const run = (): void => {
    if (!p.plan) return fail(NO_PLAN);
    start(p.plan, p.files, sweepJobs(variant, p.rows), contextFor(p.plan, p));
  };

  return (
    <section className="compare-section sweep-section" aria-label="Sweep">
      <h2>Sweep</h2>
      <p className="compare-hint">
        One variant, one knob: each point runs the query as fast as possible on {fmtRows(p.rows)} rows (the
        Rows choice above), after a warm-up, and must give direct’s answer. Where the curve stops climbing,
        something other than the number of workers is the bottleneck — the cores, a lock, or the messages.
      </p>
      <div className="compare-controls">
        <label>
          Sweep
          <select
            aria-label="Sweep"
            value={variant}
            disabled={view.running}
            onChange={(e) => setVariant(e.target.value as SweepVariant)}
          >
            {SWEEP_VARIANTS.map((v) => (
              <option key={v} value={v}>
                {SWEEP_LABEL[v]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={run} disabled={view.running || p.blocked}>
          Sweep
        </button>
        {/* No "Stop", "Run" or "Compare" in other buttons' names: tests outside the project find those buttons by name. */}
        <button type="button" onClick={stop} disabled={!view.running}>
          Cancel sweep
        </button>
        {blockedHint(p) && <span className="compare-note">{blockedHint(p)}</span>}
      </div>
      {variant === 'batched' && scaled.length > 0 && (
        <p className="compare-note">
          Small batches are one message each: batch sizes {scaled.join(', ')} read fewer rows (2,000 per row
          of batch size, at least 5,000) so the sweep ends in seconds. Rows/s stay comparable, and each point
          is checked against direct on its own rows.
        </p>
      )}
      {(view.error ?? failed) && (
        <p className="compare-error" role="alert">
          {view.error ?? (failed?.status === 'failed' ? `The sweep stopped: ${failed.error}` : '')}
        </p>
      )}
      {points.length > 0 && (
        <>
          <SweepChart points={points} kind={kind} cores={view.context?.cores ?? 1} />
          <table className="compare-table sweep-table">
            <thead>
              <tr>
                <th scope="col">{kind === 'batch' ? 'batch size' : 'workers'}</th>
                <th scope="col">rows</th>
                <th scope="col">seconds</th>
                <th scope="col">rows/s</th>
                <th scope="col">rows out</th>
                <th scope="col">checksum</th>
                <th scope="col">matches direct</th>
              </tr>
            </thead>
            <tbody>
              {points.map((pt) => (
                <tr key={`${pt.x}/${pt.rows}`} className={`status-${pt.status}`}>
                  <th scope="row">{fmtInt(pt.x)}</th>
                  <td>{fmtInt(pt.m?.rowsIn ?? pt.rows)}</td>
                  <td>{pt.m ? fmtSeconds(pt.m.seconds) : ''}</td>
                  <td>{pt.m ? fmtInt(pt.m.rowsPerSec) : ''}</td>
                  <td>{pt.m ? fmtInt(pt.m.rowsOut) : ''}</td>
                  <td className="checksum">{pt.m?.checksum ?? ''}</td>
                  <td className={pt.ok === null ? 'pending' : pt.ok ? 'ok' : 'bad'}>
                    {pt.ok === null
                      ? pt.status === 'running'
                        ? 'running…'
                        : pt.status === 'pending'
                          ? 'waiting'
                          : pt.status
                      : `${pt.ok ? '✓' : '✗'} ${pt.ok ? '' : pt.why}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {references.length > 0 && (
            <p className="compare-caption">
              Checked against direct on the same rows:{' '}
              {references
                .map((r) => `${fmtInt(r.rowsIn)} rows → ${fmtInt(r.rowsOut)} out, checksum ${r.checksum}`)
                .join('; ')}
              .
            </p>
          )}
        </>
      )}
    </section>
  );
}
