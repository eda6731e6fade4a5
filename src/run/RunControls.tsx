import { VARIANTS as VARIANT_INFO } from '../../engine/worker/index';
import type { Settings, Variant } from '../state/settings';

export type RunPhase = 'idle' | 'running' | 'paused' | 'stopping';

export interface RunControlsProps {
  readonly phase: RunPhase;
  readonly settings: Settings;
  readonly onSettings: (s: Settings) => void;
  readonly onRun: () => void;
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onStop: () => void;
  /** Another run (Compare, a sweep) holds the workers: Run waits for it. */
  readonly blocked?: boolean;
}

const BATCH_SIZES = [1, 10, 100, 1000, 4096, 16384, 65536];

export function RunControls(p: RunControlsProps) {
  const { settings: s, phase } = p;
  const busy = phase !== 'idle';
  const set = (patch: Partial<Settings>): void => p.onSettings({ ...s, ...patch });
  const usesBatch = s.variant === 'batched' || s.variant === 'partitioned' || s.variant === 'shared-lock';
  const usesWorkers = s.variant === 'partitioned' || s.variant === 'shared-lock';

  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      <button
        type="button"
        className="primary"
        onClick={p.onRun}
        disabled={phase === 'stopping' || p.blocked === true}
        title={busy ? 'Restart with the script and settings as they are now' : 'Run the query (Ctrl/⌘+Enter)'}
      >
        Run
      </button>
      {phase === 'paused' ? (
        <button type="button" onClick={p.onResume}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={p.onPause} disabled={phase !== 'running'}>
          Pause
        </button>
      )}
      <button type="button" onClick={p.onStop} disabled={!busy || phase === 'stopping'}>
        Stop
      </button>
      <label>
        Variant
        <select
          value={s.variant}
          disabled={busy}
          onChange={(e) => set({ variant: e.target.value as Variant })}
        >
          {VARIANT_INFO.map((v) => (
            <option key={v.name} value={v.name} title={v.doc}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label className={usesBatch ? undefined : 'inactive'}>
        Batch
        <select
          value={s.batchSize}
          disabled={busy || !usesBatch}
          onChange={(e) => set({ batchSize: Number(e.target.value) })}
        >
          {BATCH_SIZES.map((b) => (
            <option key={b} value={b}>
              {b.toLocaleString()}
            </option>
          ))}
        </select>
      </label>
      <label className={usesWorkers ? undefined : 'inactive'}>
        Workers
        <select
          value={s.partitions}
          disabled={busy || !usesWorkers}
          onChange={(e) => set({ partitions: Number(e.target.value) })}
        >
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {s.variant === 'partitioned' && (
        <label>
          Feed
          <select
            value={s.source}
            disabled={busy}
            onChange={(e) => set({ source: e.target.value === 'central' ? 'central' : 'local' })}
          >
            <option value="local">local sources</option>
            <option value="central">central scatter</option>
          </select>
        </label>
      )}
    </div>
  );
}
