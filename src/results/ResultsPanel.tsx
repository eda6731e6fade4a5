import { useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { ResultsStore } from '../state/results-store';
import { ResultsTable } from './ResultsTable';
import { RejectedList } from './RejectedList';

type Tab = 'changelog' | 'latest' | 'rejected';

export interface ResultsPanelProps {
  readonly store: ResultsStore;
  readonly toolbar?: React.ReactNode;
}

export function ResultsPanel({ store, toolbar }: ResultsPanelProps) {
  // The store notifies at most 5 times a second and the table is virtualized, so a redraw is a few
  // milliseconds: an urgent update is fine. (As a transition it was entangled with the charts'
  // transitions, and under load React restarted both until the charts fell below 4 updates a second.)
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [picked, setTab] = useState<Tab>('changelog');
  const hasKeys = snap.keyColumns.length > 0;
  // A query without a key has no latest-per-key view: fall back to the changelog.
  const tab: Tab = picked === 'latest' && !hasKeys ? 'changelog' : picked;
  const tabList = useRef<HTMLDivElement>(null);
  const tabs: { id: Tab; label: string; disabled?: boolean }[] = [
    { id: 'changelog', label: `Changelog (${snap.totalRows.toLocaleString()})` },
    { id: 'latest', label: `Latest per key (${snap.latest.length.toLocaleString()})`, disabled: !hasKeys },
    { id: 'rejected', label: `Late & invalid (${snap.totalRejected.toLocaleString()})` },
  ];
  // ARIA tabs: one tab stop (the selected tab); arrows, Home and End move between enabled tabs and select.
  const enabled = tabs.filter((t) => !t.disabled).map((t) => t.id);
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = Math.max(0, enabled.indexOf(tab));
    const next =
      e.key === 'ArrowRight'
        ? enabled[(at + 1) % enabled.length]
        : e.key === 'ArrowLeft'
          ? enabled[(at - 1 + enabled.length) % enabled.length]
          : e.key === 'Home'
            ? enabled[0]
            : e.key === 'End'
              ? enabled[enabled.length - 1]
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    setTab(next);
    tabList.current?.querySelector<HTMLButtonElement>(`#results-tab-${next}`)?.focus();
  };

  return (
    <section className="results-panel" aria-label="Results">
      <div className="panel-head">
        <div role="tablist" aria-label="Result views" className="tabs" ref={tabList} onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`results-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="results-tabpanel"
              tabIndex={tab === t.id ? 0 : -1}
              disabled={t.disabled}
              title={t.disabled ? 'This query has no key: every row stands alone.' : undefined}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {toolbar}
      </div>
      <div role="tabpanel" id="results-tabpanel" aria-labelledby={`results-tab-${tab}`} className="tabpanel">
        {snap.columns.length === 0 ? (
          <p className="empty">Press Run to start the query.</p>
        ) : tab === 'rejected' ? (
          <RejectedList entries={snap.rejected} total={snap.totalRejected} />
        ) : (
          <>
            {tab === 'latest' && snap.latestSampled && (
              <p className="note">
                At this speed the view samples the newest rows of each batch: a key that was not among them
                may show an older value.
              </p>
            )}
            <ResultsTable
              label={tab === 'latest' ? 'Latest value per key' : 'Changelog'}
              columns={snap.columns}
              types={snap.types}
              rows={tab === 'latest' ? snap.latest : snap.rows}
              follow={tab === 'changelog'}
            />
          </>
        )}
      </div>
    </section>
  );
}
