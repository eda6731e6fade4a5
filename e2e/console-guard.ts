import { type Page } from '@playwright/test';

/** Collects console errors and uncaught page errors; tests assert the list stays empty. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  return errors;
}

/** Where screenshots go: the README's folder when asked to refresh them, else test-results. */
export function screenshotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS
    ? `docs/screenshots/${name}.png`
    : `test-results/screenshots/${name}.png`;
}
