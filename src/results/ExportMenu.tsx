import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { exportFlinkSql } from '../../engine/index';
import type { ResultsStore } from '../state/results-store';
import { downloadText, resultsToCsv, resultsToJsonLines } from './export-results';

/** Export of results (CSV, JSON lines) and of the script as Flink SQL, for people who outgrow the browser. */
export function ExportMenu({ store, script }: { store: ResultsStore; script: string }) {
  const [flink, setFlink] = useState<string | null>(null);
  const snap = (): ReturnType<ResultsStore['getSnapshot']> => store.getSnapshot();
  const menu = useRef<HTMLDetailsElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  // A modal dialog: focus moves into it, stays there, and Escape closes it (then focus returns).
  useEffect(() => {
    if (flink !== null && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [flink]);

  // The menu closes on a click elsewhere, as menus do.
  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) menu.current.open = false;
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);

  const close = (): void => {
    if (!menu.current) return;
    menu.current.open = false;
    menu.current.querySelector('summary')?.focus();
  };
  // Escape closes; Up/Down move between the items (Tab works too).
  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>): void => {
    if (!menu.current?.open) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...menu.current.querySelectorAll<HTMLButtonElement>('.menu-items button')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[at < 0 && e.key === 'ArrowUp' ? items.length - 1 : next]?.focus();
  };
  const choose = (action: () => void): void => {
    close();
    action();
  };

  return (
    <>
      <details className="menu" ref={menu} onKeyDown={onKeyDown}>
        <summary aria-haspopup="menu">Export</summary>
        <div className="menu-items">
          <button
            type="button"
            onClick={() =>
              choose(() =>
                downloadText('windtunnel-results.csv', resultsToCsv(snap().columns, snap().rows), 'text/csv'),
              )
            }
          >
            Results as CSV
          </button>
          <button
            type="button"
            onClick={() =>
              choose(() =>
                downloadText(
                  'windtunnel-results.jsonl',
                  resultsToJsonLines(snap().columns, snap().rows),
                  'application/x-ndjson',
                ),
              )
            }
          >
            Results as JSON lines
          </button>
          <button type="button" onClick={() => choose(() => setFlink(exportFlinkSql(script)))}>
            Export as Flink SQL
          </button>
        </div>
      </details>
      {flink !== null && (
        <dialog ref={dialog} className="flink-dialog" aria-label="Flink SQL" onClose={() => setFlink(null)}>
          <h2>The script as Flink SQL</h2>
          <textarea readOnly value={flink} rows={20} />
          <div className="dialog-actions">
            <button type="button" onClick={() => downloadText('windtunnel.flink.sql', flink, 'text/plain')}>
              Download
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
