/**
 * Wires the engine's language services (pure functions) into Monaco:
 * completions, hovers, the Format action, and diagnostics as markers.
 */
import { completionsAt, diagnose, formatScript, hoverAt, type Diagnostic } from '../../engine/index';
import type { monaco as Monaco } from './monaco-environment';
import { LANGUAGE_ID } from './windtunnel-language';

type M = typeof Monaco;

/** The one place where engine diagnostics become Monaco markers. */
export function diagnosticsToMarkers(
  monaco: M,
  diagnostics: readonly Diagnostic[],
): Monaco.editor.IMarkerData[] {
  return diagnostics.map((d) => ({
    message: d.message,
    severity:
      d.severity === 'error'
        ? monaco.MarkerSeverity.Error
        : d.severity === 'warning'
          ? monaco.MarkerSeverity.Warning
          : monaco.MarkerSeverity.Info,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.line,
    endColumn: d.column + Math.max(1, d.length),
    source: 'windtunnel',
  }));
}

const KIND: Record<string, keyof typeof Monaco.languages.CompletionItemKind> = {
  keyword: 'Keyword',
  stream: 'Struct',
  column: 'Field',
  function: 'Function',
  snippet: 'Snippet',
};

let registered = false;

export function registerEditorServices(monaco: M): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [' ', '.', '(', ','],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const items = completionsAt(model.getValue(), model.getOffsetAt(position));
      return {
        suggestions: items.map((c) => ({
          ...(c.replaceFrom === undefined
            ? {}
            : {
                // The range starts at the opening quote, so Monaco filters on the quoted text.
                filterText: c.insertText ?? c.label,
              }),
          label: c.label,
          kind: monaco.languages.CompletionItemKind[KIND[c.kind] ?? 'Text'],
          detail: c.detail,
          documentation: c.documentation,
          insertText: c.insertText ?? c.label,
          insertTextRules:
            c.kind === 'snippet' ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          range:
            c.replaceFrom === undefined
              ? range
              : monaco.Range.fromPositions(
                  model.getPositionAt(c.replaceFrom),
                  model.getPositionAt(c.replaceTo ?? model.getOffsetAt(position)),
                ),
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const h = hoverAt(model.getValue(), model.getOffsetAt(position));
      if (!h) return null;
      const start = model.getPositionAt(h.span.start);
      const end = model.getPositionAt(h.span.end);
      return {
        contents: [{ value: h.contents }],
        range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
      };
    },
  });
  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    provideDocumentFormattingEdits(model) {
      const formatted = formatScript(model.getValue());
      return formatted === null ? [] : [{ range: model.getFullModelRange(), text: formatted }];
    },
  });
}

/** Re-checks the script after the user pauses typing; returns a disposer. */
export function watchDiagnostics(monaco: M, model: Monaco.editor.ITextModel, delayMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    monaco.editor.setModelMarkers(
      model,
      'windtunnel',
      diagnosticsToMarkers(monaco, diagnose(model.getValue())),
    );
  };
  check();
  const sub = model.onDidChangeContent(() => {
    clearTimeout(timer);
    timer = setTimeout(check, delayMs);
  });
  return () => {
    clearTimeout(timer);
    sub.dispose();
  };
}
