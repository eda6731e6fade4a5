/**
 * Bundles only the engine worker entry (same settings as scripts/build-node.mjs),
 * so tests of real worker threads do not depend on every other Node entry building.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

export async function buildEngineWorker(outdir = join(process.cwd(), 'build/test-worker')): Promise<string> {
  await build({
    entryPoints: { 'engine-worker': join(process.cwd(), 'node/worker/engine-worker.main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    loader: { '.sql': 'text' },
    logLevel: 'warning',
  });
  return join(outdir, 'engine-worker.mjs');
}
