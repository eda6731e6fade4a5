/**
 * Bundles Node entry points for tests with scripts/build-node.mjs's settings, only
 * the ones a test needs, so tests do not depend on every other Node entry building.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

/** Bundles `entries` (output name → source path) to `outdir/<name>.mjs`. */
export async function bundleNodeEntries(entries: Record<string, string>, outdir: string): Promise<void> {
  await build({
    entryPoints: entries,
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
}

/** The worker-thread entry a run's engines load (see node-engine-factory.ts). */
export const ENGINE_WORKER_ENTRY = {
  'engine-worker': join(process.cwd(), 'node/worker/engine-worker.main.ts'),
};

export async function buildEngineWorker(outdir = join(process.cwd(), 'build/test-worker')): Promise<string> {
  await bundleNodeEntries(ENGINE_WORKER_ENTRY, outdir);
  return join(outdir, 'engine-worker.mjs');
}
