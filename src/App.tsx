import { useState } from 'react';
import { SqlEditor } from './editor/SqlEditor';

const DEFAULT_QUERY = 'SELECT * FROM trades';

type Theme = 'light' | 'dark';

export function App() {
  const [theme, setTheme] = useState<Theme>(() =>
    window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  );
  const [status, setStatus] = useState('Ready');

  const run = (): void => {
    // No fake results: until the engine lands, say so.
    setStatus('Cannot run yet: the engine is not built yet.');
  };

  return (
    <div className={`app theme-${theme}`}>
      <header className="app-header">
        <h1>Windtunnel</h1>
        <span className="tagline">streaming SQL, in your browser</span>
        <button
          type="button"
          className="ghost"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      <main className="app-main">
        <section className="editor-panel" aria-label="Query">
          <div className="toolbar">
            <button type="button" className="primary" onClick={run}>
              Run
            </button>
            <span className="hint">Ctrl/⌘ + Enter</span>
          </div>
          <SqlEditor initialValue={DEFAULT_QUERY} onRun={run} theme={theme} />
        </section>
        <section className="results-panel" aria-label="Results">
          <h2>Results</h2>
          <p className="empty">Press Run to start the query.</p>
        </section>
      </main>
      <footer className="status-bar" role="status">
        {status}
      </footer>
    </div>
  );
}
