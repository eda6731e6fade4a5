import { useState } from 'react';

export interface UploadedFile {
  readonly name: string;
  /** The stream the file feeds. */
  readonly stream: string;
  readonly format: 'csv' | 'jsonl';
  readonly text: string;
}

const MAX_BYTES = 50 * 1024 * 1024;

export function formatOf(fileName: string): 'csv' | 'jsonl' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  return null;
}

/** Upload or drag-and-drop a CSV / JSON-lines file to feed the query's stream instead of its generator. */
export function FileDrop({
  stream,
  file,
  onFile,
}: {
  stream: string | null;
  file: UploadedFile | null;
  onFile: (f: UploadedFile | null) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const take = async (f: File | undefined): Promise<void> => {
    if (!f || !stream) return;
    const format = formatOf(f.name);
    if (!format) return setError(`${f.name}: use a .csv, .jsonl, .ndjson or .json (one object per line) file.`);
    if (f.size > MAX_BYTES) return setError(`${f.name} is ${(f.size / 1e6).toFixed(0)} MB; the limit is 50 MB.`);
    setError(null);
    onFile({ name: f.name, stream, format, text: await f.text() });
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
            <strong>{file.name}</strong> feeds <code>{file.stream}</code> ({file.format === 'csv' ? 'CSV' : 'JSON lines'},{' '}
            {file.text.length.toLocaleString()} bytes)
          </span>
          <button type="button" onClick={() => onFile(null)}>
            Use the generator again
          </button>
        </>
      ) : (
        <label>
          Drop a CSV or JSON-lines file here, or{' '}
          <input
            type="file"
            accept=".csv,.jsonl,.ndjson,.json"
            aria-label="Upload a CSV or JSON-lines file"
            disabled={!stream}
            onChange={(e) => void take(e.target.files?.[0])}
          />
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
