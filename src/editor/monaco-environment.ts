/**
 * Monaco, bundled locally (the page must work offline): only the editor core,
 * its features and our own language — the bare `monaco-editor` import would
 * pull every language and a 7 MB TypeScript worker. The editor worker is loaded
 * the Vite way (`?worker`), so it is a same-origin module worker and passes COEP.
 */
import 'monaco-editor/features/register.all';
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
