import { useMemo, useState } from 'react';
import type { PhysicalPlan } from '../../engine/index';
import type { UploadedFiles } from '../sources/uploaded-files';
import { CompareChart } from './CompareChart';
import { compareMarkdown, sourceText, type CompareContext } from './compare-markdown';
import { compareJobs, PER_RECORD_ROWS, ROW_CHOICES } from './compare-plan';
import { COLUMNS, statusText, tableRows } from './compare-table';
import { SplitCell } from './SplitCell';
import { fmtRows } from './measure';
import { useRunSequence } from './use-run-sequence';
import { fileNamesOf } from '../sources/uploaded-files';

export interface SectionProps {
  readonly plan: PhysicalPlan | null;
  readonly files: UploadedFiles;
  readonly script: string | null;
  readonly rows: number;
  /** Another run holds the cores (the main run, or the other section). */
  readonly blocked: boolean;
  readonly mainRunBusy: boolean;
  readonly onRunning: (running: boolean) => void;
}

export const NO_PLAN =
  'Nothing to run: the script has no runnable query yet (the status bar says what is wrong).';

export function contextFor(plan: PhysicalPlan, p: SectionProps, repeat = 1): CompareContext {
  return {
    plan,
    script: p.script,
    fileNames: fileNamesOf(plan, p.files),
    rows: p.rows,
    repeat,
    cores: navigator.hardwareConcurrency || 1,
    when: new Date(),
  };
}

export function blockedHint(p: SectionProps): string | null {
  if (p.mainRunBusy)
    return 'Waiting for the running query to finish or be stopped: runs never share the cores.';
  return null;
}

export function CompareSection(p: SectionProps & { readonly onRows: (rows: number) => void }) {
  const { view, start, stop, fail } = useRunSequence(p.onRunning);
  const [perRecord, setPerRecord] = useState(false);
  const [sharedLock, setSharedLock] = useState(false);
  const [repeat, setRepeat] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = useMemo(() => tableRows(view.jobs, view.states), [view.jobs, view.states]);
  const failed = rows.find((r) => r.status === 'failed');
  const finished = !view.running && rows.some((r) => r.m !== null);

  const run = (): void => {
    setNotice(null);
    if (!p.plan) return fail(NO_PLAN);
    start(
      p.plan,
      p.files,
      compareJobs({ rows: p.rows, perRecord, sharedLock }),
      contextFor(p.plan, p, repeat),
    );
  };
  const markdown = (): string => (view.context ? compareMarkdown(view.context, rows) : '');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(markdown());
      setNotice('Copied the table as Markdown.');
    } catch {
      setNotice('The clipboard is not available here: use Download instead.');
    }
  };
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([markdown()], { type: 'text/markdown' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'windtunnel-compare.md';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="compare-section" aria-label="Compare">
      <h2>Compare variants</h2>
      <p className="compare-hint">
        Runs the query with the same seed on each variant in turn,{' '}
        <strong>as fast as possible on a fixed number of rows</strong> — the stream’s{' '}
        <code>rows_per_second</code> and <code>total</code> are overridden. Each run follows an untimed
        warm-up on the same workers; seconds are wall time, the engines’ setup included. A ✓ means the same
        output rows and checksum as direct.
      </p>
      <div className="compare-controls">
        <label>
          Rows
          <select
            aria-label="Rows"
            value={p.rows}
            disabled={view.running}
            onChange={(e) => p.onRows(Number(e.target.value))}
          >
            {ROW_CHOICES.map((n) => (
              <option key={n} value={n}>
                {fmtRows(n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={perRecord}
            disabled={view.running}
            onChange={(e) => setPerRecord(e.target.checked)}
          />
          per-record (on {fmtRows(Math.min(PER_RECORD_ROWS, p.rows))} rows)
        </label>
        <label>
          <input
            type="checkbox"
            checked={sharedLock}
            disabled={view.running}
            onChange={(e) => setSharedLock(e.target.checked)}
          />
          shared-lock ×2
        </label>
        <label title="A busy machine makes single runs noisy: the run with the median time is shown">
          Timed runs
          <select
            aria-label="Timed runs"
            value={repeat}
            disabled={view.running}
            onChange={(e) => setRepeat(Number(e.target.value))}
          >
            <option value={1}>1</option>
            <option value={3}>3 (median)</option>
            <option value={5}>5 (median)</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={run} disabled={view.running || p.blocked}>
          Compare
        </button>
        {/* No "Stop", "Run" or "Compare" in other buttons' names: tests outside the project find those buttons by name. */}
        <button type="button" onClick={stop} disabled={!view.running}>
          Cancel
        </button>
        <button type="button" onClick={() => void copy()} disabled={!finished}>
          Copy as Markdown
        </button>
        <button type="button" onClick={download} disabled={!finished}>
          Download Markdown
        </button>
        {blockedHint(p) && <span className="compare-note">{blockedHint(p)}</span>}
        {notice && <span className="compare-note">{notice}</span>}
      </div>
      {(view.error ?? failed) && (
        <p className="compare-error" role="alert">
          {view.error ?? `${failed!.label} failed: ${failed!.error}`}
        </p>
      )}
      {rows.length > 0 && view.context && (
        <>
          <p className="compare-caption">
            {sourceText(view.context)} · {view.context.rows.toLocaleString('en-US')} rows per run ·{' '}
            {view.context.cores} cores
          </p>
          <div className="compare-table-wrap">
            <table className="compare-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.id}
                    className={`status-${r.status}${r.verdict && !r.verdict.ok ? ' mismatch' : ''}`}
                  >
                    <th scope="row">
                      {r.label}
                      {r.notes.map((n) => (
                        <small key={n}>{n}</small>
                      ))}
                    </th>
                    <td>{r.cells.batchSize}</td>
                    <td>{r.cells.workers}</td>
                    <td>{r.cells.rows}</td>
                    <td>{r.cells.seconds}</td>
                    <td>{r.cells.rate}</td>
                    <td>{r.cells.ratio}</td>
                    <td>{r.cells.rowsOut}</td>
                    <td className="checksum">{r.cells.checksum}</td>
                    <td className="split">
                      <SplitCell split={r.split} />
                    </td>
                    <td className={r.verdict ? (r.verdict.ok ? 'ok' : 'bad') : 'pending'}>{statusText(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CompareChart rows={rows} />
        </>
      )}
    </section>
  );
}
