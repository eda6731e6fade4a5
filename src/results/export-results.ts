/** Export of the rows the results view holds, as CSV or JSON lines (with their op). */
import Papa from 'papaparse';
import type { Value } from '../../engine/index';
import type { ResultRow } from '../state/results-store';

export function resultsToCsv(columns: readonly string[], rows: readonly ResultRow[]): string {
  return Papa.unparse({
    fields: ['op', ...columns],
    data: rows.map((r) => [r.op, ...r.values.map((v) => (v === null ? '' : v))]),
  });
}

export function resultsToJsonLines(columns: readonly string[], rows: readonly ResultRow[]): string {
  return rows
    .map((r) => {
      const o: Record<string, Value> = { op: r.op };
      columns.forEach((c, k) => (o[c] = r.values[k] ?? null));
      return JSON.stringify(o);
    })
    .join('\n');
}

/** Offers text as a file download (no server involved). */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
