import { useState } from 'react';
import {
  createFileSource,
  formatOfPath,
  type FileFormat,
  type RowError,
  type PhysicalPlan,
} from '../../engine/index';

export interface UploadedFile {
  readonly name: string;
  /** The stream the file feeds. */
  readonly stream: string;
  readonly format: FileFormat;
  readonly text: string;
  /** Rows that do not fit the stream's columns: listed by line, skipped when the query runs. */
  readonly errors: readonly RowError[];
  readonly rows: number;
}

const MAX_BYTES = 50 * 1024 * 1024;

/** Upload or drag-and-drop a CSV / JSON-lines file to feed the query's stream instead of its generator. */
export function FileDrop({
  source,
  file,
  onFile,
}: {
  source: PhysicalPlan['sources'][number] | null;
  file: UploadedFile | null;
  onFile: (f: UploadedFile | null) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const take = async (f: File | undefined): Promise<void> => {
    if (!f || !source) return;
    const format = formatOfPath(f.name);
    if (!format)
      return setError(`${f.name}: use a .csv, .jsonl, .ndjson or .json (one object per line) file.`);
    if (f.size > MAX_BYTES)
      return setError(`${f.name} is ${(f.size / 1e6).toFixed(0)} MB; the limit is 50 MB.`);
    setError(null);
    const text = await f.text();
    // Checked on upload, with the same parser the run uses, so bad rows are listed before anything runs.
    const checked = createFileSource(source, text, format);
    let rows = 0;
    for (let b = checked.source.next(65536); b; b = checked.source.next(65536)) rows += b.length;
    onFile({ name: f.name, stream: source.stream, format, text, errors: checked.errors(), rows });
  };

  return (
    <div
      className={`file-drop${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files[0]);
      }}
    >
      {file ? (
        <>
          <span>
            <strong>{file.name}</strong> feeds <code>{file.stream}</code> (
            {file.format === 'csv' ? 'CSV' : 'JSON lines'}, {file.rows.toLocaleString()} good rows,{' '}
            {file.errors.length.toLocaleString()} bad)
          </span>
          <button type="button" onClick={() => onFile(null)}>
            {source?.generator ? 'Use the generator again' : 'Remove the file'}
          </button>
        </>
      ) : (
        <label>
          Drop a CSV or JSON-lines file here, or{' '}
          <input
            type="file"
            accept=".csv,.jsonl,.ndjson,.json"
            aria-label={`Upload a CSV or JSON-lines file for ${source?.stream ?? 'the stream'}`}
            disabled={!source}
            onChange={(e) => void take(e.target.files?.[0])}
          />
        </label>
      )}
      {file && file.errors.length > 0 && (
        <ul className="bad-rows" aria-label="Bad rows">
          {file.errors.slice(0, 200).map((e) => (
            <li key={`${e.line}-${e.message}`}>
              line {e.line}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
