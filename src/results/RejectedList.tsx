import type { RejectedEntry } from '../state/results-store';

/** The late-rows side output: nothing late or invalid is dropped without a trace. */
export function RejectedList({ entries, total }: { entries: readonly RejectedEntry[]; total: number }) {
  if (total === 0) return <p className="empty">No late or invalid rows so far.</p>;
  return (
    <div className="rejected-list" tabIndex={0} aria-label="Late and invalid rows, scrollable">
      {total > entries.length && (
        <p className="note">
          Showing the last {entries.length.toLocaleString()} of {total.toLocaleString()}.
        </p>
      )}
      <ul aria-label="Late and invalid rows">
        {entries.map((e) => (
          <li key={`${e.seq}-${e.reason}-${e.detail}`} className={`reason-${e.reason}`}>
            <span className="badge">{e.reason}</span>
            <span className="seq">#{e.seq}</span>
            <span className="detail">{e.detail}</span>
            <code className="row">{e.row}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
