import type { PhysicalPlan } from '../../engine/index';
import type { UploadedFile } from '../sources/FileDrop';
import type { Settings } from '../state/settings';

export interface ComparePanelProps {
  /** The plan of the statement to race (null while the script has errors). */
  readonly plan: PhysicalPlan | null;
  readonly settings: Settings;
  readonly file: UploadedFile | null;
  /** True while the main run is going: Compare and sweeps wait for it. */
  readonly mainRunBusy: boolean;
  /** Compare tells the app when it runs, so Run waits for it. */
  readonly onBusy: (busy: boolean) => void;
}

// Placeholder while Compare is being built this session (helper owns src/compare).
export function ComparePanel(_: ComparePanelProps) {
  return <section aria-label="Compare" className="compare-panel" />;
}
