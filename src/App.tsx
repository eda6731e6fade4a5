import { useMemo, useState } from 'react';
import { compileScript, formatDiagnostic, type PhysicalPlan } from '../engine/index';
import { LiveCharts } from './charts/LiveCharts';
import { ComparePanel } from './compare/ComparePanel';
import { SqlEditor } from './editor/SqlEditor';
import { ExportMenu } from './results/ExportMenu';
import { PlanGraph } from './plan/PlanGraph';
import { LessonsGallery } from './lessons/LessonsGallery';
import type { Lesson } from './lessons/lessons';
import { ResultsPanel } from './results/ResultsPanel';
import { RunControls } from './run/RunControls';
import { useRunController } from './run/use-run-controller';
import { SourcesPanel } from './sources/SourcesPanel';
import { setStreamOption } from './sources/stream-options-edit';
import { NO_FILES, type UploadedFiles } from './sources/uploaded-files';
import { ResultsStore } from './state/results-store';
import { DEFAULT_SETTINGS, type Settings } from './state/settings';
import { decodeSharedState, encodeSharedState } from './state/share-link';
import { TimelinePanel } from './timeline/TimelinePanel';
import { TimelineStore } from './timeline/timeline-store';

export const DEFAULT_SCRIPT = 'SELECT * FROM trades';

const NO_SOURCES: readonly PhysicalPlan['sources'][number][] = [];

type Theme = 'light' | 'dark';

export function App() {
  const restored = useMemo(() => decodeSharedState(window.location.hash), []);
  const [script, setScript] = useState(restored?.script ?? DEFAULT_SCRIPT);
  const [settings, setSettings] = useState<Settings>(restored?.settings ?? DEFAULT_SETTINGS);
  const [theme, setTheme] = useState<Theme>(() =>
    window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  );
  // By stream: a join's inputs each take their own file; a file stays while the script's streams change.
  const [files, setFiles] = useState<UploadedFiles>(NO_FILES);
  const [notice, setNotice] = useState<string | null>(null);
  const [lessonsOpen, setLessonsOpen] = useState(false);
  const [comparing, setComparing] = useState(false);
  // Result views redraw at most 5 times a second: enough to watch, cheap at full speed.
  const [store] = useState(() => new ResultsStore((fn) => setTimeout(fn, 200)));
  const compiled = useMemo(() => compileScript(script), [script]);
  const [timeline] = useState(() => new TimelineStore((fn) => setTimeout(fn, 200)));
  const run = useRunController(store, timeline);

  const sources = compiled.plan?.sources ?? NO_SOURCES;
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');

  const start = (cursorOffset?: number, sql = script, runSettings = settings): void => {
    if (comparing) {
      setNotice('Compare is using the workers: press Run when it has finished (or Cancel it).');
      return;
    }
    setNotice(null);
    const target =
      cursorOffset === undefined && sql === script ? compiled : compileScript(sql, { offset: cursorOffset });
    if (!target.plan) {
      const first = target.diagnostics.find((d) => d.severity === 'error');
      setNotice(first ? `Cannot run: ${formatDiagnostic(first)}` : 'Cannot run: the script has no query.');
      return;
    }
    run.start(target.plan, runSettings, files);
  };

  // One click: the lesson's script and settings replace the current ones, it runs, and the view it is about scrolls in.
  const openLesson = (lesson: Lesson): void => {
    const next = { ...settings, ...lesson.settings };
    setLessonsOpen(false);
    setScript(lesson.script);
    setSettings(next);
    start(undefined, lesson.script, next);
    requestAnimationFrame(() =>
      document.getElementById(`view-${lesson.focus}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };

  const share = async (): Promise<void> => {
    const hash = encodeSharedState({ script, settings });
    window.history.replaceState(null, '', hash);
    try {
      await navigator.clipboard.writeText(window.location.href);
      setNotice('Link copied to the clipboard and put in the address bar.');
    } catch {
      setNotice('Link put in the address bar (the clipboard was not available).');
    }
  };

  const status =
    notice ??
    run.status ??
    (errors.length > 0
      ? `${errors.length} problem${errors.length > 1 ? 's' : ''} in the script: ${formatDiagnostic(errors[0]!)}`
      : 'Ready — press Run (or Ctrl/⌘+Enter).');

  return (
    <div className={`app theme-${theme}`}>
      <header className="app-header">
        <h1>Windtunnel</h1>
        <span className="tagline">streaming SQL, in your browser</span>
        <button type="button" onClick={() => setLessonsOpen(true)} aria-haspopup="dialog">
          Lessons
        </button>
        <button type="button" onClick={() => void share()}>
          Share
        </button>
        <ExportMenu store={store} script={script} />
        <button
          type="button"
          className="ghost"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      <main className="app-main" id="view-results">
        <div className="left-column">
          <section className="editor-panel" aria-label="Query">
            <SqlEditor value={script} onChange={setScript} onRun={start} theme={theme} />
          </section>
          <SourcesPanel
            sources={sources}
            files={files}
            onOption={(stream, key, value) =>
              setScript(setStreamOption(script, compiled.streams, stream, key, value))
            }
            onFile={(stream, f) =>
              setFiles((all) => {
                const next = { ...all };
                if (f) next[stream] = f;
                else delete next[stream];
                return next;
              })
            }
          />
        </div>
        <div className="right-column">
          <RunControls
            phase={run.phase}
            settings={settings}
            onSettings={setSettings}
            onRun={() => start()}
            onPause={run.pause}
            onResume={run.resume}
            onStop={run.stop}
            blocked={comparing}
          />
          <ResultsPanel store={store} />
          <LiveCharts samples={run.samples} />
        </div>
      </main>
      <div className="teaching">
        <div id="view-timeline">
          <TimelinePanel store={timeline} />
        </div>
        <PlanGraph plan={compiled.plan} flow={run.flow} />
        <div id="view-compare">
          <ComparePanel
            plan={compiled.plan}
            settings={settings}
            files={files}
            mainRunBusy={run.phase !== 'idle'}
            onBusy={setComparing}
            script={script}
          />
        </div>
      </div>
      {lessonsOpen && <LessonsGallery onOpen={openLesson} onClose={() => setLessonsOpen(false)} />}
      <footer className={`status-bar${run.failed ? ' failed' : ''}`} role="status">
        {status}
      </footer>
    </div>
  );
}
