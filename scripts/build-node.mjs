// Node 20 runs no .ts, so every Node entry point (`node/**/*.main.ts`: the CLI,
// benchmarks, Node worker scripts) is bundled to build/node/<name>.mjs with
// esbuild and run from there. Bundling takes well under a second.
import { build } from 'esbuild';
import { basename } from 'node:path';
import { findFiles } from './find-files.mjs';

const entries = findFiles('node', '.main.ts');
await build({
  entryPoints: Object.fromEntries(entries.map((e) => [basename(e, '.main.ts'), e])),
  outdir: 'build/node',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Native and heavy packages stay external; they load from node_modules.
  packages: 'external',
  // Text assets (SQL scenario scripts) are imported as strings.
  loader: { '.sql': 'text' },
  logLevel: 'warning',
});
