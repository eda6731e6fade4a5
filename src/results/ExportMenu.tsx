import { useState } from 'react';
import { exportFlinkSql } from '../../engine/index';
import type { ResultsStore } from '../state/results-store';
import { downloadText, resultsToCsv, resultsToJsonLines } from './export-results';

/** Export of results (CSV, JSON lines) and of the script as Flink SQL, for people who outgrow the browser. */
export function ExportMenu({ store, script }: { store: ResultsStore; script: string }) {
  const [flink, setFlink] = useState<string | null>(null);
  const snap = (): ReturnType<ResultsStore['getSnapshot']> => store.getSnapshot();
  return (
    <>
      <details className="menu">
        <summary>Export</summary>
        <div className="menu-items">
          <button
            type="button"
            onClick={() => downloadText('windtunnel-results.csv', resultsToCsv(snap().columns, snap().rows), 'text/csv')}
          >
            Results as CSV
          </button>
          <button
            type="button"
            onClick={() =>
              downloadText(
                'windtunnel-results.jsonl',
                resultsToJsonLines(snap().columns, snap().rows),
                'application/x-ndjson',
              )
            }
          >
            Results as JSON lines
          </button>
          <button type="button" onClick={() => setFlink(exportFlinkSql(script))}>
            Export as Flink SQL
          </button>
        </div>
      </details>
      {flink !== null && (
        <dialog open className="flink-dialog" aria-label="Flink SQL">
          <h2>The script as Flink SQL</h2>
          <textarea readOnly value={flink} rows={20} />
          <div className="dialog-actions">
            <button type="button" onClick={() => downloadText('windtunnel.flink.sql', flink, 'text/plain')}>
              Download
            </button>
            <button type="button" onClick={() => setFlink(null)}>
              Close
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
