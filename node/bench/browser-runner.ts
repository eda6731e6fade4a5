/**
 * `npm run bench -- --browser`: bundles the bench page and the engine worker
 * with esbuild, serves them with COOP/COEP (SharedArrayBuffer needs
 * cross-origin isolation), and runs the matrix in headless Debian Chromium.
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { VariantsArgs } from './bench-args';
import type { MatrixResult } from './variants-matrix';
import type { ParallelCeilings } from './ceiling-loops';

const OUT = join(process.cwd(), 'build/bench-web');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.map': 'application/json',
};

async function bundle(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: {
      'browser-page': 'node/bench/browser-page.ts',
      'engine.worker': 'engine/worker/engine.worker.ts',
    },
    outdir: OUT,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2023',
    sourcemap: 'linked',
    loader: { '.sql': 'text' },
    logLevel: 'warning',
  });
  writeFileSync(
    join(OUT, 'index.html'),
    // An empty icon: Chromium asks for /favicon.ico otherwise, and the 404 is a console error.
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Windtunnel variants bench</title><script type="module" src="./browser-page.js"></script>\n',
  );
}

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(OUT, path === '' ? 'index.html' : path);
    if (!file.startsWith(OUT) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function runBrowserMatrix(
  args: VariantsArgs,
  log: (line: string) => void,
): Promise<{ matrix: MatrixResult; ceilings: ParallelCeilings }> {
  await bundle();
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    page.on('console', (m) =>
      m.type() === 'log' ? log(m.text()) : log(`[browser ${m.type()}] ${m.text()}`),
    );
    page.on('pageerror', (e) => log(`[browser error] ${e.message}`));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.benchReady === true);
    const version = browser.version();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    log(`chromium ${version}, navigator.hardwareConcurrency = ${cores}`);
    const o = {
      rows: args.rows,
      perRecordRows: args.perRecordRows,
      runs: args.runs,
      only: args.only,
      warmup: args.warmup,
      minSeconds: args.minSeconds,
    };
    const matrix = await page.evaluate((opts) => window.runVariantsBench(opts), o);
    // After the matrix, in the same page: the yardstick for its partitioned goal.
    const ceilings = await page.evaluate((runs) => window.measureCeilings(runs), args.runs);
    return { matrix, ceilings };
  } finally {
    await browser.close();
    server.close();
  }
}
