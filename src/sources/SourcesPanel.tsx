import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { STREAM_OPTIONS, type PhysicalPlan, type StreamOption } from '../../engine/index';
import type { OptionValue } from './stream-options-edit';
import { FileDrop, type UploadedFile } from './FileDrop';
import type { UploadedFiles } from './uploaded-files';

export interface SourcesPanelProps {
  /** The streams the current query reads (empty when the script does not compile). */
  readonly sources: readonly PhysicalPlan['sources'][number][];
  readonly files: UploadedFiles;
  readonly onOption: (stream: string, key: string, value: OptionValue | null) => void;
  readonly onFile: (stream: string, f: UploadedFile | null) => void;
}

/** Rates from teaching speed (watch single rows) to "as fast as possible" (0). */
const RATES = [1, 2, 5, 10, 20, 50, 100, 1000, 10_000, 100_000, 1_000_000, 0];
const rateLabel = (r: number): string => (r === 0 ? 'as fast as possible' : `${r.toLocaleString()} rows/s`);

const KNOBS = [
  'total',
  'keys',
  'skew',
  'event_step',
  'out_of_order',
  'max_out_of_order',
  'late',
  'null_rate',
  'seed',
  'idle_timeout',
];

/**
 * The app re-renders at every metrics sample while a query runs; the panel only when its data
 * changes (it redrew ~20 times a second at full speed). The app's callbacks are fresh closures
 * each time, so the body gets stable ones that call the latest.
 */
export function SourcesPanel(props: SourcesPanelProps) {
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const onOption = useCallback(
    (stream: string, key: string, value: OptionValue | null) => latest.current.onOption(stream, key, value),
    [],
  );
  const onFile = useCallback(
    (stream: string, f: UploadedFile | null) => latest.current.onFile(stream, f),
    [],
  );
  return <SourcesBody {...props} onOption={onOption} onFile={onFile} />;
}

const SourcesBody = memo(function SourcesBody({ sources, files, onOption, onFile }: SourcesPanelProps) {
  const several = sources.length > 1;
  return (
    <section className="sources-panel" aria-label="Sources">
      {sources.length === 0 ? (
        <>
          <h2>Source</h2>
          <p className="empty">Fix the script to see its source.</p>
        </>
      ) : (
        <>
          {several && <h2>Sources</h2>}
          {sources.map((source) => (
            <SourceCard
              key={source.stream}
              source={source}
              file={files[source.stream] ?? null}
              heading={several ? 'h3' : 'h2'}
              onOption={onOption}
              onFile={onFile}
            />
          ))}
        </>
      )}
    </section>
  );
});

/** One stream: its generator's knobs (written into the script's WITH) or the file that feeds it. */
function SourceCard({
  source,
  file,
  heading: H,
  onOption,
  onFile,
}: {
  source: PhysicalPlan['sources'][number];
  file: UploadedFile | null;
  heading: 'h2' | 'h3';
  onOption: SourcesPanelProps['onOption'];
  onFile: SourcesPanelProps['onFile'];
}) {
  const stream = source.stream;
  const options = source.options;
  const rate = typeof options['rows_per_second'] === 'number' ? options['rows_per_second'] : 10_000;
  const rateIndex = Math.max(0, RATES.indexOf(RATES.includes(rate) ? rate : 10_000));
  const set = (key: string, v: OptionValue | null): void => onOption(stream, key, v);
  return (
    <div className="source-card" role="group" aria-label={`Stream ${stream}`}>
      <H>
        Source <code>{stream}</code>
        {file && <span className="badge">file: {file.name}</span>}
      </H>
      {file ? (
        <p className="empty">The file feeds this stream: its generator options are ignored.</p>
      ) : source.generator === null ? (
        <p className="empty">
          No built-in generator fills <code>{stream}</code>
          {source.generatorMismatch !== undefined
            ? ` (the built-in ${stream}: ${source.generatorMismatch})`
            : ''}
          : drop a file for it, or name one with <code>WITH (generator = &apos;…&apos;)</code>.
        </p>
      ) : (
        <div className="knobs">
          <label className="knob rate">
            <span>rows_per_second</span>
            <input
              type="range"
              min={0}
              max={RATES.length - 1}
              value={rateIndex}
              aria-valuetext={rateLabel(rate)}
              onChange={(e) => set('rows_per_second', RATES[Number(e.target.value)] ?? 10_000)}
            />
            <span className="rate-value">{rateLabel(rate)}</span>
          </label>
          {KNOBS.map((k) => {
            const def = STREAM_OPTIONS.find((o) => o.name === k);
            return def ? <Knob key={k} def={def} value={options[k]} onCommit={(v) => set(k, v)} /> : null;
          })}
        </div>
      )}
      <FileDrop source={source} file={file} onFile={(f) => onFile(stream, f)} />
    </div>
  );
}

/** A number field that writes to the script when committed (Enter or leaving the field), not per keystroke. */
function Knob({
  def,
  value,
  onCommit,
}: {
  def: StreamOption;
  value: number | string | undefined;
  onCommit: (v: OptionValue | null) => void;
}) {
  const shown = value ?? def.defaultValue ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === null) return;
    setDraft(null);
    const t = draft.trim();
    if (t === '') return onCommit(null);
    const n = Number(t);
    onCommit(Number.isFinite(n) ? n : t);
  };
  const step = def.kind === 'fraction' ? 0.01 : def.kind === 'number' ? 0.1 : 1;
  return (
    <label className="knob" title={def.doc}>
      <span>{def.name}</span>
      <input
        type="number"
        step={step}
        min={def.min ?? (def.kind === 'fraction' ? 0 : undefined)}
        max={def.max ?? (def.kind === 'fraction' ? 1 : undefined)}
        placeholder={
          def.defaultValue === undefined
            ? def.name === 'total'
              ? 'unbounded'
              : 'never'
            : String(def.defaultValue)
        }
        value={draft ?? String(shown)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}
