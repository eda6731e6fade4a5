import { useCallback, useState } from 'react';
import type { PhysicalPlan } from '../../engine/index';
import type { UploadedFiles } from '../sources/uploaded-files';
import type { Settings } from '../state/settings';
import { CompareSection } from './CompareSection';
import { DEFAULT_ROWS, SWEEP_VARIANTS, type SweepVariant } from './compare-plan';
import { SweepSection } from './SweepSection';
import './compare.css';

export interface ComparePanelProps {
  /** The plan of the statement to race (null while the script has errors). */
  readonly plan: PhysicalPlan | null;
  readonly settings: Settings;
  readonly files: UploadedFiles;
  /** True while the main run is going: Compare and sweeps wait for it. */
  readonly mainRunBusy: boolean;
  /** Compare tells the app when it runs, so Run waits for it. */
  readonly onBusy: (busy: boolean) => void;
  /** The script as typed, for the Markdown export (the plan does not carry its text). */
  readonly script?: string;
}

/** Compare and the sweeps share the rows choice and the cores: one of them runs at a time. */
export function ComparePanel({ plan, settings, files, mainRunBusy, onBusy, script }: ComparePanelProps) {
  const [active, setActive] = useState<'compare' | 'sweep' | null>(null);
  const [rows, setRows] = useState(DEFAULT_ROWS);
  const onCompareRunning = useCallback(
    (running: boolean) => {
      setActive(running ? 'compare' : null);
      onBusy(running);
    },
    [onBusy],
  );
  const onSweepRunning = useCallback(
    (running: boolean) => {
      setActive(running ? 'sweep' : null);
      onBusy(running);
    },
    [onBusy],
  );
  const initialSweep: SweepVariant = (SWEEP_VARIANTS as readonly string[]).includes(settings.variant)
    ? (settings.variant as SweepVariant)
    : 'partitioned';
  const common = { plan, files, script: script ?? null, rows };

  return (
    <div className="compare-panel">
      <CompareSection
        {...common}
        onRows={setRows}
        blocked={mainRunBusy || active === 'sweep'}
        mainRunBusy={mainRunBusy}
        onRunning={onCompareRunning}
      />
      <SweepSection
        {...common}
        initialVariant={initialSweep}
        blocked={mainRunBusy || active === 'compare'}
        mainRunBusy={mainRunBusy}
        onRunning={onSweepRunning}
      />
    </div>
  );
}
