/** Monaco themes that sit on the app's panels (same backgrounds as `--panel` in styles.css). */
import type { monaco as Monaco } from './monaco-environment';

export const EDITOR_THEMES = { light: 'windtunnel-light', dark: 'windtunnel-dark' } as const;

let defined = false;

export function defineEditorThemes(monaco: typeof Monaco): void {
  if (defined) return;
  defined = true;
  monaco.editor.defineTheme(EDITOR_THEMES.light, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editorLineNumber.foreground': '#8a94a3',
      'editorLineNumber.activeForeground': '#1b2330',
      'editor.lineHighlightBackground': '#f3f6f9',
      focusBorder: '#0b6bcb',
    },
  });
  monaco.editor.defineTheme(EDITOR_THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#151d2b',
      'editorGutter.background': '#151d2b',
      'editorLineNumber.foreground': '#5d6a7e',
      'editorLineNumber.activeForeground': '#e3e9f2',
      'editor.lineHighlightBackground': '#1b2536',
      'editor.lineHighlightBorder': '#00000000',
      'editorWidget.background': '#1b2536',
      'editorSuggestWidget.background': '#1b2536',
      'editorHoverWidget.background': '#1b2536',
      focusBorder: '#4ea8ff',
    },
  });
}
