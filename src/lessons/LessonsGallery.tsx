import { useEffect, useRef } from 'react';
import { flinkCheckOf } from './flink-check';
import { LESSONS, type Lesson } from './lessons';
import './lessons.css';

export interface LessonsGalleryProps {
  readonly onOpen: (lesson: Lesson) => void;
  readonly onClose: () => void;
}

const FOCUS_LABEL: Record<Lesson['focus'], string> = {
  timeline: 'watch the timeline',
  results: 'watch the results',
  compare: 'then press Compare',
};

/** A modal gallery: focus moves in when it opens, Tab stays inside, Escape or Close leaves. */
export function LessonsGallery({ onOpen, onClose }: LessonsGalleryProps) {
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.querySelector<HTMLButtonElement>('.lesson-card button')?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };

  const seeds = LESSONS.filter((l) => /^S\d/.test(l.title));
  const short = LESSONS.filter((l) => !seeds.includes(l));
  const cards = (list: readonly Lesson[]) => (
    <ul className="lesson-cards">
      {list.map((l) => (
        <li key={l.id} className="lesson-card">
          <button type="button" onClick={() => onOpen(l)} aria-describedby={`lesson-${l.id}-watch`}>
            {l.title}
          </button>
          <p id={`lesson-${l.id}-watch`}>{l.watch}</p>
          <span className="lesson-focus">{FOCUS_LABEL[l.focus]}</span>
          <FlinkBadge id={l.id} />
        </li>
      ))}
    </ul>
  );

  return (
    <div className="lessons-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="lessons-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Lessons"
        onKeyDown={onKeyDown}
      >
        <header>
          <h2>Lessons</h2>
          <p className="lessons-intro">
            One click loads a script and its settings and runs it. Teaching lessons play a few rows a second
            so every row can be followed; the seed scenarios run at benchmark speed.
          </p>
          <button type="button" className="lessons-close" onClick={onClose}>
            Close
          </button>
        </header>
        <h3>Windows, watermarks and architectures</h3>
        {cards(short)}
        <h3>The five seed scenarios</h3>
        {cards(seeds)}
      </div>
    </div>
  );
}

/** The last differential check against Apache Flink: same rows, or the known difference and why. */
function FlinkBadge({ id }: { id: string }) {
  const c = flinkCheckOf(id);
  if (!c) return null;
  return c.same ? (
    <span className="lesson-flink same">
      ✓ same rows as Flink {c.flink} (checked {c.checked})
    </span>
  ) : (
    <span className="lesson-flink differs" title={c.result}>
      ≠ Flink {c.flink}: a known difference (checked {c.checked}) —{' '}
      {c.result.replace(/^differs from Flink [\d.]+: /, '')}
    </span>
  );
}
