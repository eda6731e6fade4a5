/**
 * The Compare table's "where the time went" cell: one bar whose segments are
 * the shares of generating, querying, checksumming, sending, lock and idle time (startup
 * apart, as text), so a run bound by its generator shows it at a glance.
 */
import type { TimeSplit } from './time-split';

const PARTS = [
  ['generate', 'gen'],
  ['query', 'query'],
  ['check', 'check'],
  ['transfer', 'send'],
  ['lock', 'lock'],
  ['idle', 'idle'],
] as const;

export function SplitCell({ split, text }: { readonly split: TimeSplit | null; readonly text: string }) {
  if (split === null) return null;
  const [startup, ...shares] = text.split(' · ');
  return (
    <div className="split-cell" title={text}>
      <div className="split-bar" aria-hidden="true">
        {PARTS.map(([key, label]) =>
          split[key] > 0 ? (
            <span key={key} className={`split-${label}`} style={{ width: `${split[key] * 100}%` }} />
          ) : null,
        )}
      </div>
      <span className="split-text">{shares.join(' · ')}</span>
      <span className="split-text">{startup}</span>
    </div>
  );
}
