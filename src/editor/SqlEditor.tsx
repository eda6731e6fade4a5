import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from './monaco-environment';

export interface SqlEditorProps {
  readonly initialValue: string;
  readonly onChange?: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  readonly onRun?: () => void;
  readonly theme: 'light' | 'dark';
}

/** The Monaco editor, created once; props that change later are read through refs. */
export function SqlEditor({ initialValue, onChange, onRun, theme }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onChange, onRun });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onRun };
  });

  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      value: initialValue,
      language: 'sql',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      ariaLabel: 'SQL editor',
      tabSize: 2,
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onRun?.());
    const sub = editor.onDidChangeModelContent(() => callbacks.current.onChange?.(editor.getValue()));
    return () => {
      sub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
    };
    // The editor is created once; later initialValue changes are not pushed in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return <div className="editor-host" ref={host} data-testid="sql-editor" />;
}
