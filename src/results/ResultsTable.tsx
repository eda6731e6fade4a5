import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { DataType } from '../../engine/index';
import type { ResultRow } from '../state/results-store';
import { formatValue } from './format-value';

export interface ResultsTableProps {
  readonly label: string;
  readonly columns: readonly string[];
  /** SQL type per column: decides how values are shown (TIMESTAMP as a UTC time). */
  readonly types: readonly DataType[];
  readonly rows: readonly ResultRow[];
  /** Follow new rows at the bottom (changelog) or stay put (latest per key). */
  readonly follow: boolean;
}

const ROW_HEIGHT = 24;

/**
 * A virtualized table: only the visible rows are in the DOM. Scrolling away from
 * the bottom pauses following (pause-on-scroll) so a row can be read while the
 * stream goes on; scrolling back to the bottom resumes.
 */
export function ResultsTable({ label, columns, types, rows, follow }: ResultsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [pinned, setPinned] = useState(true);
  // TanStack Virtual returns fresh functions each render, which the React Compiler cannot memoize; it is built for that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });

  // Follow the newest row. Not scrollToIndex: it reads scrollHeight (a forced style and layout of
  // the page) at every call and again in a frame loop until it settles, which at full speed was the
  // table's largest cost. The total size is known, the browser clamps, and at the bottom already
  // (the usual case once the kept rows are full) nothing happens at all.
  useEffect(() => {
    const el = scroller.current;
    if (el && follow && pinned && rows.length > 0) el.scrollTop = virtualizer.getTotalSize();
  }, [rows, follow, pinned, virtualizer]);

  const onScroll = (): void => {
    const el = scroller.current;
    if (!el || !follow) return;
    setPinned(el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2);
  };

  // A TIMESTAMP needs room for `2024-03-01 12:00:05.250`; other columns share what is left.
  const template =
    columns.length === 0
      ? '56px 1fr'
      : `56px ${columns.map((_, k) => (types[k] === 'TIMESTAMP' ? 'minmax(172px, 1.4fr)' : 'minmax(72px, 1fr)')).join(' ')}`;
  return (
    <div className="results-table" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="rt-row rt-head" role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader">op</span>
        {columns.map((c, k) => (
          <span role="columnheader" key={c} title={types[k] === 'TIMESTAMP' ? `${c} (TIMESTAMP, UTC)` : c}>
            {c}
          </span>
        ))}
      </div>
      <div className="rt-body" ref={scroller} onScroll={onScroll} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item, slot) => {
            const row = rows[item.index]!;
            // Keyed by screen slot, not by row: while following, every redraw shows other rows, and
            // reusing the slot's elements (new text, same nodes) spares creating and styling ~300 nodes.
            return (
              <div
                key={slot}
                role="row"
                className={`rt-row op-${row.op === '+I' ? 'insert' : row.op === '+U' ? 'update' : 'delete'}`}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                <span role="cell" className="op">
                  {row.op}
                </span>
                {row.values.map((v, k) => (
                  <span role="cell" key={k} className={v === null ? 'null' : undefined}>
                    {formatValue(v, types[k])}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {follow && !pinned && (
        <button type="button" className="resume-follow" onClick={() => setPinned(true)}>
          Paused while you read — follow new rows
        </button>
      )}
    </div>
  );
}
