import { useEffect, useLayoutEffect, useRef } from 'react';
import { registerEditorServices, watchDiagnostics } from './editor-services';
import { defineEditorThemes, EDITOR_THEMES } from './editor-themes';
import { monaco } from './monaco-environment';
import { LANGUAGE_ID, registerWindtunnelLanguage } from './windtunnel-language';

export interface SqlEditorProps {
  /** The script. Changes from outside (a knob, a lesson, a link) are applied as an undoable edit. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter: run the statement under the cursor (offset into the script). */
  readonly onRun: (cursorOffset: number) => void;
  readonly theme: 'light' | 'dark';
}

export function SqlEditor({ value, onChange, onRun, theme }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onRun });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onRun };
  });

  useEffect(() => {
    if (!host.current) return;
    registerWindtunnelLanguage(monaco);
    registerEditorServices(monaco);
    defineEditorThemes(monaco);
    const editor = monaco.editor.create(host.current, {
      value,
      theme: EDITOR_THEMES[theme],
      // The editor column is narrow: long lines wrap instead of hiding the start of the query.
      wordWrap: 'on',
      language: LANGUAGE_ID,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      ariaLabel: 'SQL editor',
      tabSize: 2,
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    const model = editor.getModel()!;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () =>
      callbacks.current.onRun(model.getOffsetAt(editor.getPosition() ?? { lineNumber: 1, column: 1 })),
    );
    const sub = editor.onDidChangeModelContent(() => callbacks.current.onChange(editor.getValue()));
    const stopDiagnostics = watchDiagnostics(monaco, model);
    return () => {
      stopDiagnostics();
      sub.dispose();
      model.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // Created once; later `value` changes arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    editor.pushUndoStop();
    editor.executeEdits('windtunnel', [{ range: model.getFullModelRange(), text: value }]);
    editor.pushUndoStop();
  }, [value]);

  useEffect(() => {
    monaco.editor.setTheme(EDITOR_THEMES[theme]);
  }, [theme]);

  return (
    <>
      <div className="editor-host" ref={host} data-testid="sql-editor" />
      <p className="editor-keys" id="editor-keys">
        <kbd>Ctrl/⌘+Enter</kbd> runs · <kbd>Ctrl+M</kbd> (Mac: <kbd>⌃⇧M</kbd>) lets Tab leave the editor
      </p>
    </>
  );
}
