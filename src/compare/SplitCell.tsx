/**
 * The Compare table's "where the time went" cell: one bar whose segments are
 * the shares of generating, querying, checksumming, sending, lock and idle
 * time, with the shares and the startup (apart) as text, so a run bound by
 * its generator shows it at a glance; with several workers, how the rows
 * were split between them (a skewed key leaves one worker with most).
 */
import { splitParts, splitText, startupText, type TimeSplit, workerRowsText } from './time-split';

export function SplitCell({ split }: { readonly split: TimeSplit | null }) {
  if (split === null) return null;
  const shares = splitParts(split).map((p) => `${p.label} ${Math.round(p.share * 100)} %`);
  return (
    <div className="split-cell" title={splitText(split)}>
      <div className="split-bar" aria-hidden="true">
        {splitParts(split, 0).map((p) => (
          <span key={p.key} className={`split-${p.label}`} style={{ width: `${p.share * 100}%` }} />
        ))}
      </div>
      <span className="split-text">{shares.join(' · ')}</span>
      <span className="split-text">{startupText(split)}</span>
      {split.workerRows.length > 0 && <span className="split-text">{workerRowsText(split)}</span>}
    </div>
  );
}
