/**
 * The windows timeline: event time left to right, one lane per key, the
 * engine's real window events as bands and the watermark as a moving line.
 * Follows the watermark by default; wheel or +/− zooms, drag or arrow keys pan.
 */
import { memo, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { TimelineChart } from './TimelineChart';
import {
  defaultSpan,
  followSpan,
  LABEL_WIDTH,
  layoutLanes,
  MAX_LANES,
  panSpan,
  recentExtent,
  zoomSpan,
  type ViewSpan,
} from './timeline-layout';
import { clockText, type TimelineStore } from './timeline-store';
import './timeline.css';

export const TimelinePanel = memo(function TimelinePanel({ store }: { store: TimelineStore }) {
  const [snap, setSnap] = useState(store.getSnapshot);
  const section = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(section);
  // Off screen (below the fold while the playground runs) the timeline does not redraw at all:
  // the store keeps collecting, and the view catches up when it scrolls into sight.
  useEffect(() => {
    if (!onScreen) return;
    const update = (): void => startTransition(() => setSnap(store.getSnapshot()));
    update();
    return store.subscribe(update);
  }, [store, onScreen]);
  const [follow, setFollow] = useState(true);
  const [span, setSpan] = useState<number | null>(null);
  const [manual, setManual] = useState<ViewSpan | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host);
  const drag = useRef<{ x: number; view: ViewSpan } | null>(null);

  // A new run starts following again at its own zoom.
  const shape = snap.shape;
  const [shapeSeen, setShapeSeen] = useState(shape);
  if (shape !== shapeSeen) {
    setShapeSeen(shape);
    setFollow(true);
    setSpan(null);
    setManual(null);
  }

  const spanMs = span ?? Math.max(defaultSpan(shape), recentExtent(snap));
  const view = follow || !manual ? followSpan(snap, spanMs) : manual;
  const lanes = useMemo(() => layoutLanes(snap.keys, shape, shape?.keyLabel ?? ''), [snap.keys, shape]);
  const laneIndex = useMemo(
    () => new Map(snap.keys.map((k, i) => [k, Math.min(i, MAX_LANES - 1)])),
    [snap.keys],
  );
  const laneOf = (key: string): number => laneIndex.get(key) ?? 0;

  const msPerPx = (view.to - view.from) / Math.max(1, width - LABEL_WIDTH);
  const zoom = (factor: number, at?: number): void => {
    const next = zoomSpan(view, factor, follow ? undefined : at);
    setSpan(next.to - next.from);
    if (!follow) setManual(next);
  };
  const pan = (byMs: number): void => {
    setFollow(false);
    setManual(panSpan(view, byMs));
  };

  // The wheel zooms the plot instead of scrolling the page, so the listener must not be passive.
  const onWheel = useRef<(e: WheelEvent) => void>(() => {});
  useEffect(() => {
    onWheel.current = (e) => {
      const rect = host.current!.getBoundingClientRect();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, view.from + (e.clientX - rect.left - LABEL_WIDTH) * msPerPx);
    };
  });
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const listener = (e: WheelEvent): void => {
      e.preventDefault();
      onWheel.current(e);
    };
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, []);

  const c = snap.counts;
  const kind = shape?.window.kind ?? 'none';
  return (
    <section ref={section} className="timeline-panel" aria-label="Windows timeline">
      <div className="timeline-head">
        <h2>Windows timeline</h2>
        <p className="timeline-summary" data-testid="timeline-summary">
          {shape === null
            ? 'Run a query to watch its rows and windows in event time.'
            : !shape.hasTime
              ? 'This stream has no event time, so there is no timeline to draw.'
              : `${c.rows.toLocaleString()} rows seen · ${c.outOfOrder.toLocaleString()} out of order · ` +
                `${c.fired.toLocaleString()} ${kind === 'session' ? 'sessions' : 'windows'} fired · ${c.late.toLocaleString()} late` +
                (Number.isFinite(snap.watermark) ? ` · watermark ${clockText(snap.watermark)}` : '') +
                (c.droppedRows + c.droppedEvents > 0
                  ? ` · sampled (${(c.droppedRows + c.droppedEvents).toLocaleString()} not drawn)`
                  : '')}
        </p>
        <div className="timeline-tools" role="group" aria-label="Timeline zoom">
          <button type="button" onClick={() => zoom(1 / 1.5)} aria-label="Zoom in" title="Zoom in (+)">
            +
          </button>
          <button type="button" onClick={() => zoom(1.5)} aria-label="Zoom out" title="Zoom out (−)">
            −
          </button>
          <button
            type="button"
            aria-pressed={follow}
            onClick={() => setFollow(!follow)}
            title="Keep the watermark in view (F)"
          >
            Follow watermark
          </button>
        </div>
      </div>
      <div
        ref={host}
        className="timeline-plot"
        tabIndex={0}
        aria-label="Timeline plot: arrow keys pan, + and − zoom, F follows the watermark"
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, view };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || Math.abs(e.clientX - d.x) < 3) return;
          setFollow(false);
          setManual(panSpan(d.view, -(e.clientX - d.x) * msPerPx));
        }}
        onPointerUp={() => (drag.current = null)}
        onKeyDown={(e) => {
          const step = (view.to - view.from) / 8;
          if (e.key === 'ArrowLeft') pan(-step);
          else if (e.key === 'ArrowRight') pan(step);
          else if (e.key === '+' || e.key === '=') zoom(1 / 1.5);
          else if (e.key === '-') zoom(1.5);
          else if (e.key === 'f' || e.key === 'F') setFollow(!follow);
          else return;
          e.preventDefault();
        }}
      >
        {shape?.hasTime !== false && width > 0 && (
          <TimelineChart snap={snap} view={view} lanes={lanes} laneOf={laneOf} width={width} />
        )}
      </div>
      <Legend
        kind={kind}
        grace={(shape?.grace ?? 0) > 0}
        changes={shape?.emit === 'changes'}
        streams={shape?.streams ?? []}
        held={shape?.held ?? []}
      />
    </section>
  );
});

function useOnScreen(ref: React.RefObject<HTMLElement | null>): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => setOn(entries.some((e) => e.isIntersecting)));
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return on;
}

function Legend({
  kind,
  grace,
  changes,
  streams,
  held,
}: {
  kind: string;
  grace: boolean;
  changes: boolean;
  streams: readonly string[];
  held: readonly { readonly stream: string; readonly behindMs: number }[];
}) {
  return (
    <ul className="timeline-legend" aria-label="How to read the timeline">
      <li>
        <span className="lg-dot" /> a row at its event time (numbers: arrival order)
      </li>
      <li>
        <span className="lg-dot hollow" /> arrived out of order
      </li>
      <li>
        <span className="lg-late">×</span> late: dropped, its window had closed
      </li>
      {kind !== 'none' && kind !== 'rows' && (
        <>
          <li>
            <span className="lg-band open" /> {kind === 'session' ? 'session' : 'window'} open
          </li>
          <li>
            <span className="lg-band fired" /> fired ✓ (result emitted)
          </li>
        </>
      )}
      {kind === 'cumulate' && (
        <li>
          <span className="lg-band fired" /> CUMULATE: the windows of one start, one row per step, each a step
          longer
        </li>
      )}
      {kind === 'rows' && (
        <li>
          <span className="lg-frame" /> frame of the newest row per key
        </li>
      )}
      {grace && (
        <li>
          <span className="lg-band grace" /> grace period
        </li>
      )}
      {changes && (
        <li>
          <span className="lg-tick" /> EMIT CHANGES update
        </li>
      )}
      <li>
        <span className="lg-wm" /> watermark: the engine&apos;s “no earlier rows will come” line; windows fire
        when it passes their end
      </li>
      {streams.length > 1 && (
        <li>
          ○ {streams[0]} · □ {streams.slice(1).join(', ')}; dotted: each input&apos;s own watermark — a join
          runs at the lowest
        </li>
      )}
      {held.map((h) => (
        <li key={h.stream}>
          <span className="lg-band held" /> {h.stream} rows the join still holds: newer than the watermark −{' '}
          {h.behindMs / 1000} s
        </li>
      ))}
    </ul>
  );
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
