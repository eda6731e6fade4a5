import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { STREAM_OPTIONS, type PhysicalPlan, type StreamOption } from '../../engine/index';
import type { OptionValue } from './stream-options-edit';
import { FileDrop, type UploadedFile } from './FileDrop';

export interface SourcesPanelProps {
  /** The stream the current query reads (null when the script does not compile). */
  readonly source: PhysicalPlan['sources'][number] | null;
  /** That stream's WITH options as the compiler normalised them. */
  readonly options: Readonly<Record<string, number | string>>;
  readonly onOption: (key: string, value: OptionValue | null) => void;
  readonly file: UploadedFile | null;
  readonly onFile: (f: UploadedFile | null) => void;
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
];

/**
 * The app re-renders at every metrics sample while a query runs; the panel only when its data
 * changes (it redrew ~20 times a second at full speed). The app's onOption is a fresh closure
 * each time, so the body gets a stable one that calls the latest.
 */
export function SourcesPanel(props: SourcesPanelProps) {
  const latest = useRef(props.onOption);
  useLayoutEffect(() => {
    latest.current = props.onOption;
  });
  const onOption = useCallback((key: string, value: OptionValue | null) => latest.current(key, value), []);
  return <SourcesBody {...props} onOption={onOption} />;
}

const SourcesBody = memo(function SourcesBody({
  source,
  options,
  onOption,
  file,
  onFile,
}: SourcesPanelProps) {
  const stream = source?.stream ?? null;
  const rate = typeof options['rows_per_second'] === 'number' ? options['rows_per_second'] : 10_000;
  const rateIndex = Math.max(0, RATES.indexOf(RATES.includes(rate) ? rate : 10_000));
  return (
    <section className="sources-panel" aria-label="Sources">
      <h2>
        Source{stream ? <code> {stream}</code> : null}
        {file && <span className="badge">file: {file.name}</span>}
      </h2>
      {stream === null ? (
        <p className="empty">Fix the script to see its source.</p>
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
              onChange={(e) => onOption('rows_per_second', RATES[Number(e.target.value)] ?? 10_000)}
            />
            <span className="rate-value">{rateLabel(rate)}</span>
          </label>
          {KNOBS.map((k) => {
            const def = STREAM_OPTIONS.find((o) => o.name === k);
            return def ? (
              <Knob key={k} def={def} value={options[k]} onCommit={(v) => onOption(k, v)} />
            ) : null;
          })}
        </div>
      )}
      <FileDrop source={source} file={file} onFile={onFile} />
    </section>
  );
});

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
        placeholder={def.defaultValue === undefined ? 'unbounded' : String(def.defaultValue)}
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
