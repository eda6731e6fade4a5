// Node 20 runs no .ts, so every Node entry point (`node/**/*.main.ts`: the CLI,
// benchmarks, Node worker scripts) is bundled to build/node/<name>.mjs with
// esbuild and run from there. Bundling takes well under a second.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';

function findEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findEntries(p));
    else if (name.endsWith('.main.ts')) out.push(p);
  }
  return out;
}

const entries = findEntries('node');
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
