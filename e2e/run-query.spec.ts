import { expect, test } from '@playwright/test';
import { screenshotPath, watchConsole } from './console-guard';
import { runButton } from './editor-helpers';

test('a query runs in workers, its rows appear, and Stop stops it', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await runButton(page, 'Run').click();

  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('row').nth(2)).toBeVisible();
  await expect(results.getByRole('columnheader', { name: 'symbol' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Running');

  // Rows keep arriving while it runs.
  const count = async (): Promise<number> =>
    Number((await results.getByRole('tab', { name: /Changelog/ }).textContent())?.replace(/\D/g, '') ?? 0);
  const first = await count();
  await expect.poll(count).toBeGreaterThan(first);
  await page.screenshot({ path: screenshotPath('running') });

  await runButton(page, 'Stop').click();
  await expect(page.getByRole('status')).toContainText('Stopped');
  // The results view redraws at most 5 times a second: let the last redraw land, then nothing may change.
  await page.waitForTimeout(400);
  const after = await count();
  await page.waitForTimeout(500);
  expect(await count()).toBe(after);
  await expect(runButton(page, 'Run')).toBeEnabled();
  expect(errors).toEqual([]);
});
